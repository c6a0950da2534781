// An admin captures an authorized payment and refunds a paid order from the
// order's page in /admin: a bad amount is refused in the form, a partial
// refund leaves the order partially refunded, the rest refunds it in full,
// and nothing above what was captured can be refunded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO } from './harness.mjs';
import { shopAndBrowser, createUser, placePaidOrder, adminSignIn, tokenFor, eventually } from './admin_support.mjs';

// Orders only authorize at checkout here, so the capture button has work.
const env = shopAndBrowser({ env: { EMPORIUM_ORDER_CAPTURE_ON_CHECKOUT: 'false' } });

async function orderAs(shop, token, id) {
  const res = await shop.api(`/orders/${id}`, { token });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

async function paymentsAs(shop, token, id) {
  const res = await shop.api(`/orders/${id}/payments`, { token });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.results ?? res.body;
}

test('an admin captures an authorized payment, then refunds part of the order and the rest', async (t) => {
  const { shop, browser } = env;
  const customer = await createUser(shop, 'customer', 'refunded');
  const { order } = await placePaidOrder(shop, customer);
  assert.equal(order.status, 'pending_payment', 'an authorize-only checkout leaves the order awaiting capture');
  assert.equal(order.payment.status, 'authorized');
  const admin = await tokenFor(shop, DEMO.admin);
  const total = Number(order.total);
  const part = Math.round(total * 40) / 100;  // 40 % of the total, in whole cents

  await browser.run(t, async (page) => {
    page.on('dialog', (dialog) => dialog.accept());  // the refund asks to confirm
    await adminSignIn(page, shop.baseUrl, DEMO.admin, `/admin/orders/${order.id}`);
    await page.getByTestId('order-status').getByText('pending payment').waitFor();

    // Capture: the payment event settles the order as paid.
    await page.getByRole('button', { name: 'Capture', exact: true }).click();
    await page.getByRole('status').getByText('Payment captured').waitFor();
    await eventually('the order is paid', async () => (await orderAs(shop, admin, order.id)).status === 'paid');
    await page.reload();
    await page.getByTestId('order-status').getByText('paid', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Capture', exact: true }).waitFor({ state: 'detached' });

    const form = page.getByRole('form', { name: 'Refund' });
    const amount = form.getByLabel(/^Amount/);
    // Refused in the form, before any request.
    await amount.fill('nothing');
    await form.getByRole('button', { name: 'Refund' }).click();
    await form.getByText('Enter an amount such as 12.50.').waitFor();
    // More than was captured: the server refuses it and the form says why.
    await amount.fill((total + 1).toFixed(2));
    await form.getByRole('button', { name: 'Refund' }).click();
    await form.getByText(/exceed the captured amount/).waitFor();
    assert.equal(Number((await paymentsAs(shop, admin, order.id))[0].refunded_amount), 0, 'nothing was refunded');

    // A partial refund.
    await amount.fill(part.toFixed(2));
    await form.getByRole('button', { name: 'Refund' }).click();
    await page.getByRole('status').getByText(/^Refunded/).first().waitFor();
    await eventually('the order is partially refunded',
      async () => (await orderAs(shop, admin, order.id)).status === 'partially_refunded');
    await page.reload();
    await page.getByTestId('order-status').getByText('partially refunded').waitFor();
    // The payment's row shows what was refunded.
    const row = page.getByRole('row', { name: new RegExp(order.payment.id) });
    await row.getByRole('cell', { name: `$${part.toFixed(2)}`, exact: true }).waitFor();

    // The rest.
    const rest = (Math.round(total * 100) - Math.round(part * 100)) / 100;
    await amount.fill(rest.toFixed(2));  // locators resolve again after the reload
    await form.getByRole('button', { name: 'Refund' }).click();
    await eventually('the order is refunded', async () => (await orderAs(shop, admin, order.id)).status === 'refunded');
    await page.reload();
    await page.getByTestId('order-status').getByText('refunded', { exact: true }).waitFor();
  });

  const [payment] = await paymentsAs(shop, admin, order.id);
  assert.equal(payment.status, 'refunded');
  assert.equal(Number(payment.refunded_amount), total, 'refunds add up to exactly what was captured');
});
