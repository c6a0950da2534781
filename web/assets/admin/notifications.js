// Notifications (admin): edit the message templates; list failed deliveries
// and queue them again.
import { h, formatDate, badge, emptyState, field, formValues, formAlert, showFieldErrors,
  clearFieldErrors, busy, toast } from '../shared/dom.js';
import { api } from '../shared/api.js';
import { pageHeader, card, loader, dataTable, pager, results } from './ui.js';

export const TEMPLATE_KEYS = ['welcome', 'password_reset', 'order_confirmation', 'payment_receipt', 'shipment', 'cancellation', 'refund', 'low_stock'];

const label = (s) => String(s || '').replace(/_/g, ' ');

function templateForm(t, onSaved) {
  const alert = formAlert();
  const submit = h('button', { class: 'btn btn-primary', type: 'submit' }, 'Save template');
  const form = h('form', { class: 'form template-form', novalidate: true, 'aria-label': `Template ${label(t.key)}` },
    alert,
    h('p', { class: 'muted' }, 'Variables: ', t.variables.length
      ? t.variables.map((v) => h('code', { class: 'chip' }, `{{${v}}}`)) : 'none',
    h('span', { class: 'small' }, ` · last changed ${formatDate(t.updated_at, true)}`)),
    field({ label: 'Subject', name: 'subject', required: true, value: t.subject, maxlength: 500 }),
    field({ label: 'Text body', name: 'text_body', type: 'textarea', rows: 8, required: true, value: t.text_body }),
    field({ label: 'HTML body', name: 'html_body', type: 'textarea', rows: 8, value: t.html_body, hint: 'Variables are HTML-escaped here.' }),
    h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    const v = formValues(form);
    const errors = {};
    if (!v.subject) errors.subject = 'Enter a subject.';
    if (!v.text_body) errors.text_body = 'Enter the text body.';
    if (Object.keys(errors).length) { showFieldErrors(form, { fields: errors }); return; }
    await busy(submit, async () => {
      try {
        await api.put(`/notifications/templates/${encodeURIComponent(t.key)}`,
          { subject: v.subject, text_body: v.text_body, html_body: v.html_body });
        toast('Template saved', 'success');
        onSaved();
      } catch (err) {
        // Unknown variables come as `variables.<name>`: say which, at the top.
        const unknown = Object.keys(err.fields || {}).filter((f) => f.startsWith('variables.')).map((f) => `{{${f.slice(10)}}}`);
        if (unknown.length) {
          err.message = `Unknown ${unknown.length === 1 ? 'variable' : 'variables'} ${unknown.join(', ')}. Use only: ${t.variables.map((x) => `{{${x}}}`).join(', ') || 'none'}.`;
          err.fields = Object.fromEntries(Object.entries(err.fields).filter(([f]) => !f.startsWith('variables.')));
        }
        showFieldErrors(form, err);
      }
    }, 'Saving…');
  });
  return form;
}

function templates() {
  const picker = h('select', { id: 'template-key', name: 'key' }, TEMPLATE_KEYS.map((k) => h('option', { value: k }, label(k))));
  const holder = h('div');
  const show = () => {
    const key = picker.value;
    const region = loader(() => api.get(`/notifications/templates/${encodeURIComponent(key)}`),
      (t) => templateForm(t, () => region.reload()), { rows: 6, label: 'Loading the template…' });
    holder.replaceChildren(region);
  };
  picker.addEventListener('change', show);
  show();
  return card('Templates',
    h('div', { class: 'toolbar' }, h('label', { for: 'template-key', class: 'inline-label' }, 'Template'), picker),
    holder);
}

function failedDeliveries() {
  let page = 1;
  const list = loader(() => api.get('/notifications/deliveries', { status: 'failed', page, per_page: 20 }), (data, region) => h('div', null,
    dataTable([
      { label: 'Created', cell: (d) => formatDate(d.created_at, true) },
      { label: 'Channel', cell: (d) => d.channel.replace('_', '-') },
      { label: 'To', cell: (d) => h('span', { class: 'break' }, d.recipient) },
      { label: 'Subject', cell: (d) => d.subject || label(d.template) },
      { label: 'Attempts', class: 'num', cell: (d) => String(d.attempts) },
      { label: 'Last error', cell: (d) => h('span', { class: 'small break' }, d.last_error || '—') },
      { label: 'Status', cell: (d) => badge(d.status) },
      { label: '', cell: (d) => d.status !== 'failed' ? null : h('button', {
        class: 'btn btn-secondary btn-sm', type: 'button', 'aria-label': `Retry delivery to ${d.recipient}`,
        onclick: async (e) => {
          const button = e.currentTarget;
          await busy(button, async () => {
            try {
              const queued = await api.post(`/notifications/deliveries/${encodeURIComponent(d.id)}/retry`, {});
              Object.assign(d, queued || { status: 'queued' });
              toast('Delivery queued again', 'success');
              region.reload();
            } catch (err) {
              toast(err.code === 'delivery_not_failed' ? 'That delivery is no longer failed.' : err.message, 'error');
              region.reload();
            }
          }, 'Queuing…');
        },
      }, 'Retry') },
    ], results(data), emptyState('No failed deliveries', 'Every message went out.')),
    pager(data, (p) => { page = p; list.reload(); })), { rows: 4, label: 'Loading failed deliveries…' });
  return card('Failed deliveries',
    h('div', { class: 'toolbar' }, h('button', { class: 'btn btn-ghost btn-sm', type: 'button', onclick: () => list.reload() }, 'Refresh')),
    list);
}

export function renderNotifications() {
  return h('div', null,
    pageHeader('Notifications', 'Message templates and deliveries that need attention.'),
    templates(),
    failedDeliveries());
}
