// An admin ships a paid order from /admin (shipment, label, status), and the
// customer then sees the tracking number in their order history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO } from './harness.mjs';
import { shopAndBrowser, createUser, placePaidOrder, adminSignIn, tokenFor, eventually } from './admin_support.mjs';

const env = shopAndBrowser();

test('an admin ships an order and the customer sees its tracking number', async (t) => {
  const { shop, browser } = env;
  const customer = await createUser(shop, 'customer', 'buyer');
  const { order } = await placePaidOrder(shop, customer);
  const admin = await tokenFor(shop, DEMO.admin);
  await eventually('the order is paid', async () => {
    const res = await shop.api(`/orders/${order.id}`, { token: admin });
    return res.body?.status === 'paid';
  });

  let tracking = null;
  await browser.run(t, async (page) => {
    await adminSignIn(page, shop.baseUrl, DEMO.admin, '/admin/orders?status=paid');
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
    await page.getByRole('link', { name: order.id }).click();
    await page.getByTestId('order-status').getByText('paid').waitFor();

    await page.getByRole('button', { name: 'Create shipment' }).click();
    const number = page.getByTestId('tracking-number');
    await number.waitFor();
    tracking = (await number.textContent()).trim();
    assert.match(tracking, /\w{4,}/, 'a tracking number is shown');

    // The label is a PDF fetched with the bearer token and opened as an object URL.
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('button', { name: 'Open label (PDF)' }).click(),
    ]);
    await popup.waitForURL(/^blob:/);
    await popup.close();

    await page.getByLabel('New status').selectOption('shipped');
    await page.getByRole('button', { name: 'Change status' }).click();
    await page.getByTestId('order-status').getByText('shipped').waitFor();
    // A shipped order offers only "delivered" next.
    assert.deepEqual(await page.getByLabel('New status').locator('option').allTextContents(), ['delivered']);
  });

  const after = await shop.api(`/orders/${order.id}`, { token: admin });
  assert.equal(after.body.status, 'shipped');

  await browser.run(t, async (page) => {
    await page.goto(shop.baseUrl + '/signin');
    await page.getByLabel('Email').fill(customer.email);
    await page.getByLabel('Password').fill(customer.password);
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
    // Order history, then the order's own page, which shows its tracking.
    await page.goto(shop.baseUrl + '/account/orders');
    await page.getByRole('link', { name: order.id }).click();
    await page.getByText(tracking).first().waitFor();
  });
});
