// Storefront end to end in headless Chromium against the real binary:
// a guest browses, searches with a misspelling, adds to cart, registers,
// checks out with the good test card and sees the confirmation; a declined
// card shows its message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { shopSession, uniqueEmail, CARDS, TEST_PASSWORD } from './harness.mjs';

const session = shopSession();
const PASSWORD = TEST_PASSWORD;

async function register(page, name, email, next = '') {
  await page.goto(session.shop.baseUrl + '/register' + (next ? `?next=${encodeURIComponent(next)}` : ''));
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
}

async function fillAddress(page) {
  await page.getByLabel('Full name').fill('Ada Lovelace');
  await page.getByLabel('Address line 1').fill('12 Analytical Row');
  await page.getByLabel('City').fill('Springfield');
  await page.getByLabel('State / region').fill('IL');
  await page.getByLabel('Postal code').fill('62701');
  await page.getByLabel('Country').selectOption('US');
}

async function payWith(page, card) {
  await page.getByLabel('Card number').fill(card);
  await page.getByLabel('CVC').fill('123');
  await page.getByRole('button', { name: 'Place order' }).click();
}

async function addFirstSearchResult(page, query, expectedName) {
  await page.getByRole('searchbox', { name: 'Search products' }).fill(query);
  await page.getByRole('searchbox', { name: 'Search products' }).press('Enter');
  await page.waitForURL(/\/search\?q=/);
  const card = page.locator('.product-card', { hasText: expectedName }).first();
  await card.waitFor();
  await card.locator('a').click();
  await page.waitForURL(/\/products\//);
  await page.getByRole('heading', { level: 1, name: expectedName }).waitFor();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.getByText(/Added 1 ×/).waitFor();
}

test('guest browses, searches with a misspelling, registers and buys with the good card', async (t) => {
  const home = process.env.EMPORIUM_SOURCE_DIR ? path.join(process.env.EMPORIUM_SOURCE_DIR, 'docs', 'images', 'storefront.png') : null;
  await session.browser.run(t, async (page) => {
    // Home: categories and featured products (a screenshot for the README).
    await page.goto(session.shop.baseUrl + '/');
    await page.locator('.category-tile').first().waitFor();
    await page.locator('.product-grid .product-card').first().waitFor();
    await page.locator('img.product-img').first().waitFor();
    assert.ok(await page.locator('.product-grid .product-card').count() >= 4, 'featured products are listed');
    if (home) {
      fs.mkdirSync(path.dirname(home), { recursive: true });
      await page.screenshot({ path: home, fullPage: true });
    }

    // A category page lists products.
    await page.locator('.category-tile').first().click();
    await page.waitForURL(/\/category\//);
    await page.locator('.product-grid .product-card').first().waitFor();

    // Search with a misspelling still finds the product; add it as a guest.
    await addFirstSearchResult(page, 'wireles headphnes', 'Wireless Headphones');
    await page.getByRole('link', { name: /^Cart, 1 item/ }).waitFor();

    // The cart shows the line; checkout asks a guest to sign in or register.
    await page.getByRole('link', { name: /^Cart/ }).click();
    await page.waitForURL(/\/cart$/);
    await page.locator('.cart-line', { hasText: 'Wireless Headphones' }).waitFor();
    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL((url) => url.pathname === '/register');

    // Registering merges the guest cart and comes back to checkout.
    await page.getByLabel('Full name').fill('Ada Lovelace');
    await page.getByLabel('Email').fill(uniqueEmail('buyer'));
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL((url) => url.pathname === '/checkout');
    await page.getByRole('link', { name: /^Cart, 1 item/ }).waitFor();

    // No token is kept in web storage.
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    assert.doesNotMatch(storage, /token|eyJ/i, 'tokens stay in memory');

    await fillAddress(page);
    await page.getByRole('button', { name: 'Show shipping options' }).click();
    await page.locator('input[name="shipping_option"]').first().waitFor();
    await page.getByText(/4242 4242 4242 4242/).waitFor(); // the test-card hint
    await payWith(page, CARDS.good);

    await page.waitForURL(/\/orders\/[^/]+\/confirmation$/, { timeout: 30_000 });
    await page.getByRole('heading', { name: 'Thank you for your order' }).waitFor();
    await page.getByText('Wireless Headphones').first().waitFor();
    await page.getByRole('link', { name: /^Cart, 0 items/ }).waitFor();
  }, { fullPage: true });
});

test('a declined card shows its message and no order is placed', async (t) => {
  await session.browser.run(t, async (page) => {
    await register(page, 'Grace Hopper', uniqueEmail('declined'));
    await page.waitForURL((url) => url.pathname === '/account');
    await addFirstSearchResult(page, 'headphones', 'Wireless Headphones');
    await page.goto(session.shop.baseUrl + '/checkout');
    await fillAddress(page);
    await page.getByRole('button', { name: 'Show shipping options' }).click();
    await page.locator('input[name="shipping_option"]').first().waitFor();
    await payWith(page, CARDS.declined);
    await page.getByRole('alert').filter({ hasText: /declined/i }).waitFor({ timeout: 30_000 });
    assert.match(page.url(), /\/checkout$/, 'stays on checkout');
    await page.getByRole('link', { name: /^Cart, 1 item/ }).waitFor(); // the cart is kept
  }, { fullPage: true });
});
