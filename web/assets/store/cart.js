// Cart state. A guest's cart id is kept in localStorage (it is a capability to
// that cart, not a credential); a signed-in customer uses GET /cart. At sign-in
// the guest cart is merged into the customer's (POST /carts/{id}/merge).
import { api, isSignedIn, ApiError } from '/assets/shared/api.js';

const GUEST_CART_KEY = 'emporium.guest_cart_id';
let current = null;
const listeners = new Set();

function guestId() { return localStorage.getItem(GUEST_CART_KEY); }
function setGuestId(id) { if (id) localStorage.setItem(GUEST_CART_KEY, id); else localStorage.removeItem(GUEST_CART_KEY); }

function emit() { for (const fn of listeners) fn(current); }
export function onCartChange(fn) { listeners.add(fn); return () => listeners.delete(fn); }
export function currentCart() { return current; }
export function cartCount() {
  if (!current) return 0;
  if (typeof current.item_count === 'number') return current.item_count;
  return (current.items || []).reduce((n, i) => n + (i.quantity || 0), 0);
}

function set(cart) { current = cart; emit(); return cart; }

let merging = null;  // a sign-in's merge in flight: reads wait for it

/** Load the cart from the server (null when a guest has none yet). */
export async function refreshCart() {
  if (merging) await merging;
  return load();
}

async function load() {
  try {
    if (isSignedIn()) return set(await api.get('/cart'));
    const id = guestId();
    if (!id) return set(null);
    return set(await api.get(`/carts/${encodeURIComponent(id)}`));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && !isSignedIn()) { setGuestId(null); return set(null); }
    set(null);
    throw e;
  }
}

async function ensureGuestCart() {
  const id = guestId();
  if (id) return id;
  const cart = await api.post('/carts', {});
  setGuestId(cart.id);
  set(cart);
  return cart.id;
}

function itemBody(ref, quantity) {
  return ref.variant_id ? { variant_id: ref.variant_id, quantity } : { product_id: ref.product_id, quantity };
}

/** Add a product/variant: ref = {variant_id} or {product_id}. */
export async function addToCart(ref, quantity = 1) {
  if (isSignedIn()) {
    await api.post('/cart/items', itemBody(ref, quantity));
    return refreshCart();
  }
  let id = await ensureGuestCart();
  try {
    await api.post(`/carts/${encodeURIComponent(id)}/items`, itemBody(ref, quantity));
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404)) throw e;
    setGuestId(null); // the guest cart expired: start a new one
    id = await ensureGuestCart();
    await api.post(`/carts/${encodeURIComponent(id)}/items`, itemBody(ref, quantity));
  }
  return refreshCart();
}

function cartId() {
  if (!current?.id) throw new Error('There is no cart yet.');
  return encodeURIComponent(current.id);
}

export async function setQuantity(itemId, quantity) {
  await api.patch(`/carts/${cartId()}/items/${encodeURIComponent(itemId)}`, { quantity });
  return refreshCart();
}

export async function removeItem(itemId) {
  await api.del(`/carts/${cartId()}/items/${encodeURIComponent(itemId)}`);
  return refreshCart();
}

/** After sign-in: move the guest cart into the customer's cart. */
export function mergeGuestCart() {
  merging = merge().finally(() => { merging = null; });
  return merging;
}

async function merge() {
  const id = guestId();
  if (id) {
    try {
      await api.post(`/carts/${encodeURIComponent(id)}/merge`, {});
      setGuestId(null);
    } catch (e) {
      // An unknown or empty guest cart has nothing to merge; keep it otherwise.
      if (e instanceof ApiError && (e.status === 404 || e.status === 409)) setGuestId(null);
      else console.warn('cart merge failed', e.code);
    }
  }
  try { await load(); } catch { /* the header shows 0 */ }
}
