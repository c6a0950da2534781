// The admin dashboard at /admin: shell, sign-in gate and client-side router.
// Admins see every section; sellers see the overview, their orders and their
// products (the server enforces the same rules; hiding is for clarity only).
import { h, mount, loading, errorState } from '../shared/dom.js';
import { restoreSession, user, logout } from '../shared/api.js';
import { renderSignIn } from './signin.js';
import { renderOverview } from './overview.js';
import { renderOrders, renderOrder } from './orders.js';
import { renderProducts, renderProduct } from './products.js';
import { renderCategories } from './categories.js';
import { renderUsers } from './users.js';
import { renderNotifications } from './notifications.js';

const STAFF = ['admin', 'seller'];
const ADMIN = ['admin'];

const ROUTES = [
  { pattern: /^\/admin\/?$/, title: 'Overview', nav: 'overview', roles: STAFF, render: renderOverview },
  { pattern: /^\/admin\/orders\/?$/, title: 'Orders', nav: 'orders', roles: STAFF, render: renderOrders },
  { pattern: /^\/admin\/orders\/([^/]+)$/, title: 'Order', nav: 'orders', roles: STAFF, render: renderOrder },
  { pattern: /^\/admin\/products\/?$/, title: 'Products', nav: 'products', roles: STAFF, render: renderProducts },
  { pattern: /^\/admin\/products\/([^/]+)$/, title: 'Product', nav: 'products', roles: STAFF, render: renderProduct },
  { pattern: /^\/admin\/categories\/?$/, title: 'Categories', nav: 'categories', roles: ADMIN, render: renderCategories },
  { pattern: /^\/admin\/users\/?$/, title: 'Users', nav: 'users', roles: ADMIN, render: renderUsers },
  { pattern: /^\/admin\/notifications\/?$/, title: 'Notifications', nav: 'notifications', roles: ADMIN, render: renderNotifications },
];

const NAV = [
  ['overview', '/admin', 'Overview', STAFF],
  ['orders', '/admin/orders', 'Orders', STAFF],
  ['products', '/admin/products', 'Products', STAFF],
  ['categories', '/admin/categories', 'Categories', ADMIN],
  ['users', '/admin/users', 'Users', ADMIN],
  ['notifications', '/admin/notifications', 'Notifications', ADMIN],
];

const app = document.getElementById('app');
let renderToken = 0;

export function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  route();
}

function shell(me, active, content) {
  const nav = h('nav', { class: 'admin-nav', 'aria-label': 'Dashboard sections' },
    h('ul', null, NAV.filter(([, , , roles]) => roles.includes(me.role)).map(([key, href, label]) =>
      h('li', null, h('a', { href, 'aria-current': key === active ? 'page' : null }, label)))));
  const topbar = h('header', { class: 'admin-topbar' },
    h('a', { class: 'admin-brand', href: '/admin' }, 'Emporium ', h('span', { class: 'admin-brand-tag' }, me.role)),
    h('div', { class: 'admin-user' },
      h('span', { class: 'admin-user-name', 'data-testid': 'admin-user' }, me.name || me.email),
      h('a', { class: 'btn btn-ghost btn-sm', href: '/' }, 'Storefront'),
      h('button', {
        class: 'btn btn-secondary btn-sm', type: 'button',
        onclick: async () => { await logout(); navigate('/admin/signin', { replace: true }); },
      }, 'Sign out')));
  const main = h('main', { id: 'main', class: 'admin-main', tabindex: '-1' }, content);
  mount(app, topbar, h('div', { class: 'admin-body' }, nav, main));
  return main;
}

async function route() {
  const token = ++renderToken;
  const path = location.pathname.replace(/\/+$/, '') || '/admin';
  let me = user();
  if (!me) me = await restoreSession();
  if (token !== renderToken) return;

  if (path === '/admin/signin' || !me || !STAFF.includes(me.role)) {
    document.title = 'Sign in · Emporium admin';
    mount(app, renderSignIn({
      me,
      onSignedIn: () => {
        const next = new URLSearchParams(location.search).get('next');
        navigate(next && next.startsWith('/admin') && !next.startsWith('/admin/signin') ? next : '/admin', { replace: true });
      },
    }));
    if (path !== '/admin/signin') {
      history.replaceState(null, '', '/admin/signin?next=' + encodeURIComponent(location.pathname + location.search));
    }
    return;
  }

  const match = ROUTES.map((r) => [r, path.match(r.pattern)]).find(([, m]) => m);
  const [r, m] = match || [null, null];
  const content = h('div', { class: 'admin-page' }, loading('Loading…', 4));
  const main = shell(me, r?.nav, content);
  if (!r || !r.roles.includes(me.role)) {
    document.title = 'Not found · Emporium admin';
    mount(content, h('h1', { tabindex: '-1' }, 'Page not found'),
      h('p', null, 'This page does not exist or is not part of your dashboard. ', h('a', { href: '/admin' }, 'Back to the overview')));
    return;
  }
  document.title = `${r.title} · Emporium admin`;
  const ctx = {
    me,
    isAdmin: me.role === 'admin',
    params: m.slice(1).map(decodeURIComponent),
    query: new URLSearchParams(location.search),
    navigate,
    isCurrent: () => token === renderToken,
  };
  try {
    const page = await r.render(ctx);
    if (token !== renderToken) return;
    mount(content, page);
  } catch (e) {
    if (token !== renderToken) return;
    mount(content, errorState(e, () => route()));
  }
  const heading = main.querySelector('h1');
  if (heading && navigatedByUser) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: false });
  }
  navigatedByUser = false;
}

let navigatedByUser = false;

document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const a = event.target.closest('a[href]');
  if (!a || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || !/^\/admin(\/|$)/.test(url.pathname)) return;
  event.preventDefault();
  navigatedByUser = true;
  if (url.pathname + url.search !== location.pathname + location.search) navigate(url.pathname + url.search);
  else route();
});

window.addEventListener('popstate', () => route());

route().catch((e) => mount(app, errorState(e, () => location.reload())));
