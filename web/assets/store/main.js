// Storefront entry: client-side router (History API), header, session restore.
import { onAuthChange, restoreSession, user, isSignedIn } from '/assets/shared/api.js';
import { h, mount, errorState } from '/assets/shared/dom.js';
import { cartCount, onCartChange, refreshCart, mergeGuestCart } from './cart.js';
import { homePage, categoryPage, searchPage, productPage, renderCategoryBar } from './catalog.js';
import { cartPage, checkoutPage, confirmationPage } from './checkout.js';
import * as account from './account.js';

const routes = [
  [/^\/$/, homePage],
  [/^\/category\/([^/]+)$/, categoryPage],
  [/^\/search$/, searchPage],
  [/^\/products\/([^/]+)$/, productPage],
  [/^\/cart$/, cartPage],
  [/^\/checkout$/, checkoutPage],
  [/^\/orders\/([^/]+)\/confirmation$/, confirmationPage],
  [/^\/signin$/, account.signInPage],
  [/^\/register$/, account.registerPage],
  [/^\/forgot-password$/, account.forgotPasswordPage],
  [/^\/reset-password$/, account.resetPasswordPage],
  [/^\/account$/, account.profilePage],
  [/^\/account\/orders$/, account.ordersPage],
  [/^\/account\/orders\/([^/]+)$/, account.orderPage],
  [/^\/account\/notifications$/, account.notificationsPage],
  [/^\/account\/preferences$/, account.preferencesPage],
  [/^\/account\/privacy$/, account.privacyPage],
];

const main = document.getElementById('main');
let renderToken = 0;

/** Navigate within the shop (pushState) and render the page. */
export function navigate(url, { replace = false } = {}) {
  if (replace) history.replaceState({}, '', url);
  else history.pushState({}, '', url);
  render();
}

function notFound(root) {
  document.title = 'Page not found · Emporium';
  mount(root, h('section', { class: 'state state-empty' },
    h('h1', null, 'Page not found'),
    h('p', null, 'The page you asked for does not exist.'),
    h('a', { class: 'btn', href: '/' }, 'Back to the shop')));
}

async function render() {
  const token = ++renderToken;
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const query = new URLSearchParams(location.search);
  let handler = notFound;
  let params = [];
  for (const [re, fn] of routes) {
    const m = path.match(re);
    if (m) { handler = fn; params = m.slice(1).map(decodeURIComponent); break; }
  }
  updateNavCurrent();
  const root = h('div', { class: 'page' });
  mount(main, root);
  window.scrollTo(0, 0);
  try {
    await handler(root, { params, query, navigate, isCurrent: () => token === renderToken });
  } catch (e) {
    if (token === renderToken) mount(root, errorState(e, render));
  }
  if (token === renderToken) {
    const heading = main.querySelector('h1');
    if (heading && document.activeElement === document.body) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
  }
}

// Same-origin links are handled by the router (except the admin app and downloads).
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const a = event.target.closest('a');
  if (!a || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/admin') || url.pathname.startsWith('/api/')) return;
  event.preventDefault();
  if (url.pathname + url.search !== location.pathname + location.search) navigate(url.pathname + url.search + url.hash);
});
window.addEventListener('popstate', render);

document.getElementById('header-search').addEventListener('submit', (event) => {
  event.preventDefault();
  const q = event.target.elements.q.value.trim();
  navigate('/search' + (q ? '?q=' + encodeURIComponent(q) : ''));
});

function renderNav() {
  const nav = document.getElementById('header-nav');
  const u = user();
  const count = cartCount();
  mount(nav,
    isSignedIn()
      ? h('a', { class: 'nav-link', href: '/account', 'data-nav': 'account' }, u?.name ? `Hi, ${u.name.split(' ')[0]}` : 'Account')
      : h('a', { class: 'nav-link', href: '/signin', 'data-nav': 'signin' }, 'Sign in'),
    h('a', { class: 'nav-link nav-cart', href: '/cart', 'data-nav': 'cart', 'aria-label': `Cart, ${count} item${count === 1 ? '' : 's'}` },
      'Cart', h('span', { class: 'cart-count', 'aria-hidden': 'true' }, String(count))));
  updateNavCurrent();
}

function updateNavCurrent() {
  for (const a of document.querySelectorAll('#header-nav a, #category-bar a')) {
    const current = new URL(a.href).pathname === location.pathname;
    if (current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
}

let wasSignedIn = false;
onAuthChange(async () => {
  const now = isSignedIn();
  renderNav();
  if (now && !wasSignedIn) {
    wasSignedIn = true;
    await mergeGuestCart();
  } else if (!now && wasSignedIn) {
    wasSignedIn = false;
    try { await refreshCart(); } catch { /* shown as an empty cart */ }
  }
});
onCartChange(renderNav);

async function start() {
  renderNav();
  renderCategoryBar(document.getElementById('category-bar'));
  await restoreSession();
  wasSignedIn = isSignedIn();
  try { await refreshCart(); } catch { /* shown as an empty cart */ }
  await render();
  document.documentElement.dataset.ready = 'true';
}

start();
