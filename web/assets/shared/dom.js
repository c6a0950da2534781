// Tiny DOM helpers shared by the storefront and the admin dashboard.
// No innerHTML with data: everything goes through text nodes.

/**
 * h('button', {class: 'btn', onclick: fn, disabled: true}, 'Text', child, [more])
 * Attributes: class, dataset {..}, on* (event listeners), boolean attributes,
 * anything else via setAttribute. `null`/`false` children are skipped.
 */
export function h(tag, attrs, ...children) {
  const el = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.setAttribute('class', Array.isArray(v) ? v.filter(Boolean).join(' ') : v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'value' && 'value' in el) el.value = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replace the children of `el`. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Format a money amount (a JSON number with at most two decimals) in its currency. */
export function money(amount, currency = 'USD') {
  if (amount === undefined || amount === null || amount === '') return '';
  const n = typeof amount === 'number' ? amount : Number(amount);
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency || 'USD' }).format(n);
  } catch {
    return `${n.toFixed(2)} ${currency}`;
  }
}

export function formatDate(value, withTime = false) {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return withTime
    ? d.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' })
    : d.toLocaleDateString('en-US', { dateStyle: 'medium' });
}

/** A skeleton block list used while a request runs (reserves space: no layout shift). */
export function loading(label = 'Loading…', rows = 3) {
  return h('div', { class: 'state state-loading', role: 'status', 'aria-live': 'polite', 'aria-busy': 'true' },
    h('span', { class: 'visually-hidden' }, label),
    Array.from({ length: rows }, () => h('div', { class: 'skeleton skeleton-line' })));
}

/** An error state with an optional retry button. */
export function errorState(error, retry) {
  const message = error?.message || String(error || 'Something went wrong.');
  return h('div', { class: 'state state-error', role: 'alert' },
    h('p', { class: 'state-title' }, 'Something went wrong'),
    h('p', null, message),
    retry ? h('button', { class: 'btn btn-secondary', type: 'button', onclick: retry }, 'Try again') : null);
}

export function emptyState(title, text, action) {
  return h('div', { class: 'state state-empty' },
    h('p', { class: 'state-title' }, title),
    text ? h('p', null, text) : null,
    action || null);
}

/** A status badge (order/payment/delivery statuses). */
export function badge(status) {
  const s = String(status || '').toLowerCase();
  return h('span', { class: ['badge', 'badge-' + s.replace(/[^a-z_]/g, '')] }, s.replace(/_/g, ' '));
}

/**
 * A labelled form field. options: {label, name, type, value, required, autocomplete,
 * hint, min, max, step, options:[[value,label]] for selects, rows for textarea}.
 * The error element has id `${id}-error` and is filled by showFieldErrors().
 */
let fieldCounter = 0;
export function field(options) {
  const id = options.id || `f-${options.name}-${++fieldCounter}`;
  const common = {
    id, name: options.name, required: options.required, autocomplete: options.autocomplete,
    'aria-describedby': `${id}-error${options.hint ? ' ' + id + '-hint' : ''}`,
    placeholder: options.placeholder, inputmode: options.inputmode, maxlength: options.maxlength,
  };
  let control;
  if (options.type === 'select') {
    control = h('select', common, (options.options || []).map(([v, l]) =>
      h('option', { value: v, selected: String(v) === String(options.value ?? '') }, l)));
  } else if (options.type === 'textarea') {
    control = h('textarea', { ...common, rows: options.rows || 4 });
    control.value = options.value ?? '';
  } else {
    control = h('input', { ...common, type: options.type || 'text', min: options.min, max: options.max,
      step: options.step, minlength: options.minlength, pattern: options.pattern });
    if (options.type === 'checkbox') control.checked = !!options.value;
    else control.value = options.value ?? '';
  }
  const cls = ['field', options.type === 'checkbox' ? 'field-check' : '', options.class || ''];
  if (options.type === 'checkbox') {
    return h('div', { class: cls }, h('label', { for: id }, control, ' ', options.label),
      h('p', { class: 'field-error', id: `${id}-error` }));
  }
  return h('div', { class: cls },
    h('label', { for: id }, options.label, options.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    control,
    options.hint ? h('p', { class: 'field-hint', id: `${id}-hint` }, options.hint) : null,
    h('p', { class: 'field-error', id: `${id}-error` }));
}

/** Form values as an object (trimmed strings; checkboxes as booleans). */
export function formValues(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name || el.disabled) continue;
    if (el.type === 'checkbox') out[el.name] = el.checked;
    else if (el.type === 'radio') { if (el.checked) out[el.name] = el.value; }
    else out[el.name] = typeof el.value === 'string' ? el.value.trim() : el.value;
  }
  return out;
}

/**
 * Show field-level errors from an ApiError (422 problem `errors[]`) under the
 * matching inputs; anything else goes to the form's alert box. Returns true if
 * at least one field error was placed. `aliases` maps API field names to input names.
 */
export function showFieldErrors(form, error, aliases = {}) {
  clearFieldErrors(form);
  let placed = false;
  const unplaced = [];
  for (const [fieldName, message] of Object.entries(error?.fields || {})) {
    const name = aliases[fieldName] || fieldName.split('.').pop();
    const input = form.querySelector(`[name="${CSS.escape(name)}"]`);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      const err = document.getElementById(`${input.id}-error`);
      if (err) err.textContent = message;
      if (!placed) input.focus();
      placed = true;
    } else {
      unplaced.push(`${fieldName}: ${message}`);
    }
  }
  const box = form.querySelector('.form-alert');
  if (box && (!placed || unplaced.length)) {
    box.textContent = [error?.message, ...unplaced].filter(Boolean).join(' ');
    box.hidden = false;
  }
  return placed;
}

export function clearFieldErrors(form) {
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
  const box = form.querySelector('.form-alert');
  if (box) { box.textContent = ''; box.hidden = true; }
}

/** The alert box a form uses for errors that belong to no field. */
export function formAlert() {
  return h('div', { class: 'form-alert', role: 'alert', hidden: true });
}

/** Disable a submit button while `work` runs; shows a busy label. */
export async function busy(button, work, label = 'Please wait…') {
  const original = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = label;
  try { return await work(); } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = original;
  }
}

/** A transient message at the top right (role=status). */
export function toast(message, kind = 'info') {
  let host = document.getElementById('toasts');
  if (!host) {
    host = h('div', { id: 'toasts', class: 'toasts', 'aria-live': 'polite' });
    document.body.append(host);
  }
  const t = h('div', { class: ['toast', 'toast-' + kind], role: kind === 'error' ? 'alert' : 'status' }, message);
  host.append(t);
  setTimeout(() => t.remove(), 5000);
}

export function debounce(fn, ms = 250) {
  let t;
  return (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
}
