// Small building blocks shared by the dashboard's pages.
import { h, mount, loading, errorState, emptyState } from '../shared/dom.js';

/** The page heading with optional actions on the right. */
export function pageHeader(title, subtitle, ...actions) {
  return h('div', { class: 'page-header' },
    h('div', null, h('h1', null, title), subtitle ? h('p', { class: 'page-subtitle' }, subtitle) : null),
    actions.length ? h('div', { class: 'page-actions' }, actions) : null);
}

/** A titled card. */
export function card(title, ...children) {
  return h('section', { class: 'card admin-card' },
    title ? h('h2', { class: 'card-title' }, title) : null, children);
}

/**
 * A region that loads its content: a skeleton while `load()` runs, the
 * rendered result, or an error with a retry. Returns the region element;
 * region.reload() runs it again.
 */
export function loader(load, render, { rows = 3, label = 'Loading…' } = {}) {
  const region = h('div', { class: 'loader-region' });
  let token = 0;
  region.reload = async () => {
    const mine = ++token;
    if (!region.firstChild || region.dataset.state !== 'ready') mount(region, loading(label, rows));
    region.setAttribute('aria-busy', 'true');
    try {
      const data = await load();
      if (mine !== token) return;
      region.dataset.state = 'ready';
      mount(region, render(data, region));
    } catch (e) {
      if (mine !== token) return;
      region.dataset.state = 'error';
      mount(region, errorState(e, () => region.reload()));
    } finally {
      if (mine === token) region.removeAttribute('aria-busy');
    }
  };
  region.reload();
  return region;
}

/**
 * A table. columns: [{label, cell: (row) => node|string, class}]; rows: array.
 * An empty list shows `empty` instead.
 */
export function dataTable(columns, rows, empty = emptyState('Nothing here yet')) {
  if (!rows.length) return empty;
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'table' },
      h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col', class: c.class }, c.label)))),
      h('tbody', null, rows.map((r) => h('tr', null, columns.map((c) => h('td', { class: c.class, 'data-label': c.label }, c.cell(r))))))));
}

/** Previous/next paging for a list response {total, page, per_page}. */
export function pager(list, go) {
  const pages = Math.max(1, Math.ceil((list.total || 0) / (list.per_page || 20)));
  if (pages <= 1) return null;
  return h('nav', { class: 'pager', 'aria-label': 'Pages' },
    h('button', { class: 'btn btn-secondary btn-sm', type: 'button', disabled: list.page <= 1, onclick: () => go(list.page - 1) }, 'Previous'),
    h('span', { class: 'pager-status' }, `Page ${list.page} of ${pages} · ${list.total} in all`),
    h('button', { class: 'btn btn-secondary btn-sm', type: 'button', disabled: list.page >= pages, onclick: () => go(list.page + 1) }, 'Next'));
}

/** A list response may come as {results: [...]} or as a bare array. */
export function results(list) {
  if (Array.isArray(list)) return list;
  return list?.results || list?.items || [];
}

/** A fresh Idempotency-Key. */
export function idempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Replace the query string of the current admin URL without a reload. */
export function setQuery(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '' && v !== 1) q.set(k, String(v));
  const s = q.toString();
  history.replaceState(null, '', location.pathname + (s ? '?' + s : ''));
}

/** Decimal amount typed by a person -> a JSON number with at most two decimals, or null. */
export function parseAmount(text) {
  const t = String(text ?? '').trim();
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(t)) return null;
  return Number(t);
}
