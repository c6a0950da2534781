// The admin overview: sales chart, top products and low-stock alerts after a
// sale. Its screenshot is the README's docs/images/admin-overview.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO } from './harness.mjs';
import { shopAndBrowser, createUser, placePaidOrder, adminSignIn, tokenFor, eventually } from './admin_support.mjs';

const README_IMAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/images/admin-overview.png');

const env = shopAndBrowser();

test('the admin overview charts sales and lists top products and low stock', async (t) => {
  const { shop, browser } = env;
  const customer = await createUser(shop, 'customer', 'overview-buyer');
  const { product } = await placePaidOrder(shop, customer);
  const admin = await tokenFor(shop, DEMO.admin);
  await eventually('the sale reaches the sales report', async () => {
    const res = await shop.api('/admin/reports/sales', { token: admin });
    return res.status === 200 && Number(res.body.orders) >= 1;
  });

  await browser.run(t, async (page) => {
    await adminSignIn(page, shop.baseUrl, DEMO.admin);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByRole('img', { name: /Revenue and orders over time/ }).waitFor();
    assert.ok(Number(await page.getByTestId('stat-orders').textContent()) >= 1);
    await page.getByRole('link', { name: product.name }).first().waitFor();
    // The low-stock card has finished loading (alerts or its empty state).
    await page.locator('.admin-card', { hasText: 'Low-stock alerts' }).locator('table, .state-empty').first().waitFor();
    assert.equal(await page.locator('[aria-busy="true"]').count(), 0);
  }, { screenshot: README_IMAGE });
});
