// Setup steps shared by the admin browser tests: tokens, a second seller, a
// paid order placed through the public API (the storefront flow itself is
// covered by the store_*.test.mjs tests).
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { DEMO, uniqueEmail, startShop, openBrowser } from './harness.mjs';

/**
 * One shop and one browser for the test file: returns {shop, browser}, filled in before the tests.
 * `shopOptions` go to startShop ({args, env}).
 */
export function shopAndBrowser(shopOptions = {}) {
  const env = { shop: null, browser: null };
  before(async () => {
    env.shop = await startShop(shopOptions);
    env.browser = await openBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.shop?.stop();
  });
  return env;
}

export const ADDRESS = {
  name: 'Ada Admin-Test', line1: '1 Test Street', line2: '', city: 'Springfield',
  region: 'IL', postal_code: '62701', country: 'US',
};

export async function tokenFor(shop, { email, password }) {
  const res = await shop.api('/auth/login', { method: 'POST', body: { email, password } });
  assert.equal(res.status, 200, `login ${email}: ${JSON.stringify(res.body)}`);
  return res.body.token;
}

/** Registers a user; with role other than customer, the demo admin promotes them. */
export async function createUser(shop, role = 'customer', prefix = role) {
  const email = uniqueEmail(prefix);
  const password = 'browser-test-pass-1';
  const reg = await shop.api('/auth/register', { method: 'POST', body: { email, password, name: `Test ${prefix}` } });
  assert.equal(reg.status, 201, `register: ${JSON.stringify(reg.body)}`);
  if (role !== 'customer') {
    const admin = await tokenFor(shop, DEMO.admin);
    const put = await shop.api(`/users/${reg.body.user.id}`, { method: 'PUT', token: admin, body: { role } });
    assert.equal(put.status, 200, `promote: ${JSON.stringify(put.body)}`);
  }
  return { id: reg.body.user.id, email, password, token: await tokenFor(shop, { email, password }) };
}

/** A customer buys one in-stock demo product with the good test card. Returns {order, customer}. */
export async function placePaidOrder(shop, customer) {
  const token = customer.token;
  const cart = await shop.api('/carts', { method: 'POST', token, body: {} });
  assert.equal(cart.status, 201, `create cart: ${JSON.stringify(cart.body)}`);
  const products = await shop.api('/products?per_page=50&sort=price_asc');
  let added = null;
  for (const p of products.body.results.filter((x) => x.in_stock)) {
    const res = await shop.api(`/carts/${cart.body.id}/items`, { method: 'POST', token, body: { product_id: p.id, quantity: 1 } });
    if (res.status === 200 || res.status === 201) { added = p; break; }
  }
  assert.ok(added, 'no demo product could be added to a cart');
  const quote = await shop.api('/shipping/quote', { method: 'POST', token, body: { cart_id: cart.body.id, address: ADDRESS } });
  assert.equal(quote.status, 200, `shipping quote: ${JSON.stringify(quote.body)}`);
  const option = quote.body.options[0];
  const order = await shop.api('/orders', {
    method: 'POST', token, headers: { 'Idempotency-Key': `browser-${Date.now()}-${Math.random()}` },
    body: {
      cart_id: cart.body.id, shipping_address: ADDRESS, shipping_option_id: option.id,
      payment: { method: 'card', card: { number: '4242424242424242', exp_month: 12, exp_year: new Date().getUTCFullYear() + 3, cvc: '123' } },
    },
  });
  assert.equal(order.status, 201, `place order: ${JSON.stringify(order.body)}`);
  return { order: order.body, product: added };
}

/** Polls fn until it returns a truthy value (or throws after timeoutMs). */
export async function eventually(what, fn, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) { last = e; }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms${last ? `: ${last.message}` : ''}`);
}

/** Signs in on the dashboard's own sign-in page. */
export async function adminSignIn(page, baseUrl, { email, password }, path = '/admin') {
  await page.goto(baseUrl + path);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Dashboard sections' }).waitFor();
}
