// Categories (admin): the tree, create, rename/move, delete an empty one.
import { h, emptyState, field, formValues, formAlert, showFieldErrors, clearFieldErrors, busy, toast } from '../shared/dom.js';
import { api } from '../shared/api.js';
import { flattenCategories } from './products.js';
import { pageHeader, card, loader } from './ui.js';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function slugify(text) {
  return String(text || '').toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
}

function categoryForm(all, category, onSaved, onCancel) {
  const isNew = !category;
  // A category cannot move under itself or its descendants.
  const blocked = new Set();
  if (category) {
    blocked.add(category.id);
    let grew = true;
    while (grew) {
      grew = false;
      for (const c of all) if (c.parent_id && blocked.has(c.parent_id) && !blocked.has(c.id)) { blocked.add(c.id); grew = true; }
    }
  }
  const alert = formAlert();
  const submit = h('button', { class: 'btn btn-primary', type: 'submit' }, isNew ? 'Create category' : 'Save');
  const form = h('form', { class: 'form category-form', novalidate: true, 'aria-label': isNew ? 'New category' : `Edit ${category.name}` },
    alert,
    h('div', { class: 'form-row' },
      field({ label: 'Name', name: 'name', required: true, value: category?.name ?? '', maxlength: 100 }),
      field({ label: 'Slug', name: 'slug', required: true, value: category?.slug ?? '', maxlength: 64, hint: 'Lowercase letters, digits and dashes; used in URLs' }),
      field({ label: 'Parent', name: 'parent_id', type: 'select', value: category?.parent_id ?? '',
        options: [['', 'None (top level)'], ...all.filter((c) => !blocked.has(c.id)).map((c) => [c.id, c.label])] })),
    h('div', { class: 'form-actions' }, submit,
      onCancel ? h('button', { class: 'btn btn-ghost', type: 'button', onclick: onCancel }, 'Cancel') : null));

  const name = form.elements.namedItem('name');
  const slug = form.elements.namedItem('slug');
  let slugTouched = !isNew;
  slug.addEventListener('input', () => { slugTouched = true; });
  name.addEventListener('input', () => { if (!slugTouched) slug.value = slugify(name.value); });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    const v = formValues(form);
    const errors = {};
    if (!v.name) errors.name = 'Enter a name.';
    if (!SLUG.test(v.slug)) errors.slug = 'Use lowercase letters, digits and single dashes, e.g. "running-shoes".';
    if (Object.keys(errors).length) { showFieldErrors(form, { fields: errors }); return; }
    const body = { name: v.name, slug: v.slug, parent_id: v.parent_id || null };
    await busy(submit, async () => {
      try {
        if (isNew) await api.post('/categories', body);
        else await api.put(`/categories/${encodeURIComponent(category.id)}`, body);
        toast(isNew ? 'Category created' : 'Category saved', 'success');
        onSaved();
      } catch (err) {
        if (err.status === 409 && !Object.keys(err.fields).length) err.fields = { slug: err.message };
        showFieldErrors(form, err);
      }
    }, 'Saving…');
  });
  return form;
}

export function renderCategories() {
  const tree = loader(() => api.get('/categories'), (data, region) => {
    const all = flattenCategories(data);
    const reload = () => region.reload();
    const list = all.length ? h('ul', { class: 'category-list' }, all.map((c) => {
      const row = h('li', { class: ['category-row', `depth-${Math.min(c.depth, 3)}`] });
      const view = () => row.replaceChildren(
        h('div', { class: 'category-name' }, h('strong', null, c.name), h('span', { class: 'muted small mono' }, ` /${c.slug}`)),
        h('div', { class: 'category-actions' },
          h('button', { class: 'btn btn-secondary btn-sm', type: 'button', onclick: () => row.replaceChildren(categoryForm(all, c, reload, view)) }, 'Edit'),
          h('button', {
            class: 'btn btn-ghost btn-sm', type: 'button',
            onclick: async (e) => {
              if (!window.confirm(`Delete the category “${c.label}”?`)) return;
              await busy(e.currentTarget, async () => {
                try { await api.del(`/categories/${encodeURIComponent(c.id)}`); toast('Category deleted', 'success'); reload(); } catch (err) {
                  toast(err.code === 'category_not_empty' ? 'Only an empty category can be deleted: move its products and subcategories first.' : err.message, 'error');
                }
              }, 'Deleting…');
            },
          }, 'Delete')));
      view();
      return row;
    })) : emptyState('No categories yet');
    return h('div', null, card('New category', categoryForm(all, null, reload, null)), card('All categories', list));
  }, { rows: 6, label: 'Loading categories…' });
  return h('div', null, pageHeader('Categories', 'How the storefront groups products.'), tree);
}
