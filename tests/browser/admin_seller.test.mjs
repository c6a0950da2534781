// A seller edits their own product in /admin and cannot see another seller's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO } from './harness.mjs';
import { shopAndBrowser, createUser, adminSignIn } from './admin_support.mjs';

const env = shopAndBrowser();

test('a seller edits their product and cannot see another seller\'s', async (t) => {
  const { shop, browser } = env;
  const other = await createUser(shop, 'seller', 'other-seller');
  const otherName = `Rival Lamp ${Date.now().toString(36)}`;
  const created = await shop.api('/products', {
    method: 'POST', token: other.token,
    body: { name: otherName, price: 31.5, currency: 'USD', sku: `RIVAL-${Date.now().toString(36)}`, description: 'Not yours.' },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));

  await browser.run(t, async (page) => {
    await adminSignIn(page, shop.baseUrl, DEMO.seller, '/admin/products');
    const nav = page.getByRole('navigation', { name: 'Dashboard sections' });
    // Admin-only sections are not offered to a seller.
    assert.equal(await nav.getByRole('link', { name: 'Users' }).count(), 0);
    assert.equal(await nav.getByRole('link', { name: 'Notifications' }).count(), 0);

    await page.getByRole('heading', { name: 'Products' }).waitFor();
    const links = page.getByTestId('product-link');
    await links.first().waitFor();
    const names = await links.allTextContents();
    assert.ok(names.length > 0, 'the seller sees their products');
    assert.ok(!names.includes(otherName), 'another seller\'s product is not listed');

    await page.getByLabel('Search').fill(otherName);
    await page.getByText('No products match').waitFor();

    // Open and edit one of their own products.
    await page.getByLabel('Search').fill('');
    await links.first().waitFor();
    const original = (await links.first().textContent()).trim();
    await links.first().click();
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
    const name = page.getByRole('textbox', { name: 'Name', exact: true });
    await name.waitFor();

    // A server-side validation error appears at its field.
    const sku = page.getByLabel('SKU');
    const goodSku = await sku.inputValue();
    await sku.fill('not a valid sku!');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator(`#${await sku.getAttribute('id')}-error`).filter({ hasText: /\S/ }).waitFor();
    assert.equal(await sku.getAttribute('aria-invalid'), 'true');
    await sku.fill(goodSku);

    const renamed = `${original} (edited)`.slice(0, 200);
    await name.fill(renamed);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: renamed }).waitFor();
    const after = await shop.api(`/products/${id}`);
    assert.equal(after.body.name, renamed);

    // Another seller's product, opened by its address, is not shown.
    await page.goto(`${shop.baseUrl}/admin/products/${created.body.id}`);
    await page.getByRole('heading', { name: 'Product not found' }).waitFor();
    assert.equal(await page.getByText(otherName).count(), 0);
  });
});
