// Cart, checkout and order confirmation.
import { api, isSignedIn, ApiError } from '/assets/shared/api.js';
import {
  h, mount, money, formatDate, loading, errorState, emptyState, field, formValues,
  showFieldErrors, clearFieldErrors, formAlert, busy, badge,
} from '/assets/shared/dom.js';
import { productImage } from '/assets/shared/product-image.js';
import { refreshCart, currentCart, setQuantity, removeItem } from './cart.js';

const COUNTRIES = [['US', 'United States'], ['CA', 'Canada'], ['GB', 'United Kingdom'], ['DE', 'Germany'], ['FR', 'France'],
  ['NL', 'Netherlands'], ['ES', 'Spain'], ['IT', 'Italy'], ['AU', 'Australia'], ['JP', 'Japan']];

function optionsText(options) {
  const entries = Object.entries(options || {});
  return entries.length ? entries.map(([k, v]) => `${k}: ${v}`).join(', ') : '';
}

function totalsTable(cart) {
  return h('dl', { class: 'totals' },
    h('dt', null, 'Subtotal'), h('dd', null, money(cart.subtotal, cart.currency)));
}

// ---------------------------------------------------------------- cart
export async function cartPage(root, ctx) {
  document.title = 'Your cart · Emporium';
  mount(root, h('h1', null, 'Your cart'), loading('Loading your cart…', 4));
  let cart;
  try { cart = await refreshCart(); } catch (e) {
    if (!ctx.isCurrent()) return;
    mount(root, h('h1', null, 'Your cart'), errorState(e, () => cartPage(root, ctx)));
    return;
  }
  if (!ctx.isCurrent()) return;
  const items = cart?.items || [];
  if (!items.length) {
    mount(root, h('h1', null, 'Your cart'), emptyState('Your cart is empty', 'Find something you like and add it here.', h('a', { class: 'btn', href: '/' }, 'Continue shopping')));
    return;
  }
  const message = h('div', { 'aria-live': 'polite' });
  const changed = items.filter((i) => i.price_changed);
  const unavailable = items.filter((i) => i.unavailable || i.available === 0);
  const rerender = () => cartPage(root, ctx);

  const rows = items.map((item) => {
    const qtyId = `qty-${item.id}`;
    const qty = h('input', { id: qtyId, type: 'number', min: 1, max: 999, value: String(item.quantity), class: 'qty-input', inputmode: 'numeric' });
    const update = h('button', { class: 'btn btn-secondary', type: 'button' }, 'Update');
    const remove = h('button', { class: 'btn btn-link', type: 'button', 'aria-label': `Remove ${item.name}` }, 'Remove');
    update.addEventListener('click', async () => {
      const n = Number(qty.value);
      if (!Number.isInteger(n) || n < 1) { mount(message, h('div', { class: 'alert', role: 'alert' }, 'Enter a quantity of 1 or more.')); return; }
      try { await busy(update, () => setQuantity(item.id, n), 'Updating…'); rerender(); } catch (e) {
        mount(message, h('div', { class: 'alert', role: 'alert' }, e.code === 'insufficient_stock' ? `Not enough stock for ${item.name}: ${e.message}` : e.message));
      }
    });
    remove.addEventListener('click', async () => {
      try { await busy(remove, () => removeItem(item.id), 'Removing…'); rerender(); } catch (e) {
        mount(message, h('div', { class: 'alert', role: 'alert' }, e.message));
      }
    });
    return h('li', { class: 'cart-line' },
      h('a', { href: `/products/${encodeURIComponent(item.product_id)}`, class: 'cart-line-img', tabindex: '-1', 'aria-hidden': 'true' },
        productImage({ name: item.name, image_url: item.image_url }, { cls: 'product-img' })),
      h('div', { class: 'cart-line-info' },
        h('a', { href: `/products/${encodeURIComponent(item.product_id)}`, class: 'cart-line-name' }, item.name),
        optionsText(item.options) ? h('p', { class: 'small muted mb-0' }, optionsText(item.options)) : null,
        h('p', { class: 'small mb-0' }, money(item.unit_price, cart.currency), ' each'),
        item.price_changed ? h('p', { class: 'small notice-price mb-0' }, 'Price changed since you added it',
          item.previous_unit_price != null ? ` (was ${money(item.previous_unit_price, cart.currency)})` : '', '.') : null,
        item.unavailable ? h('p', { class: 'small notice-danger mb-0' }, 'No longer available: remove it to check out.') : null),
      h('div', { class: 'cart-line-qty' }, h('label', { for: qtyId, class: 'visually-hidden' }, `Quantity of ${item.name}`), qty, update, remove),
      h('div', { class: 'cart-line-total' }, money(item.line_total, cart.currency)));
  });

  mount(root,
    h('h1', null, 'Your cart'),
    changed.length ? h('div', { class: 'alert alert-warning', role: 'status' },
      `The price of ${changed.length === 1 ? changed[0].name : changed.length + ' items'} changed since you added ${changed.length === 1 ? 'it' : 'them'}. Your cart shows today's prices.`) : null,
    unavailable.length ? h('div', { class: 'alert', role: 'alert' }, 'Some items are no longer available.') : null,
    message,
    h('div', { class: 'cart-layout' },
      h('ul', { class: 'cart-lines card' }, rows),
      h('aside', { class: 'card cart-summary', 'aria-label': 'Order summary' },
        h('h2', null, 'Summary'),
        totalsTable(cart),
        h('p', { class: 'small muted' }, 'Shipping and taxes are calculated at checkout.'),
        h('a', { class: ['btn', 'btn-lg', 'btn-block'], href: '/checkout', 'aria-disabled': unavailable.length ? 'true' : undefined }, 'Checkout'),
        h('a', { class: 'btn btn-link', href: '/' }, 'Continue shopping'))));
}

// ---------------------------------------------------------------- checkout
const CARD_HINT = 'Test cards: 4242 4242 4242 4242 (succeeds), 4000 0000 0000 0002 (declined), 4000 0000 0000 9995 (insufficient funds). Any future expiry date and any 3-digit CVC.';

function addressFields(prefix = '') {
  return h('div', { class: 'form-grid' },
    field({ label: 'Full name', name: 'name', required: true, autocomplete: 'name' }),
    field({ label: 'Address line 1', name: 'line1', required: true, autocomplete: 'address-line1' }),
    field({ label: 'Address line 2', name: 'line2', autocomplete: 'address-line2' }),
    field({ label: 'City', name: 'city', required: true, autocomplete: 'address-level2' }),
    field({ label: 'State / region', name: 'region', autocomplete: 'address-level1' }),
    field({ label: 'Postal code', name: 'postal_code', autocomplete: 'postal-code' }),
    field({ label: 'Country', name: 'country', type: 'select', required: true, value: 'US', options: COUNTRIES, autocomplete: 'country' }));
}
export { addressFields, COUNTRIES };

function addressOf(v) {
  const a = { name: v.name, line1: v.line1, city: v.city, country: v.country };
  if (v.line2) a.line2 = v.line2;
  if (v.region) a.region = v.region;
  if (v.postal_code) a.postal_code = v.postal_code;
  return a;
}

function addressText(a) {
  return [a.name, a.line1, a.line2, [a.postal_code, a.city].filter(Boolean).join(' '), a.region, a.country].filter(Boolean).join(', ');
}

function paymentMessage(e) {
  switch (e.code) {
    case 'payment_declined': return /fund/i.test(e.detail || '') ? 'Your card has insufficient funds. Try another card.' : 'Your card was declined. No money was taken and nothing was reserved: try another card.';
    case 'insufficient_funds': return 'Your card has insufficient funds. Try another card.';
    case 'insufficient_stock': return `Sorry, an item in your cart just sold out or has fewer units left. ${e.detail || ''} Adjust your cart and try again.`;
    case 'cart_empty': return 'Your cart is empty.';
    case 'product_unavailable': return `An item is no longer available: ${e.detail || ''}`;
    case 'idempotency_mismatch': return 'This attempt conflicted with an earlier one. Please submit again.';
    default: return e.message;
  }
}

export async function checkoutPage(root, ctx) {
  document.title = 'Checkout · Emporium';
  if (!isSignedIn()) {
    mount(root, h('h1', null, 'Checkout'),
      h('div', { class: 'card stack' },
        h('p', null, 'Sign in or create an account to check out. Your cart comes with you.'),
        h('div', { class: 'row' },
          h('a', { class: 'btn', href: '/signin?next=/checkout' }, 'Sign in'),
          h('a', { class: 'btn btn-secondary', href: '/register?next=/checkout' }, 'Create an account'))));
    return;
  }
  mount(root, h('h1', null, 'Checkout'), loading('Loading checkout…', 6));
  let cart, addresses = [];
  try {
    [cart, addresses] = await Promise.all([
      refreshCart(),
      api.get('/users/me/addresses').then((a) => (Array.isArray(a) ? a : a?.results || [])).catch(() => []),
    ]);
  } catch (e) {
    if (!ctx.isCurrent()) return;
    mount(root, h('h1', null, 'Checkout'), errorState(e, () => checkoutPage(root, ctx)));
    return;
  }
  if (!ctx.isCurrent()) return;
  if (!cart?.items?.length) {
    mount(root, h('h1', null, 'Checkout'), emptyState('Your cart is empty', null, h('a', { class: 'btn', href: '/' }, 'Continue shopping')));
    return;
  }

  const form = h('form', { class: 'form checkout-form', novalidate: true });
  const alertBox = formAlert();
  const savedChoice = h('div', { class: 'stack-sm' });
  const newAddress = h('div', { class: 'new-address' }, addressFields());
  const shippingBox = h('div', { class: 'shipping-options', 'aria-live': 'polite' }, h('p', { class: 'muted small' }, 'Enter your address to see shipping options.'));
  const quoteBtn = h('button', { class: 'btn btn-secondary', type: 'button' }, 'Show shipping options');
  const summary = h('aside', { class: 'card cart-summary', 'aria-label': 'Order summary' });
  const placeBtn = h('button', { class: 'btn btn-lg btn-block', type: 'submit' }, 'Place order');
  let quote = null;

  const useSaved = () => form.querySelector('input[name="address_choice"]:checked')?.value || 'new';
  if (addresses.length) {
    mount(savedChoice, addresses.map((a, i) => h('label', { class: 'choice' },
      h('input', { type: 'radio', name: 'address_choice', value: a.id, checked: i === 0 }), ' ', addressText(a))),
    h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'address_choice', value: 'new' }), ' Use a new address'));
    newAddress.hidden = true;
    savedChoice.addEventListener('change', () => { newAddress.hidden = useSaved() !== 'new'; quote = null; renderSummary(); showQuotePrompt(); });
  }
  newAddress.addEventListener('change', () => { if (quote) { quote = null; renderSummary(); showQuotePrompt(); } });

  function showQuotePrompt() {
    mount(shippingBox, h('p', { class: 'muted small' }, 'Get shipping options for this address.'));
  }

  function currentAddress() {
    const choice = useSaved();
    if (choice !== 'new') return { address_id: choice, address: addressOf(addresses.find((a) => a.id === choice)) };
    const v = formValues(newAddress.closest('form'));
    return { address: addressOf(v) };
  }

  function selectedOption() {
    const id = form.querySelector('input[name="shipping_option"]:checked')?.value;
    return quote?.options?.find((o) => o.id === id) || null;
  }

  function renderSummary() {
    const opt = selectedOption();
    const sub = Number(cart.subtotal) || 0;
    mount(summary,
      h('h2', null, 'Order summary'),
      h('ul', { class: 'summary-lines' }, cart.items.map((i) => h('li', { class: 'row-between' },
        h('span', null, `${i.quantity} × ${i.name}`), h('span', null, money(i.line_total, cart.currency))))),
      h('dl', { class: 'totals' },
        h('dt', null, 'Subtotal'), h('dd', null, money(cart.subtotal, cart.currency)),
        h('dt', null, 'Shipping'), h('dd', null, opt ? money(opt.price, opt.currency) : '—'),
        h('dt', { class: 'total' }, 'Estimated total'), h('dd', { class: 'total' }, opt ? money(Math.round((sub + Number(opt.price)) * 100) / 100, cart.currency) : money(cart.subtotal, cart.currency))),
      h('p', { class: 'small muted' }, 'Taxes, if any, are added to the final total.'));
  }

  async function getQuote() {
    clearFieldErrors(form);
    const { address } = currentAddress();
    if (useSaved() === 'new') {
      const missing = ['name', 'line1', 'city', 'country'].filter((k) => !address[k]);
      if (missing.length) {
        showFieldErrors(form, new ApiError(422, { detail: 'Complete the address.', errors: missing.map((f) => ({ field: f, message: 'Required' })) }));
        return false;
      }
    }
    mount(shippingBox, loading('Getting shipping options…', 2));
    try {
      quote = await api.post('/shipping/quote', { cart_id: cart.id, address });
    } catch (e) {
      quote = null;
      if (e.status === 422) showFieldErrors(form, e, { 'address.country': 'country' });
      mount(shippingBox, h('div', { class: 'alert', role: 'alert' }, e.message));
      return false;
    }
    const opts = quote.options || [];
    if (!opts.length) { mount(shippingBox, h('div', { class: 'alert alert-warning' }, 'We cannot ship to this address yet.')); return false; }
    mount(shippingBox, h('fieldset', null, h('legend', { class: 'visually-hidden' }, 'Shipping method'),
      opts.map((o, i) => h('label', { class: 'choice shipping-choice' },
        h('input', { type: 'radio', name: 'shipping_option', value: o.id, checked: i === 0, onchange: renderSummary }),
        h('span', { class: 'grow' }, h('strong', null, o.name || `${o.carrier} ${o.service}`),
          o.estimated_days ? h('span', { class: 'small muted' }, ` · ${o.estimated_days} business day${o.estimated_days === 1 ? '' : 's'}`) : null),
        h('span', { class: 'price' }, Number(o.price) === 0 ? 'Free' : money(o.price, o.currency))))));
    renderSummary();
    return true;
  }
  quoteBtn.addEventListener('click', () => busy(quoteBtn, getQuote, 'Getting options…'));

  mount(form,
    alertBox,
    h('fieldset', null, h('legend', null, '1. Shipping address'), savedChoice, newAddress, h('div', { class: 'row' }, quoteBtn)),
    h('fieldset', null, h('legend', null, '2. Shipping method'), shippingBox),
    h('fieldset', null, h('legend', null, '3. Payment'),
      h('p', { class: 'alert alert-info small', id: 'card-hint' }, CARD_HINT),
      h('div', { class: 'form-grid' },
        field({ label: 'Card number', name: 'number', required: true, autocomplete: 'cc-number', inputmode: 'numeric', placeholder: '4242 4242 4242 4242', maxlength: 23 }),
        field({ label: 'Expiry month', name: 'exp_month', type: 'number', required: true, min: 1, max: 12, autocomplete: 'cc-exp-month', value: '12' }),
        field({ label: 'Expiry year', name: 'exp_year', type: 'number', required: true, min: 2024, max: 2100, autocomplete: 'cc-exp-year', value: String(new Date().getFullYear() + 2) }),
        field({ label: 'CVC', name: 'cvc', required: true, autocomplete: 'cc-csc', inputmode: 'numeric', maxlength: 4, placeholder: '123' }))),
    placeBtn);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    if (!selectedOption()) {
      const ok = await busy(placeBtn, getQuote, 'Getting shipping options…');
      if (!ok) return;
      mount(alertBox, 'Choose a shipping method, then place your order.');
      alertBox.hidden = false;
      return;
    }
    const v = formValues(form);
    const number = (v.number || '').replace(/[\s-]/g, '');
    const missing = [];
    if (!/^\d{12,19}$/.test(number)) missing.push({ field: 'number', message: 'Enter the card number.' });
    if (!/^\d{3,4}$/.test(v.cvc || '')) missing.push({ field: 'cvc', message: 'Enter the 3 or 4 digit code.' });
    if (missing.length) { showFieldErrors(form, new ApiError(422, { detail: 'Check the card details.', errors: missing })); return; }
    const where = currentAddress();
    const body = {
      cart_id: cart.id,
      shipping_option_id: selectedOption().id,
      payment: { method: 'card', card: { number, exp_month: Number(v.exp_month), exp_year: Number(v.exp_year), cvc: v.cvc } },
    };
    if (where.address_id) body.address_id = where.address_id; else body.shipping_address = where.address;
    try {
      // One key per attempt: a retried request (network) would reuse it, a new click gets a new one.
      const order = await busy(placeBtn, () => api.post('/orders', body, { headers: { 'Idempotency-Key': crypto.randomUUID() } }), 'Placing order…');
      sessionStorage.setItem('emporium.last_order', JSON.stringify(order));
      try { await refreshCart(); } catch { /* the header catches up later */ }
      ctx.navigate(`/orders/${encodeURIComponent(order.id)}/confirmation`);
    } catch (err) {
      const text = paymentMessage(err);
      const fields = {};
      for (const [k, m] of Object.entries(err.fields || {})) fields[k.replace(/^payment\.card\./, '').replace(/^shipping_address\./, '')] = m;
      err.fields = fields;
      err.message = text;
      showFieldErrors(form, err);
      if (err.code === 'insufficient_stock') alertBox.append(' ', h('a', { href: '/cart' }, 'Review your cart'));
      alertBox.scrollIntoView({ block: 'center' });
      if (['payment_declined', 'insufficient_funds'].includes(err.code)) form.querySelector('[name="number"]').focus();
    }
  });

  mount(root, h('h1', null, 'Checkout'), h('div', { class: 'cart-layout' }, form, summary));
  renderSummary();
  if (addresses.length) getQuote();
}

// ---------------------------------------------------------------- confirmation
export function orderSummary(order) {
  const p = order.payment || {};
  return h('div', { class: 'stack' },
    h('ul', { class: 'summary-lines card' }, (order.items || []).map((i) => h('li', { class: 'row-between' },
      h('span', null, `${i.quantity} × ${i.name || i.product_name || i.product_id}`, optionsText(i.options) ? h('span', { class: 'small muted' }, ` (${optionsText(i.options)})`) : null),
      h('span', null, money(i.line_total ?? i.total, order.currency))))),
    h('dl', { class: 'totals card' },
      h('dt', null, 'Subtotal'), h('dd', null, money(order.subtotal, order.currency)),
      h('dt', null, 'Shipping'), h('dd', null, money(order.shipping_total, order.currency)),
      h('dt', null, 'Tax'), h('dd', null, money(order.tax_total, order.currency)),
      h('dt', { class: 'total' }, 'Total'), h('dd', { class: 'total' }, money(order.total, order.currency))),
    order.shipping_address ? h('p', null, h('strong', null, 'Ships to: '), addressText(order.shipping_address)) : null,
    p.brand || p.last4 ? h('p', null, h('strong', null, 'Paid with: '), `${p.brand || 'Card'} ending in ${p.last4 || '••••'}`, ' ', badge(p.status)) : null);
}

export async function confirmationPage(root, ctx) {
  const id = ctx.params[0];
  document.title = 'Order confirmed · Emporium';
  mount(root, h('h1', null, 'Thank you for your order'), loading('Loading your order…', 4));
  let order = null;
  try {
    const cached = JSON.parse(sessionStorage.getItem('emporium.last_order') || 'null');
    if (cached?.id === id) order = cached;
  } catch { /* ignore */ }
  try { order = await api.get(`/orders/${encodeURIComponent(id)}`); } catch (e) { if (!order) throw e; }
  if (!ctx.isCurrent()) return;
  mount(root,
    h('div', { class: 'confirmation' },
      h('div', { class: 'alert alert-success', role: 'status' }, h('strong', null, 'Order confirmed. '), 'We have emailed you a confirmation.'),
      h('h1', null, 'Thank you for your order'),
      h('p', null, 'Order number ', h('strong', { class: 'order-id' }, order.id), ' · placed ', formatDate(order.created_at, true), ' · ', badge(order.status)),
      orderSummary(order),
      h('div', { class: 'row' },
        h('a', { class: 'btn', href: `/account/orders/${encodeURIComponent(order.id)}` }, 'Track this order'),
        h('a', { class: 'btn btn-secondary', href: '/' }, 'Continue shopping'))));
  // The cart is emptied once the payment is recorded, which may trail the answer a little.
  for (let attempt = 0; attempt < 8 && ctx.isCurrent(); attempt++) {
    try { if (((await refreshCart())?.item_count ?? 0) === 0) break; } catch { break; }
    await new Promise((r) => setTimeout(r, 1000));
  }
}
