// Overview: sales over time (chart), top products and low-stock alerts.
// Admins read /admin/reports/sales and /inventory/alerts; sellers read
// /seller/reports/sales and see their own products that are out of stock.
import { h, money, emptyState } from '../shared/dom.js';
import { api } from '../shared/api.js';
import { salesChart } from './chart.js';
import { pageHeader, card, loader, dataTable, results } from './ui.js';

const RANGES = [[7, 'Last 7 days'], [30, 'Last 30 days'], [90, 'Last 90 days']];

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

function range(days) {
  const to = new Date();
  const from = new Date(to.getTime() - (days - 1) * 86400000);
  return { from: isoDay(from), to: isoDay(to), interval: 'day' };
}

function stat(label, value, testid) {
  return h('div', { class: 'stat' }, h('p', { class: 'stat-label' }, label), h('p', { class: 'stat-value', 'data-testid': testid }, value));
}

function salesView(report) {
  const currency = report.currency || 'USD';
  const series = report.series || [];
  const stats = h('div', { class: 'stats' },
    stat('Revenue', money(report.revenue ?? 0, currency), 'stat-revenue'),
    stat('Orders', String(report.orders ?? 0), 'stat-orders'),
    stat('Average order', money(report.average_order_value ?? 0, currency), 'stat-aov'));
  // The frame reserves the chart's height while it loads (no layout shift).
  if (series.length && Number(report.orders) > 0) {
    return h('div', null, stats, h('div', { class: 'chart-frame' }, salesChart(series, currency, money)));
  }
  return h('div', null, stats, emptyState('No sales in this period', 'Paid orders appear here as they come in.'));
}

function topProducts(report) {
  const currency = report.currency || 'USD';
  return dataTable([
    { label: 'Product', cell: (p) => h('a', { href: `/admin/products/${encodeURIComponent(p.product_id)}` }, p.name || p.product_id) },
    { label: 'Units', class: 'num', cell: (p) => String(p.units) },
    { label: 'Revenue', class: 'num', cell: (p) => money(p.revenue, currency) },
  ], (report.top_products || []).slice(0, 10), emptyState('No products sold yet'));
}

async function productNames(ids) {
  const names = new Map();
  await Promise.all([...new Set(ids)].map(async (id) => {
    try { names.set(id, (await api.get(`/products/${encodeURIComponent(id)}`)).name); } catch { names.set(id, id); }
  }));
  return names;
}

async function loadAlerts(isAdmin, me) {
  if (isAdmin) {
    const list = await api.get('/inventory/alerts', { per_page: 10 });
    const rows = results(list);
    const names = await productNames(rows.map((a) => a.product_id));
    return { kind: 'alerts', rows: rows.map((a) => ({ ...a, name: names.get(a.product_id) })), total: list.total ?? rows.length };
  }
  const list = await api.get('/products', { seller: me.id, per_page: 100 });
  const rows = results(list).filter((p) => !p.in_stock);
  return { kind: 'out', rows, total: rows.length };
}

function alertsView(data) {
  if (data.kind === 'out') {
    return dataTable([
      { label: 'Product', cell: (p) => h('a', { href: `/admin/products/${encodeURIComponent(p.id)}` }, p.name) },
      { label: 'Stock', cell: () => h('span', { class: 'badge badge-failed' }, 'out of stock') },
    ], data.rows, emptyState('Everything is in stock', 'None of your products has run out.'));
  }
  return dataTable([
    { label: 'Product', cell: (a) => h('a', { href: `/admin/products/${encodeURIComponent(a.product_id)}` }, a.name || a.product_id) },
    { label: 'Available', class: 'num', cell: (a) => h('span', { class: a.available === 0 ? 'text-danger' : 'text-warning' }, String(a.available)) },
    { label: 'Threshold', class: 'num', cell: (a) => String(a.threshold) },
  ], data.rows, emptyState('No low-stock alerts', 'Every product is above its threshold.'));
}

export function renderOverview(ctx) {
  const days = Number(ctx.query.get('days')) || 30;
  const params = range(RANGES.some(([d]) => d === days) ? days : 30);
  const path = ctx.isAdmin ? '/admin/reports/sales' : '/seller/reports/sales';
  const report = () => api.get(path, params);
  let shared = null;
  const once = () => (shared ||= report().catch((e) => { shared = null; throw e; }));

  const select = h('select', { id: 'overview-range', name: 'days' },
    RANGES.map(([d, label]) => h('option', { value: String(d), selected: d === days }, label)));
  select.addEventListener('change', () => ctx.navigate(`/admin?days=${select.value}`, { replace: true }));

  return h('div', null,
    pageHeader('Overview', ctx.isAdmin ? 'Sales across the shop.' : 'Sales of your products.',
      h('label', { class: 'inline-label', for: 'overview-range' }, 'Period'), select),
    h('div', { class: 'grid-overview' },
      h('div', { class: 'span-2' }, card('Revenue and orders', loader(once, salesView, { rows: 6, label: 'Loading sales…' }))),
      card('Top products', loader(once, topProducts, { rows: 5, label: 'Loading top products…' })),
      card(ctx.isAdmin ? 'Low-stock alerts' : 'Out of stock',
        loader(() => loadAlerts(ctx.isAdmin, ctx.me), alertsView, { rows: 5, label: 'Loading stock alerts…' }))));
}
