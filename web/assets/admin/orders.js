// Orders: list with a status filter, order detail, status changes, shipments
// (with the PDF label), refunds.
import { h, money, formatDate, badge, emptyState, field, formValues, formAlert,
  showFieldErrors, clearFieldErrors, busy, toast } from '../shared/dom.js';
import { api, openBlob } from '../shared/api.js';
import { pageHeader, card, loader, dataTable, pager, results, setQuery, idempotencyKey, parseAmount } from './ui.js';

export const STATUSES = ['pending_payment', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded', 'partially_refunded'];

// The transitions the order state machine allows an admin to request. The
// server stays the authority (409 invalid_transition otherwise).
export const NEXT_STATUSES = {
  pending_payment: ['cancelled'],
  paid: ['shipped', 'cancelled'],
  partially_refunded: ['shipped', 'cancelled'],
  shipped: ['delivered'],
};

const label = (s) => String(s || '').replace(/_/g, ' ');

export function renderOrders(ctx) {
  const status = STATUSES.includes(ctx.query.get('status')) ? ctx.query.get('status') : '';
  let page = Math.max(1, Number(ctx.query.get('page')) || 1);
  const path = ctx.isAdmin ? '/admin/orders' : '/seller/orders';

  const filter = h('select', { id: 'order-status-filter', name: 'status' },
    h('option', { value: '' }, 'All statuses'),
    STATUSES.map((s) => h('option', { value: s, selected: s === status }, label(s))));
  filter.addEventListener('change', () => ctx.navigate(`/admin/orders${filter.value ? '?status=' + filter.value : ''}`, { replace: true }));

  const list = loader(() => api.get(path, { status, page, per_page: 20 }), (data) => h('div', null,
    dataTable([
      { label: 'Order', cell: (o) => h('a', { href: `/admin/orders/${encodeURIComponent(o.id)}`, class: 'mono' }, o.id) },
      { label: 'Placed', cell: (o) => formatDate(o.created_at, true) },
      { label: 'Status', cell: (o) => badge(o.status) },
      { label: 'Items', class: 'num', cell: (o) => String(o.item_count ?? (o.items || []).reduce((n, i) => n + (i.quantity || 0), 0)) },
      // A seller's view of an order holds only their lines: its subtotal.
      { label: ctx.isAdmin ? 'Total' : 'Your lines', class: 'num', cell: (o) => money(o.total ?? o.subtotal, o.currency) },
    ], results(data), emptyState(status ? `No ${label(status)} orders` : 'No orders yet',
      status ? 'Try another status.' : 'Orders appear here when customers check out.')),
    pager(data, (p) => { page = p; setQuery({ status, page }); list.reload(); })), { rows: 6, label: 'Loading orders…' });

  return h('div', null,
    pageHeader('Orders', ctx.isAdmin ? 'Every order in the shop.' : 'Orders that hold your products.',
      h('label', { class: 'inline-label', for: 'order-status-filter' }, 'Status'), filter),
    card(null, list));
}

function addressBlock(a) {
  if (!a) return h('p', { class: 'muted' }, 'No address');
  return h('address', { class: 'address' },
    [a.name, a.line1, a.line2, [a.postal_code, a.city].filter(Boolean).join(' '), a.region, a.country]
      .filter(Boolean).map((line) => h('span', null, line)));
}

async function loadOrder(id) {
  const order = await api.get(`/orders/${encodeURIComponent(id)}`);
  const [tracking, payments] = await Promise.all([
    api.get(`/orders/${encodeURIComponent(id)}/tracking`).catch(() => null),
    api.get(`/orders/${encodeURIComponent(id)}/payments`).then(results).catch(() => null),
  ]);
  return { order, tracking, payments };
}

// Shipments created in this page session, in case the order's answer does
// not list them (their id is what opens the label).
const createdShipments = new Map();

function shipmentsOf(order, tracking) {
  const list = [...(order.shipments || [])];
  const created = createdShipments.get(order.id);
  if (created && !list.some((s) => s.id === created.id)) {
    const known = list.find((s) => s.tracking_number === created.tracking_number);
    if (known) known.id ||= created.id;
    else list.push(created);
  }
  if (!list.length && order.shipment) list.push(order.shipment);
  if (!list.length && tracking?.tracking_number) {
    list.push({ id: tracking.shipment_id || tracking.id, tracking_number: tracking.tracking_number, carrier: tracking.carrier, status: tracking.status });
  }
  return list.filter((s) => s && (s.id || s.tracking_number));
}

function statusForm(order, onChanged) {
  const next = NEXT_STATUSES[order.status] || [];
  if (!next.length) return h('p', { class: 'muted' }, `A ${label(order.status)} order has no further status changes.`);
  const alert = formAlert();
  const submit = h('button', { class: 'btn btn-primary', type: 'submit' }, 'Change status');
  const form = h('form', { class: 'form form-inline', novalidate: true, 'aria-label': 'Change status' },
    alert,
    field({ label: 'New status', name: 'status', type: 'select', options: next.map((s) => [s, label(s)]) }),
    submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    const { status } = formValues(form);
    if (status === 'cancelled' && !window.confirm('Cancel this order? Its stock is released and any payment is refunded.')) return;
    await busy(submit, async () => {
      try {
        await api.patch(`/orders/${encodeURIComponent(order.id)}/status`, { status });
        toast(`Order marked ${label(status)}`, 'success');
        onChanged();
      } catch (err) {
        if (err.code === 'invalid_transition') err.message = `The order cannot go from ${label(order.status)} to ${label(status)}.`;
        showFieldErrors(form, err);
      }
    }, 'Saving…');
  });
  return form;
}

function shipmentSection(order, tracking, onChanged) {
  const shipments = shipmentsOf(order, tracking);
  const rows = shipments.map((s) => h('li', { class: 'shipment' },
    h('div', null,
      h('p', null, h('strong', null, s.carrier || 'Shipment'), ' ', s.status ? badge(s.status) : null),
      h('p', null, 'Tracking number ', h('span', { class: 'mono', 'data-testid': 'tracking-number' }, s.tracking_number || '—'))),
    s.id ? h('button', {
      class: 'btn btn-secondary btn-sm', type: 'button',
      onclick: (e) => busy(e.currentTarget, () => openBlob(`/shipments/${encodeURIComponent(s.id)}/label`)
        .catch((err) => toast(`The label could not be opened: ${err.message}`, 'error')), 'Opening…'),
    }, 'Open label (PDF)') : null));
  const canShip = ['paid', 'partially_refunded'].includes(order.status) && !shipments.length;
  let create = null;
  if (canShip) {
    const alert = formAlert();
    const submit = h('button', { class: 'btn btn-primary', type: 'submit' }, 'Create shipment');
    create = h('form', { class: 'form', novalidate: true, 'aria-label': 'Create shipment' }, alert, submit);
    create.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearFieldErrors(create);
      await busy(submit, async () => {
        try {
          const s = await api.post(`/orders/${encodeURIComponent(order.id)}/shipments`, {});
          toast(`Shipment created: ${s.tracking_number}`, 'success');
          createdShipments.set(order.id, s);
          onChanged();
        } catch (err) {
          showFieldErrors(create, err);
        }
      }, 'Creating…');
    });
  }
  return h('div', null,
    shipments.length ? h('ul', { class: 'plain-list' }, rows) : h('p', { class: 'muted' }, 'No shipment yet.'),
    create);
}

function refundSection(order, payments, onChanged) {
  const list = payments || (order.payment ? [order.payment] : []);
  const refundable = list.filter((p) => ['captured', 'succeeded', 'partially_refunded', 'paid'].includes(p.status));
  const rows = dataTable([
    { label: 'Payment', cell: (p) => h('span', { class: 'mono break' }, p.id) },
    { label: 'Card', cell: (p) => [p.brand, p.last4 ? `•••• ${p.last4}` : null].filter(Boolean).join(' ') },
    { label: 'Status', cell: (p) => badge(p.status) },
    { label: 'Amount', class: 'num', cell: (p) => money(p.amount ?? order.total, p.currency || order.currency) },
    { label: 'Refunded', class: 'num', cell: (p) => money(p.refunded_amount ?? p.refunded ?? 0, p.currency || order.currency) },
    { label: '', cell: (p) => p.status !== 'authorized' ? null : h('button', {
      class: 'btn btn-secondary btn-sm', type: 'button',
      onclick: (e) => busy(e.currentTarget, async () => {
        try {
          await api.post(`/payments/${encodeURIComponent(p.id)}/capture`, {}, { headers: { 'Idempotency-Key': idempotencyKey() } });
          toast('Payment captured', 'success');
          onChanged();
        } catch (err) { toast(`The payment could not be captured: ${err.message}`, 'error'); }
      }, 'Capturing…'),
    }, 'Capture') },
  ], list, h('p', { class: 'muted' }, 'No payment yet.'));
  if (!refundable.length) return rows;

  // One key per intended refund: a retry after a network error reuses it,
  // so the refund cannot happen twice; a successful refund starts a new one.
  let key = idempotencyKey();
  let lastBody = '';
  const alert = formAlert();
  const submit = h('button', { class: 'btn btn-danger', type: 'submit' }, 'Refund');
  const form = h('form', { class: 'form form-inline', novalidate: true, 'aria-label': 'Refund' },
    alert,
    refundable.length > 1
      ? field({ label: 'Payment', name: 'payment_id', type: 'select', options: refundable.map((p) => [p.id, p.id]) })
      : h('input', { type: 'hidden', name: 'payment_id', value: refundable[0].id }),
    field({ label: `Amount (${order.currency || 'USD'})`, name: 'amount', inputmode: 'decimal', required: true,
      value: Number(order.refunded_total) > 0 ? '' : String(order.total ?? ''), hint: 'A partial amount refunds part of the payment.' }),
    submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    const values = formValues(form);
    const amount = parseAmount(values.amount);
    if (amount === null || amount <= 0) {
      showFieldErrors(form, { fields: { amount: 'Enter an amount such as 12.50.' } });
      return;
    }
    if (!window.confirm(`Refund ${money(amount, order.currency)}?`)) return;
    const body = JSON.stringify({ payment_id: values.payment_id, amount });
    if (body !== lastBody) { key = idempotencyKey(); lastBody = body; }
    await busy(submit, async () => {
      try {
        await api.post(`/payments/${encodeURIComponent(values.payment_id)}/refund`, { amount }, { headers: { 'Idempotency-Key': key } });
        key = idempotencyKey();
        lastBody = '';
        toast(`Refunded ${money(amount, order.currency)}`, 'success');
        onChanged();
      } catch (err) {
        showFieldErrors(form, err);
      }
    }, 'Refunding…');
  });
  return h('div', null, rows, form);
}

export function renderOrder(ctx) {
  const [id] = ctx.params;
  const body = loader(() => loadOrder(id), ({ order, tracking, payments }) => {
    const reload = () => body.reload();
    const currency = order.currency || 'USD';
    const mine = (item) => ctx.isAdmin || !item.seller_id || item.seller_id === ctx.me.id;
    return h('div', { class: 'order-detail' },
      pageHeader(h('span', null, 'Order ', h('span', { class: 'mono' }, order.id)),
        `Placed ${formatDate(order.created_at, true)}`,
        h('span', { 'data-testid': 'order-status' }, badge(order.status))),
      h('div', { class: 'grid-detail' },
        h('div', { class: 'span-2' },
          card('Items', dataTable([
            { label: 'Product', cell: (i) => h('div', null, h('a', { href: `/admin/products/${encodeURIComponent(i.product_id)}` }, i.name),
              i.options && Object.keys(i.options).length ? h('p', { class: 'muted small' }, Object.entries(i.options).map(([k, v]) => `${k}: ${v}`).join(', ')) : null,
              i.sku ? h('p', { class: 'muted small mono' }, i.sku) : null) },
            { label: 'Qty', class: 'num', cell: (i) => String(i.quantity) },
            { label: 'Unit price', class: 'num', cell: (i) => money(i.unit_price, currency) },
            { label: 'Total', class: 'num', cell: (i) => money(i.line_total, currency) },
          ], (order.items || []).filter(mine)),
          h('dl', { class: 'totals' },
            h('dt', null, 'Subtotal'), h('dd', null, money(order.subtotal, currency)),
            order.total === undefined ? null : [
              h('dt', null, 'Shipping'), h('dd', null, money(order.shipping_total ?? 0, currency)),
              h('dt', null, 'Tax'), h('dd', null, money(order.tax_total ?? 0, currency)),
              h('dt', { class: 'total' }, 'Total'), h('dd', { class: 'total' }, money(order.total, currency)),
              Number(order.refunded_total) > 0 ? [h('dt', null, 'Refunded'), h('dd', null, `−${money(order.refunded_total, currency)}`)] : null,
            ])),
          ctx.isAdmin ? card('Payments and refunds', refundSection(order, payments, reload)) : null),
        h('div', null,
          ctx.isAdmin ? card('Status', statusForm(order, reload)) : null,
          card('Shipment', ctx.isAdmin ? shipmentSection(order, tracking, reload)
            : h('p', null, tracking?.tracking_number ? `Tracking number ${tracking.tracking_number}` : 'No shipment yet.')),
          card('Ship to', addressBlock(order.shipping_address)))),
      h('p', null, h('a', { href: '/admin/orders' }, '← All orders')));
  }, { rows: 8, label: 'Loading the order…' });
  return body;
}
