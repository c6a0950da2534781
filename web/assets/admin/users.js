// Users (admin): search, change role, disable or enable.
import { h, formatDate, badge, emptyState, busy, toast, debounce } from '../shared/dom.js';
import { api } from '../shared/api.js';
import { pageHeader, card, loader, dataTable, pager, results, setQuery } from './ui.js';

const ROLES = ['customer', 'seller', 'admin'];

function roleControl(ctx, u, onSaved) {
  const id = `role-${u.id}`;
  const select = h('select', { id, name: 'role', disabled: u.id === ctx.me.id },
    ROLES.map((r) => h('option', { value: r, selected: r === u.role }, r)));
  select.addEventListener('change', async () => {
    const previous = u.role;
    select.disabled = true;
    try {
      const updated = await api.put(`/users/${encodeURIComponent(u.id)}`, { role: select.value });
      Object.assign(u, updated);
      toast(`${u.email} is now ${u.role === 'admin' ? 'an' : 'a'} ${u.role}`, 'success');
      onSaved();
    } catch (err) {
      select.value = previous;
      toast(`The role could not be changed: ${err.message}`, 'error');
    } finally {
      select.disabled = u.id === ctx.me.id;
    }
  });
  return h('div', { class: 'cell-control' }, h('label', { for: id, class: 'visually-hidden' }, `Role of ${u.email}`), select);
}

function disableButton(ctx, u, onSaved) {
  if (u.id === ctx.me.id) return h('span', { class: 'muted small' }, 'You');
  return h('button', {
    class: ['btn', 'btn-sm', u.disabled ? 'btn-secondary' : 'btn-danger'], type: 'button',
    'aria-label': `${u.disabled ? 'Enable' : 'Disable'} ${u.email}`,
    onclick: async (e) => {
      if (!u.disabled && !window.confirm(`Disable ${u.email}? Their sessions end at once.`)) return;
      await busy(e.currentTarget, async () => {
        try {
          const updated = await api.put(`/users/${encodeURIComponent(u.id)}`, { disabled: !u.disabled });
          Object.assign(u, updated);
          toast(`${u.email} ${u.disabled ? 'disabled' : 'enabled'}`, 'success');
          onSaved();
        } catch (err) { toast(err.message, 'error'); }
      }, 'Saving…');
    },
  }, u.disabled ? 'Enable' : 'Disable');
}

export function renderUsers(ctx) {
  let q = ctx.query.get('q') || '';
  let role = ROLES.includes(ctx.query.get('role')) ? ctx.query.get('role') : '';
  let page = Math.max(1, Number(ctx.query.get('page')) || 1);

  const list = loader(() => api.get('/users', { q, role, page, per_page: 25 }), (data, region) => h('div', null,
    dataTable([
      { label: 'Name', cell: (u) => h('div', null, h('strong', null, u.name || '—'), h('p', { class: 'muted small' }, u.email)) },
      { label: 'Role', cell: (u) => roleControl(ctx, u, () => region.reload()) },
      { label: 'Status', cell: (u) => badge(u.disabled ? 'disabled' : 'active') },
      { label: 'Joined', cell: (u) => formatDate(u.created_at) },
      { label: 'Access', cell: (u) => disableButton(ctx, u, () => region.reload()) },
    ], results(data), emptyState('No users match', 'Try part of a name or an email address.')),
    pager(data, (p) => { page = p; setQuery({ q, role, page }); list.reload(); })), { rows: 8, label: 'Loading users…' });

  const search = h('input', { type: 'search', id: 'user-search', name: 'q', value: q, placeholder: 'Name or email', autocomplete: 'off' });
  search.addEventListener('input', debounce(() => { q = search.value.trim(); page = 1; setQuery({ q, role }); list.reload(); }, 300));
  const roleFilter = h('select', { id: 'user-role', name: 'role' }, h('option', { value: '' }, 'All roles'),
    ROLES.map((r) => h('option', { value: r, selected: r === role }, r)));
  roleFilter.addEventListener('change', () => { role = roleFilter.value; page = 1; setQuery({ q, role }); list.reload(); });

  return h('div', null,
    pageHeader('Users', 'Accounts, roles and access.'),
    card(null,
      h('div', { class: 'toolbar' },
        h('label', { for: 'user-search', class: 'inline-label' }, 'Search'), search,
        h('label', { for: 'user-role', class: 'inline-label' }, 'Role'), roleFilter),
      list));
}
