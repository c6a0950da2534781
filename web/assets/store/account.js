// Account pages: sign in/up, password reset, profile and addresses, orders and
// tracking, in-app notifications, preferences, data export, account deletion.
import { api, login, register, logout, isSignedIn, user, download, ApiError } from '/assets/shared/api.js';
import {
  h, mount, money, formatDate, loading, errorState, emptyState, field, formValues,
  showFieldErrors, clearFieldErrors, formAlert, busy, badge, toast,
} from '/assets/shared/dom.js';
import { addressFields } from './checkout.js';
import { orderSummary } from './checkout.js';

function nextUrl(ctx, fallback = '/account') {
  const next = ctx.query.get('next') || '';
  return next.startsWith('/') && !next.startsWith('//') ? next : fallback;
}

function authCard(title, ...children) {
  return h('div', { class: 'auth-page' }, h('div', { class: 'card auth-card stack' }, h('h1', null, title), ...children));
}

function requireSignIn(root, ctx) {
  if (isSignedIn()) return false;
  ctx.navigate(`/signin?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
  return true;
}

// ---------------------------------------------------------------- sign in / register
export async function signInPage(root, ctx) {
  document.title = 'Sign in · Emporium';
  if (isSignedIn()) { ctx.navigate(nextUrl(ctx), { replace: true }); return; }
  const form = h('form', { class: 'form', novalidate: true },
    formAlert(),
    field({ label: 'Email', name: 'email', type: 'email', required: true, autocomplete: 'email' }),
    field({ label: 'Password', name: 'password', type: 'password', required: true, autocomplete: 'current-password' }),
    h('button', { class: 'btn btn-lg btn-block', type: 'submit' }, 'Sign in'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    const v = formValues(form);
    try {
      await busy(form.querySelector('[type="submit"]'), () => login(v.email, v.password), 'Signing in…');
      ctx.navigate(nextUrl(ctx), { replace: true });
    } catch (err) {
      if (err.code === 'invalid_credentials') err.message = 'That email and password do not match an account.';
      if (err.status === 429) err.message = 'Too many attempts. Wait a moment and try again.';
      if (err.code === 'account_disabled') err.message = 'This account is disabled.';
      showFieldErrors(form, err);
    }
  });
  const next = ctx.query.get('next');
  mount(root, authCard('Sign in', form,
    h('p', { class: 'small' }, h('a', { href: '/forgot-password' }, 'Forgot your password?')),
    h('p', { class: 'small muted' }, 'New here? ', h('a', { href: '/register' + (next ? `?next=${encodeURIComponent(next)}` : '') }, 'Create an account'))));
}

export async function registerPage(root, ctx) {
  document.title = 'Create an account · Emporium';
  if (isSignedIn()) { ctx.navigate(nextUrl(ctx), { replace: true }); return; }
  const form = h('form', { class: 'form', novalidate: true },
    formAlert(),
    field({ label: 'Full name', name: 'name', required: true, autocomplete: 'name' }),
    field({ label: 'Email', name: 'email', type: 'email', required: true, autocomplete: 'email' }),
    field({ label: 'Password', name: 'password', type: 'password', required: true, autocomplete: 'new-password', minlength: 10, hint: 'At least 10 characters.' }),
    h('button', { class: 'btn btn-lg btn-block', type: 'submit' }, 'Create account'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    const v = formValues(form);
    const local = [];
    if (!v.name) local.push({ field: 'name', message: 'Enter your name.' });
    if (!/^[^@\s]+@[^@\s]+$/.test(v.email)) local.push({ field: 'email', message: 'Enter a valid email address.' });
    if ((v.password || '').length < 10) local.push({ field: 'password', message: 'Use at least 10 characters.' });
    if (local.length) { showFieldErrors(form, new ApiError(422, { detail: 'Check the highlighted fields.', errors: local })); return; }
    try {
      await busy(form.querySelector('[type="submit"]'), () => register(v.name, v.email, v.password), 'Creating account…');
      toast('Welcome to Emporium!', 'success');
      ctx.navigate(nextUrl(ctx), { replace: true });
    } catch (err) {
      if (err.code === 'email_taken') { err.fields = { email: 'An account with this email already exists.' }; err.message = ''; }
      showFieldErrors(form, err);
    }
  });
  mount(root, authCard('Create an account', form,
    h('p', { class: 'small muted' }, 'Already have an account? ', h('a', { href: '/signin' + (ctx.query.get('next') ? `?next=${encodeURIComponent(ctx.query.get('next'))}` : '') }, 'Sign in'))));
}

export async function forgotPasswordPage(root) {
  document.title = 'Reset your password · Emporium';
  const done = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'form', novalidate: true },
    formAlert(),
    h('p', { class: 'muted' }, 'Enter your email and we will send you a link to choose a new password.'),
    field({ label: 'Email', name: 'email', type: 'email', required: true, autocomplete: 'email' }),
    h('button', { class: 'btn btn-lg btn-block', type: 'submit' }, 'Send reset link'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    const v = formValues(form);
    try {
      await busy(form.querySelector('[type="submit"]'), () => api.post('/auth/password-reset', { email: v.email }, { auth: false }), 'Sending…');
      form.hidden = true;
      mount(done, h('div', { class: 'alert alert-success', role: 'status' }, `If an account exists for ${v.email}, a reset link is on its way. It expires soon and works once.`));
    } catch (err) { showFieldErrors(form, err); }
  });
  mount(root, authCard('Reset your password', form, done, h('p', { class: 'small' }, h('a', { href: '/signin' }, 'Back to sign in'))));
}

export async function resetPasswordPage(root, ctx) {
  document.title = 'Choose a new password · Emporium';
  const token = ctx.query.get('token') || '';
  if (!token) {
    mount(root, authCard('Choose a new password', h('div', { class: 'alert', role: 'alert' }, 'This link is incomplete. Request a new one.'),
      h('a', { class: 'btn', href: '/forgot-password' }, 'Request a reset link')));
    return;
  }
  const form = h('form', { class: 'form', novalidate: true },
    formAlert(),
    field({ label: 'New password', name: 'password', type: 'password', required: true, autocomplete: 'new-password', minlength: 10, hint: 'At least 10 characters.' }),
    field({ label: 'Repeat the new password', name: 'confirm', type: 'password', required: true, autocomplete: 'new-password' }),
    h('button', { class: 'btn btn-lg btn-block', type: 'submit' }, 'Set new password'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    const v = formValues(form);
    if (v.password !== v.confirm) { showFieldErrors(form, new ApiError(422, { errors: [{ field: 'confirm', message: 'The passwords differ.' }] })); return; }
    try {
      await busy(form.querySelector('[type="submit"]'), () => api.post('/auth/password-reset/confirm', { token, password: v.password }, { auth: false }), 'Saving…');
      mount(root, authCard('Password changed', h('div', { class: 'alert alert-success', role: 'status' }, 'Your password was changed and every session was signed out.'),
        h('a', { class: 'btn', href: '/signin' }, 'Sign in')));
    } catch (err) {
      if (['invalid_token', 'token_expired', 'invalid_reset_token'].includes(err.code) || err.status === 400 || err.status === 404) err.message = 'This reset link is invalid or has expired. Request a new one.';
      showFieldErrors(form, err);
    }
  });
  mount(root, authCard('Choose a new password', form));
}

// ---------------------------------------------------------------- account shell
const SECTIONS = [
  ['/account', 'Profile & addresses'], ['/account/orders', 'Orders'], ['/account/notifications', 'Notifications'],
  ['/account/preferences', 'Preferences'], ['/account/privacy', 'Privacy & data'],
];

function accountLayout(root, title, content) {
  document.title = `${title} · Emporium`;
  const signOut = h('button', { class: 'btn btn-secondary btn-block', type: 'button' }, 'Sign out');
  signOut.addEventListener('click', async () => {
    await busy(signOut, logout, 'Signing out…');
    toast('You are signed out.');
    history.pushState({}, '', '/');
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
  mount(root, h('div', { class: 'account-layout' },
    h('nav', { class: 'account-nav card card-tight', 'aria-label': 'Account' },
      h('p', { class: 'small muted' }, user()?.email || ''),
      h('ul', null, SECTIONS.map(([href, label]) => h('li', null,
        h('a', { href, 'aria-current': location.pathname === href ? 'page' : undefined }, label)))),
      signOut),
    h('div', { class: 'account-main' }, h('h1', null, title), content)));
}

// ---------------------------------------------------------------- profile + addresses
export async function profilePage(root, ctx) {
  if (requireSignIn(root, ctx)) return;
  const profileBox = h('section', { class: 'card stack', 'aria-labelledby': 'profile-h' }, h('h2', { id: 'profile-h' }, 'Profile'), loading());
  const addressBox = h('section', { class: 'card stack', 'aria-labelledby': 'addr-h' }, h('h2', { id: 'addr-h' }, 'Addresses'), loading());
  accountLayout(root, 'Your account', [profileBox, addressBox]);
  await Promise.all([renderProfile(profileBox), renderAddresses(addressBox)]);
}

async function renderProfile(box) {
  let me;
  try { me = await api.get('/users/me'); } catch (e) { mount(box, h('h2', { id: 'profile-h' }, 'Profile'), errorState(e, () => renderProfile(box))); return; }
  const form = h('form', { class: 'form', novalidate: true },
    formAlert(),
    h('p', { class: 'muted mb-0' }, 'Email: ', h('strong', null, me.email)),
    h('div', { class: 'form-grid' },
      field({ label: 'Name', name: 'name', required: true, value: me.name, autocomplete: 'name' }),
      field({ label: 'Phone', name: 'phone', type: 'tel', value: me.phone || '', autocomplete: 'tel', hint: 'For delivery updates by SMS, e.g. +15551234567.' })),
    h('div', null, h('button', { class: 'btn', type: 'submit' }, 'Save profile')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    const v = formValues(form);
    const body = { name: v.name };
    if (v.phone) body.phone = v.phone; else if (me.phone) body.phone = null;
    try {
      await busy(form.querySelector('[type="submit"]'), () => api.patch('/users/me', body), 'Saving…');
      toast('Profile saved.', 'success');
    } catch (err) { showFieldErrors(form, err); }
  });
  mount(box, h('h2', { id: 'profile-h' }, 'Profile'), form);
}

function addressLine(a) {
  return [a.line1, a.line2, [a.postal_code, a.city].filter(Boolean).join(' '), a.region, a.country].filter(Boolean).join(', ');
}

async function renderAddresses(box) {
  const heading = h('h2', { id: 'addr-h' }, 'Addresses');
  let list;
  try {
    const data = await api.get('/users/me/addresses', { per_page: 100 });
    list = Array.isArray(data) ? data : data.results || [];
  } catch (e) { mount(box, heading, errorState(e, () => renderAddresses(box))); return; }
  const editor = h('div');
  const openEditor = (address) => {
    const form = h('form', { class: 'form card card-tight', novalidate: true, 'aria-label': address ? 'Edit address' : 'New address' },
      formAlert(), addressFields(),
      h('div', { class: 'row' },
        h('button', { class: 'btn', type: 'submit' }, address ? 'Save address' : 'Add address'),
        h('button', { class: 'btn btn-secondary', type: 'button', onclick: () => mount(editor) }, 'Cancel')));
    if (address) for (const k of ['name', 'line1', 'line2', 'city', 'region', 'postal_code', 'country']) form.elements[k].value = address[k] || '';
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearFieldErrors(form);
      const v = formValues(form);
      const body = { name: v.name, line1: v.line1, line2: v.line2 || null, city: v.city, region: v.region || null, postal_code: v.postal_code || null, country: v.country };
      try {
        await busy(form.querySelector('[type="submit"]'), () => (address
          ? api.put(`/users/me/addresses/${encodeURIComponent(address.id)}`, body)
          : api.post('/users/me/addresses', body)), 'Saving…');
        toast('Address saved.', 'success');
        renderAddresses(box);
      } catch (err) { showFieldErrors(form, err); }
    });
    mount(editor, form);
    form.elements.name.focus();
  };
  mount(box, heading,
    list.length ? h('ul', { class: 'address-list' }, list.map((a) => h('li', { class: 'address-item' },
      h('div', null, h('strong', null, a.name), h('p', { class: 'small muted mb-0' }, addressLine(a))),
      h('div', { class: 'row' },
        h('button', { class: 'btn btn-secondary', type: 'button', onclick: () => openEditor(a) }, 'Edit'),
        h('button', {
          class: 'btn btn-link', type: 'button', 'aria-label': `Delete address ${a.name}, ${a.line1}`,
          onclick: async (e) => {
            if (!confirm('Delete this address?')) return;
            try { await busy(e.currentTarget, () => api.del(`/users/me/addresses/${encodeURIComponent(a.id)}`)); renderAddresses(box); } catch (err) { toast(err.message, 'error'); }
          },
        }, 'Delete')))))
      : h('p', { class: 'muted' }, 'No saved addresses yet.'),
    editor,
    h('button', { class: 'btn btn-secondary', type: 'button', onclick: () => openEditor(null) }, 'Add an address'));
}

// ---------------------------------------------------------------- orders
export async function ordersPage(root, ctx) {
  if (requireSignIn(root, ctx)) return;
  const box = h('div', null, loading('Loading your orders…', 4));
  accountLayout(root, 'Your orders', box);
  const page = Math.max(1, Number(ctx.query.get('page')) || 1);
  let data;
  try { data = await api.get('/orders', { page, per_page: 20 }); } catch (e) { mount(box, errorState(e, () => ordersPage(root, ctx))); return; }
  const orders = data.results || (Array.isArray(data) ? data : []);
  if (!orders.length) { mount(box, emptyState('No orders yet', 'When you buy something it shows up here.', h('a', { class: 'btn', href: '/' }, 'Start shopping'))); return; }
  mount(box, h('div', { class: 'table-wrap card card-tight' }, h('table', null,
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Order'), h('th', { scope: 'col' }, 'Placed'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col', class: 'right' }, 'Total'))),
    h('tbody', null, orders.map((o) => h('tr', null,
      h('td', null, h('a', { href: `/account/orders/${encodeURIComponent(o.id)}` }, o.id)),
      h('td', null, formatDate(o.created_at)),
      h('td', null, badge(o.status)),
      h('td', { class: 'right' }, money(o.total, o.currency))))))),
  data.total > 20 ? h('nav', { class: 'pagination', 'aria-label': 'Pages' },
    page > 1 ? h('a', { class: 'btn btn-secondary', href: `?page=${page - 1}` }, '← Newer') : null,
    page * 20 < data.total ? h('a', { class: 'btn btn-secondary', href: `?page=${page + 1}` }, 'Older →') : null) : null);
}

export async function orderPage(root, ctx) {
  if (requireSignIn(root, ctx)) return;
  const id = ctx.params[0];
  const box = h('div', null, loading('Loading the order…', 5));
  accountLayout(root, `Order ${id}`, box);
  let order;
  try { order = await api.get(`/orders/${encodeURIComponent(id)}`); } catch (e) {
    mount(box, e.status === 404 ? emptyState('Order not found', null, h('a', { class: 'btn', href: '/account/orders' }, 'Your orders')) : errorState(e, () => orderPage(root, ctx)));
    return;
  }
  const tracking = h('section', { class: 'card stack', 'aria-labelledby': 'track-h' }, h('h2', { id: 'track-h' }, 'Tracking'), loading('Loading tracking…', 2));
  const cancelBox = h('div');
  if (['pending_payment', 'paid'].includes(order.status)) {
    const btn = h('button', { class: 'btn btn-danger', type: 'button' }, 'Cancel order');
    btn.addEventListener('click', async () => {
      if (!confirm('Cancel this order? Anything charged is refunded.')) return;
      try { await busy(btn, () => api.post(`/orders/${encodeURIComponent(id)}/cancel`, {}), 'Cancelling…'); toast('Order cancelled.', 'success'); orderPage(root, ctx); } catch (err) { toast(err.message, 'error'); }
    });
    mount(cancelBox, btn);
  }
  mount(box,
    h('p', null, 'Placed ', formatDate(order.created_at, true), ' · ', badge(order.status)),
    tracking, orderSummary(order), cancelBox);
  try {
    const t = await api.get(`/orders/${encodeURIComponent(id)}/tracking`);
    mount(tracking, h('h2', { id: 'track-h' }, 'Tracking'),
      h('p', null, 'Status: ', badge(t.status || order.status)),
      t.tracking_number ? h('p', null, 'Tracking number: ', h('strong', { class: 'tracking-number' }, t.tracking_number), t.carrier ? ` (${t.carrier})` : '') : h('p', { class: 'muted' }, 'Not shipped yet: a tracking number appears here once it is.'),
      (t.events || []).length ? h('ol', { class: 'timeline' }, t.events.map((ev) => h('li', null,
        h('strong', null, String(ev.status || ev.type || ev.description || '').replace(/_/g, ' ')), ' ',
        h('span', { class: 'small muted' }, formatDate(ev.at || ev.occurred_at || ev.created_at || ev.time, true)),
        ev.description && (ev.status || ev.type) ? h('p', { class: 'small mb-0' }, ev.description) : null))) : null);
  } catch (e) {
    mount(tracking, h('h2', { id: 'track-h' }, 'Tracking'), e.status === 404
      ? h('p', { class: 'muted' }, 'Not shipped yet: a tracking number appears here once it is.')
      : errorState(e));
  }
}

// ---------------------------------------------------------------- notifications
export async function notificationsPage(root, ctx) {
  if (requireSignIn(root, ctx)) return;
  const box = h('div', null, loading('Loading notifications…', 4));
  accountLayout(root, 'Notifications', box);
  let data;
  try { data = await api.get('/notifications', { per_page: 50 }); } catch (e) { mount(box, errorState(e, () => notificationsPage(root, ctx))); return; }
  const items = data.results || [];
  if (!items.length) { mount(box, emptyState('No notifications', 'Order updates and account messages appear here.')); return; }
  mount(box, h('ul', { class: 'notification-list' }, items.map((n) => {
    const li = h('li', { class: ['notification', 'card', 'card-tight', n.read ? 'is-read' : 'is-unread'] },
      h('div', { class: 'row-between' }, h('strong', null, n.title), h('span', { class: 'small muted' }, formatDate(n.created_at, true))),
      h('p', { class: 'mb-0 notification-body' }, n.body));
    if (!n.read) {
      const btn = h('button', { class: 'btn btn-link', type: 'button', 'aria-label': `Mark “${n.title}” as read` }, 'Mark as read');
      btn.addEventListener('click', async () => {
        try { await busy(btn, () => api.post(`/notifications/${encodeURIComponent(n.id)}/read`, {})); li.classList.replace('is-unread', 'is-read'); btn.remove(); } catch (err) { toast(err.message, 'error'); }
      });
      li.append(btn);
    }
    return li;
  })));
}

export async function preferencesPage(root, ctx) {
  if (requireSignIn(root, ctx)) return;
  const box = h('div', null, loading('Loading preferences…', 4));
  accountLayout(root, 'Notification preferences', box);
  let prefs;
  try { prefs = await api.get('/notifications/preferences'); } catch (e) { mount(box, errorState(e, () => preferencesPage(root, ctx))); return; }
  const labels = {
    channels: { email: 'Email', sms: 'SMS (text messages)', in_app: 'In-app notifications' },
    categories: { account: 'Account and security', orders: 'Orders, payments and shipping', stock: 'Stock alerts (sellers)' },
  };
  const form = h('form', { class: 'form card' },
    formAlert(),
    Object.entries(labels).map(([group, names]) => h('fieldset', null,
      h('legend', null, group === 'channels' ? 'How we reach you' : 'What we tell you about'),
      Object.entries(prefs[group] || {}).map(([key, on]) => field({ label: names[key] || key, name: `${group}.${key}`, type: 'checkbox', value: on })))),
    (prefs.always_sent || []).length ? h('p', { class: 'small muted' }, 'Always sent: ', prefs.always_sent.map((s) => s.replace(/_/g, ' ')).join(', '), '.') : null,
    h('div', null, h('button', { class: 'btn', type: 'submit' }, 'Save preferences')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    const v = formValues(form);
    const body = { channels: {}, categories: {} };
    for (const [k, on] of Object.entries(v)) { const [g, key] = k.split('.'); if (body[g]) body[g][key] = on; }
    try { await busy(form.querySelector('[type="submit"]'), () => api.put('/notifications/preferences', body), 'Saving…'); toast('Preferences saved.', 'success'); } catch (err) { showFieldErrors(form, err); }
  });
  mount(box, form);
}

// ---------------------------------------------------------------- privacy: export + delete
export async function privacyPage(root, ctx) {
  if (requireSignIn(root, ctx)) return;
  const exportBtn = h('button', { class: 'btn btn-secondary', type: 'button' }, 'Download my data');
  const exportMsg = h('div', { 'aria-live': 'polite' });
  exportBtn.addEventListener('click', async () => {
    try {
      await busy(exportBtn, () => download('/users/me/export', `emporium-data-${new Date().toISOString().slice(0, 10)}.json`), 'Preparing…');
      mount(exportMsg, h('p', { class: 'small muted' }, 'Your download has started.'));
    } catch (e) { mount(exportMsg, h('div', { class: 'alert', role: 'alert' }, e.message)); }
  });

  const dialog = h('dialog', { 'aria-labelledby': 'del-h' });
  const confirmInput = h('input', { id: 'delete-confirm', name: 'confirm', autocomplete: 'off' });
  const deleteForm = h('form', { class: 'form', method: 'dialog' },
    h('h2', { id: 'del-h' }, 'Delete your account?'),
    h('p', null, 'Your profile, addresses, carts, reviews and notifications are erased. Orders are kept for accounting without your personal data. This cannot be undone.'),
    h('div', { class: 'field' }, h('label', { for: 'delete-confirm' }, 'Type DELETE to confirm'), confirmInput, h('p', { class: 'field-error', id: 'delete-confirm-error' })),
    formAlert(),
    h('div', { class: 'row' },
      h('button', { class: 'btn btn-danger', type: 'submit', value: 'delete' }, 'Delete my account'),
      h('button', { class: 'btn btn-secondary', type: 'button', onclick: () => dialog.close() }, 'Keep my account')));
  dialog.append(deleteForm);
  deleteForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(deleteForm);
    if (confirmInput.value.trim() !== 'DELETE') { showFieldErrors(deleteForm, new ApiError(422, { errors: [{ field: 'confirm', message: 'Type DELETE in capital letters.' }] })); return; }
    try {
      await busy(deleteForm.querySelector('[type="submit"]'), () => api.del('/users/me'), 'Deleting…');
      dialog.close();
      await logout();
      toast('Your account was deleted.');
      ctx.navigate('/', { replace: true });
    } catch (err) { showFieldErrors(deleteForm, err); }
  });
  const openBtn = h('button', { class: 'btn btn-danger', type: 'button', onclick: () => { dialog.showModal(); confirmInput.focus(); } }, 'Delete my account…');

  accountLayout(root, 'Privacy & data', [
    h('section', { class: 'card stack', 'aria-labelledby': 'exp-h' }, h('h2', { id: 'exp-h' }, 'Export your data'),
      h('p', null, 'Download everything we hold about you — profile, addresses, carts, orders, payments (without card data), notifications and reviews — as a JSON file.'),
      exportBtn, exportMsg),
    h('section', { class: 'card stack danger-zone', 'aria-labelledby': 'delacc-h' }, h('h2', { id: 'delacc-h' }, 'Delete your account'),
      h('p', null, 'Erases your personal data from the shop.'), openBtn),
    dialog]);
}
