// Products: list (a seller sees only their own), create, edit, archive, and
// the inventory of each variant per warehouse.
import { h, money, emptyState, field, formValues, formAlert, showFieldErrors,
  clearFieldErrors, busy, toast, debounce } from '../shared/dom.js';
import { api } from '../shared/api.js';
import { productImage } from '../shared/product-image.js';
import { pageHeader, card, loader, dataTable, pager, results, setQuery, parseAmount } from './ui.js';

/** The category tree flattened, depth first: [{id, slug, name, label: "Parent › Child", parent_id, depth}]. */
export function flattenCategories(tree, parent = null) {
  const out = [];
  for (const c of tree || []) {
    const label = parent ? `${parent.label} › ${c.name}` : c.name;
    const node = { id: c.id, slug: c.slug, name: c.name, label, parent_id: c.parent_id ?? null, depth: parent ? parent.depth + 1 : 0 };
    out.push(node, ...flattenCategories(c.children, node));
  }
  return out;
}

export function renderProducts(ctx) {
  let q = ctx.query.get('q') || '';
  let page = Math.max(1, Number(ctx.query.get('page')) || 1);
  const load = () => {
    const params = { page, per_page: 25 };
    if (!ctx.isAdmin) params.seller = ctx.me.id;
    if (q && ctx.isAdmin) return api.get('/products/search', { ...params, q });
    return api.get('/products', params);
  };
  const list = loader(load, (data) => {
    let rows = results(data);
    // A seller's search filters their own list here (search has no seller filter).
    if (q && !ctx.isAdmin) rows = rows.filter((p) => p.name.toLowerCase().includes(q.toLowerCase()));
    return h('div', null, dataTable([
      { label: '', class: 'thumb-cell', cell: (p) => productImage(p, { cls: 'admin-thumb', alt: '' }) },
      { label: 'Name', cell: (p) => h('a', { href: `/admin/products/${encodeURIComponent(p.id)}`, 'data-testid': 'product-link' }, p.name) },
      { label: 'Category', cell: (p) => p.category_name || p.category || '—' },
      { label: 'Price', class: 'num', cell: (p) => money(p.price, p.currency) },
      { label: 'Stock', cell: (p) => h('span', { class: ['badge', p.in_stock ? 'badge-paid' : 'badge-failed'] }, p.in_stock ? 'in stock' : 'out of stock') },
    ], rows, emptyState(q ? 'No products match' : 'No products yet', q ? 'Try another word.' : 'Create the first one.',
      h('a', { class: 'btn btn-primary', href: '/admin/products/new' }, 'New product'))),
    pager(data, (p) => { page = p; setQuery({ q, page }); list.reload(); }));
  }, { rows: 8, label: 'Loading products…' });

  const search = h('input', { type: 'search', id: 'product-search', name: 'q', value: q, placeholder: 'Search products', autocomplete: 'off' });
  search.addEventListener('input', debounce(() => { q = search.value.trim(); page = 1; setQuery({ q }); list.reload(); }, 300));

  return h('div', null,
    pageHeader('Products', ctx.isAdmin ? 'Every active product in the shop.' : 'Your products.',
      h('a', { class: 'btn btn-primary', href: '/admin/products/new' }, 'New product')),
    card(null,
      h('div', { class: 'toolbar' }, h('label', { for: 'product-search', class: 'inline-label' }, 'Search'), search),
      list));
}

function attributesText(attrs) {
  return Object.entries(attrs || {}).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('\n');
}

function parseAttributes(text) {
  const out = {};
  for (const line of String(text || '').split('\n')) {
    if (!line.trim()) continue;
    const i = line.indexOf(':');
    if (i <= 0) return null;
    out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}

function productForm(ctx, product, categories) {
  const isNew = !product;
  const p = product || { currency: 'USD' };
  const single = isNew || (p.variants || []).length <= 1;
  const alert = formAlert();
  const submit = h('button', { class: 'btn btn-primary', type: 'submit' }, isNew ? 'Create product' : 'Save changes');
  const form = h('form', { class: 'form product-form', novalidate: true, 'aria-label': 'Product details' },
    alert,
    field({ label: 'Name', name: 'name', required: true, value: p.name, maxlength: 200 }),
    field({ label: 'Description', name: 'description', type: 'textarea', rows: 5, value: p.description }),
    h('div', { class: 'form-row' },
      single ? field({ label: 'Price', name: 'price', required: true, inputmode: 'decimal', value: p.price ?? '', hint: 'For example 24.99' }) : null,
      field({ label: 'Currency', name: 'currency', value: p.currency || 'USD', maxlength: 3, hint: 'ISO 4217, e.g. USD' })),
    h('div', { class: 'form-row' },
      field({ label: 'Category', name: 'category', type: 'select', value: p.category || '',
        options: [['', 'No category'], ...categories.map((c) => [c.slug, c.label])] }),
      single ? field({ label: 'SKU', name: 'sku', value: p.sku || '', maxlength: 64, hint: 'Letters, digits, dot, dash, underscore' }) : null),
    h('div', { class: 'form-row' },
      field({ label: 'Image URL', name: 'image_url', type: 'text', value: p.image_url || '', hint: 'https://…, a path on this site, or empty for a generated image' }),
      field({ label: 'Weight (grams)', name: 'weight_grams', type: 'number', min: 0, step: 1, value: p.variants?.[0]?.weight_grams ?? p.weight_grams ?? '' })),
    field({ label: 'Attributes', name: 'attributes', type: 'textarea', rows: 3, value: attributesText(p.attributes), hint: 'One per line, as "name: value"' }),
    h('div', { class: 'form-actions' }, submit,
      h('a', { class: 'btn btn-ghost', href: isNew ? '/admin/products' : `/admin/products/${encodeURIComponent(p.id)}` }, 'Cancel')));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    const v = formValues(form);
    const errors = {};
    const body = { name: v.name, description: v.description || null, currency: v.currency.toUpperCase() || 'USD', category: v.category || null,
      image_url: v.image_url || null };
    if (!v.name) errors.name = 'Enter a name.';
    if (single) {
      const price = parseAmount(v.price);
      if (price === null) errors.price = 'Enter a price such as 24.99.';
      else body.price = price;
      if (v.sku) body.sku = v.sku;
      else if (!isNew && p.sku) errors.sku = 'A product keeps its SKU.';
    }
    if (!/^[A-Z]{3}$/.test(body.currency)) errors.currency = 'Three letters, such as USD.';
    if (v.weight_grams !== '') {
      const w = Number(v.weight_grams);
      if (!Number.isInteger(w) || w < 0) errors.weight_grams = 'Whole grams, 0 or more.';
      else body.weight_grams = w;
    }
    // Attributes are sent only when edited (the text form turns values into strings).
    if (isNew || v.attributes !== attributesText(p.attributes).trim()) {
      const attrs = parseAttributes(v.attributes);
      if (attrs === null) errors.attributes = 'Write each attribute as "name: value" on its own line.';
      else body.attributes = attrs;
    }
    if (Object.keys(errors).length) {
      showFieldErrors(form, { fields: errors, message: 'Some fields need attention.' });
      return;
    }
    await busy(submit, async () => {
      try {
        if (isNew) {
          const created = await api.post('/products', body);
          toast('Product created', 'success');
          ctx.navigate(`/admin/products/${encodeURIComponent(created.id)}`);
        } else {
          await api.patch(`/products/${encodeURIComponent(p.id)}`, body);
          toast('Changes saved', 'success');
          ctx.navigate(location.pathname, { replace: true });
        }
      } catch (err) {
        showFieldErrors(form, err, { 'variants[0].price': 'price', 'variants[0].sku': 'sku' });
      }
    }, 'Saving…');
  });
  return form;
}

async function loadWarehouses(isAdmin) {
  if (!isAdmin) return [];
  try { return results(await api.get('/warehouses', { per_page: 100 })); } catch { return []; }
}

/**
 * One small stock form: `number` names its whole-number input; `body(values, n)`
 * builds the PUT /inventory/{variant_id} body.
 */
function stockForm(variant, { ariaLabel, heading, controls, number, button, saved, body }, onSaved) {
  const alert = formAlert();
  const save = h('button', { class: 'btn btn-secondary btn-sm', type: 'submit' }, button);
  const form = h('form', { class: 'form form-inline stock-row', novalidate: true, 'aria-label': ariaLabel }, heading, controls, save, alert);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    const values = formValues(form);
    const n = Number(values[number]);
    if (values[number] === '' || !Number.isInteger(n) || n < 0) {
      showFieldErrors(form, { fields: { [number]: 'A whole number, 0 or more.' } });
      return;
    }
    await busy(save, async () => {
      try {
        await api.put(`/inventory/${encodeURIComponent(variant.id)}`, body(values, n));
        toast(saved, 'success');
        onSaved();
      } catch (err) { showFieldErrors(form, err); }
    }, 'Saving…');
  });
  return form;
}

function stockEditor(ctx, variant, level, warehouses, onSaved) {
  // Sellers cannot list warehouses (admin only): they see them numbered.
  const name = (id) => {
    const w = warehouses.find((x) => x.id === id);
    return w ? `${w.name} (${w.code})` : `Warehouse ${level.warehouses.findIndex((x) => x.warehouse_id === id) + 1}`;
  };
  const rows = level.warehouses.length ? level.warehouses : [{ warehouse_id: '', on_hand: 0, reserved: 0, available: 0 }];
  const forms = rows.map((w) => stockForm(variant, {
    ariaLabel: `Stock in ${w.warehouse_id ? name(w.warehouse_id) : 'the default warehouse'}`,
    heading: h('p', { class: 'stock-wh' }, w.warehouse_id ? name(w.warehouse_id) : 'Default warehouse',
      h('span', { class: 'muted small' }, ` · ${w.reserved} reserved · ${w.available} available`)),
    controls: field({ label: 'On hand', name: 'on_hand', type: 'number', min: 0, step: 1, value: w.on_hand }),
    number: 'on_hand', button: 'Save', saved: 'Stock saved',
    body: (_, n) => (w.warehouse_id ? { warehouse_id: w.warehouse_id, on_hand: n } : { on_hand: n }),
  }, onSaved));

  const extra = warehouses.filter((w) => !level.warehouses.some((s) => s.warehouse_id === w.id));
  const add = extra.length ? stockForm(variant, {
    ariaLabel: 'Stock in another warehouse',
    controls: [
      field({ label: 'Warehouse', name: 'warehouse_id', type: 'select', options: extra.map((w) => [w.id, `${w.name} (${w.code})`]) }),
      field({ label: 'On hand', name: 'on_hand', type: 'number', min: 0, step: 1, value: 0 })],
    number: 'on_hand', button: 'Add stock', saved: 'Stock saved',
    body: (v, n) => ({ warehouse_id: v.warehouse_id, on_hand: n }),
  }, onSaved) : null;

  // The threshold rides on a PUT that keeps the first warehouse's on_hand as it is.
  const first = level.warehouses[0];
  const threshold = stockForm(variant, {
    ariaLabel: 'Low-stock threshold',
    controls: field({ label: 'Low-stock threshold', name: 'low_stock_threshold', type: 'number', min: 0, step: 1,
      value: level.low_stock_threshold, hint: 'Alerts fire when available stock falls to this number.' }),
    number: 'low_stock_threshold', button: 'Save threshold', saved: 'Threshold saved',
    body: (_, n) => (first ? { warehouse_id: first.warehouse_id, on_hand: first.on_hand, low_stock_threshold: n }
      : { on_hand: 0, low_stock_threshold: n }),
  }, onSaved);

  return h('div', { class: 'stock-editor' },
    h('p', { class: 'stock-summary' },
      h('strong', null, `${level.available} available`), h('span', { class: 'muted' }, ` · ${level.on_hand} on hand · ${level.reserved} reserved`)),
    forms, add, threshold);
}

function inventorySection(ctx, product) {
  const variants = product.variants?.length ? product.variants : [{ id: product.id, sku: product.sku, options: {} }];
  return h('div', null, variants.map((v) => {
    const title = Object.entries(v.options || {}).map(([k, val]) => `${k}: ${val}`).join(', ') || 'Default variant';
    const region = loader(async () => {
      const [level, warehouses] = await Promise.all([api.get(`/inventory/${encodeURIComponent(v.id)}`), loadWarehouses(ctx.isAdmin)]);
      return { level, warehouses };
    }, ({ level, warehouses }) => stockEditor(ctx, v, level, warehouses, () => region.reload()), { rows: 2, label: 'Loading stock…' });
    return h('div', { class: 'variant-stock' }, h('h3', null, title, v.sku ? h('span', { class: 'muted small mono' }, ` ${v.sku}`) : null), region);
  }));
}

function archiveButton(ctx, product) {
  return h('button', {
    class: 'btn btn-danger', type: 'button',
    onclick: async (e) => {
      if (!window.confirm(`Archive “${product.name}”? It disappears from the storefront.`)) return;
      await busy(e.currentTarget, async () => {
        try {
          await api.del(`/products/${encodeURIComponent(product.id)}`);
          toast('Product archived', 'success');
          ctx.navigate('/admin/products');
        } catch (err) { toast(`The product could not be archived: ${err.message}`, 'error'); }
      }, 'Archiving…');
    },
  }, 'Archive');
}

export function renderProduct(ctx) {
  const [id] = ctx.params;
  const isNew = id === 'new';
  return loader(async () => {
    const [product, tree] = await Promise.all([
      isNew ? null : api.get(`/products/${encodeURIComponent(id)}`),
      api.get('/categories').catch(() => []),
    ]);
    return { product, categories: flattenCategories(tree) };
  }, ({ product, categories }) => {
    if (product && !ctx.isAdmin && product.seller_id !== ctx.me.id) {
      return h('div', null, h('h1', null, 'Product not found'),
        h('p', null, 'There is no such product among yours. ', h('a', { href: '/admin/products' }, 'Back to your products')));
    }
    if (isNew) {
      return h('div', null, pageHeader('New product', 'It is listed on the storefront as soon as it is created.'),
        card(null, productForm(ctx, null, categories)));
    }
    const archived = product.status === 'archived';
    return h('div', null,
      pageHeader(product.name, archived ? 'Archived: hidden from the storefront.' : `${money(product.price, product.currency)} · ${product.stock?.available ?? 0} available`,
        h('a', { class: 'btn btn-ghost', href: `/products/${encodeURIComponent(product.id)}`, target: '_blank', rel: 'noopener' }, 'View in store'),
        archived ? null : archiveButton(ctx, product)),
      h('div', { class: 'grid-detail' },
        h('div', { class: 'span-2' }, card('Details', productForm(ctx, product, categories))),
        h('div', null,
          card('Image', productImage(product, { cls: 'admin-product-img' })),
          card('Inventory', inventorySection(ctx, product)))));
  }, { rows: 8, label: 'Loading the product…' });
}


