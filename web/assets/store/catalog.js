// Catalog pages: home, category, search (filters, sort, pagination), product.
import { api, isSignedIn, ApiError } from '/assets/shared/api.js';
import {
  h, mount, money, formatDate, loading, errorState, emptyState, field, formValues,
  showFieldErrors, clearFieldErrors, formAlert, busy, toast,
} from '/assets/shared/dom.js';
import { productImage, imageUrl } from '/assets/shared/product-image.js';
import { addToCart } from './cart.js';

const SORTS = [
  ['', 'Best match'], ['newest', 'Newest'], ['price_asc', 'Price: low to high'],
  ['price_desc', 'Price: high to low'], ['rating', 'Top rated'], ['name', 'Name'],
];
const PER_PAGE = 12;

let categoriesPromise = null;
export function categories() {
  if (!categoriesPromise) {
    categoriesPromise = api.get('/categories').then((c) => (Array.isArray(c) ? c : c?.results || []))
      .catch((e) => { categoriesPromise = null; throw e; });
  }
  return categoriesPromise;
}

function flatten(tree, depth = 0, out = []) {
  for (const c of tree) { out.push({ ...c, depth }); flatten(c.children || [], depth + 1, out); }
  return out;
}

export async function renderCategoryBar(el) {
  try {
    const tree = await categories();
    mount(el, h('ul', { class: 'category-list' },
      tree.map((c) => h('li', null, h('a', { href: `/category/${encodeURIComponent(c.slug)}` }, c.name)))));
  } catch { mount(el); }
}

export function stars(rating, count) {
  const r = Math.round(Number(rating || 0));
  const label = count ? `Rated ${Number(rating || 0).toFixed(1)} out of 5 from ${count} review${count === 1 ? '' : 's'}` : 'No reviews yet';
  return h('span', { class: 'rating', title: label },
    h('span', { class: 'stars', 'aria-hidden': 'true' }, '★'.repeat(r) + '☆'.repeat(5 - r)),
    h('span', { class: 'visually-hidden' }, label),
    count !== undefined ? h('span', { class: 'small muted', 'aria-hidden': 'true' }, ` (${count || 0})`) : null);
}

function stockLabel(inStock, available) {
  if (inStock === false || available === 0) return h('span', { class: 'badge badge-out_of_stock' }, 'Out of stock');
  if (typeof available === 'number' && available <= 5) return h('span', { class: 'badge badge-low_stock' }, `Only ${available} left`);
  return h('span', { class: 'badge badge-in_stock' }, 'In stock');
}

export function productCard(p) {
  return h('li', { class: 'product-card' },
    h('a', { href: `/products/${encodeURIComponent(p.id)}`, class: 'product-card-link' },
      h('div', { class: 'product-card-media' }, productImage(p)),
      h('div', { class: 'product-card-body' },
        h('h3', { class: 'product-card-title' }, p.name),
        stars(p.rating, p.review_count),
        h('div', { class: 'row-between' },
          h('span', { class: 'price' }, money(p.price, p.currency)),
          p.in_stock === false ? h('span', { class: 'small muted' }, 'Out of stock') : null))));
}

function skeletonGrid(n = 8) {
  return h('ul', { class: 'product-grid', 'aria-busy': 'true', 'aria-label': 'Loading products' },
    Array.from({ length: n }, () => h('li', { class: 'product-card skeleton-card' },
      h('div', { class: 'product-card-media skeleton' }),
      h('div', { class: 'product-card-body' }, h('div', { class: 'skeleton skeleton-line' }), h('div', { class: 'skeleton skeleton-line' })))));
}

function productGrid(products) {
  return h('ul', { class: 'product-grid' }, products.map(productCard));
}

// ---------------------------------------------------------------- home
export async function homePage(root, ctx) {
  document.title = 'Emporium · Shop everything you need';
  const featured = h('div', null, skeletonGrid(8));
  const cats = h('div', { class: 'category-tiles' }, Array.from({ length: 6 }, () => h('div', { class: 'category-tile skeleton' })));
  mount(root,
    h('section', { class: 'hero' },
      h('div', { class: 'hero-text' },
        h('h1', null, 'Good things, fairly priced.'),
        h('p', { class: 'hero-lead' }, 'Free shipping on bigger orders, 30-day returns, and secure card checkout.'),
        h('div', { class: 'row' },
          h('a', { class: 'btn btn-lg', href: '/search?sort=newest' }, 'Shop new arrivals'),
          h('a', { class: 'btn btn-lg btn-secondary', href: '/search?sort=rating' }, 'Top rated')))),
    h('section', { class: 'section', 'aria-labelledby': 'cat-h' }, h('h2', { id: 'cat-h' }, 'Shop by category'), cats),
    h('section', { class: 'section', 'aria-labelledby': 'feat-h' },
      h('div', { class: 'row-between' }, h('h2', { id: 'feat-h' }, 'Featured products'), h('a', { href: '/search?sort=rating' }, 'See all')),
      featured));

  const loadCats = categories().then((tree) => {
    if (!ctx.isCurrent()) return;
    mount(cats, tree.length ? tree.map((c) => h('a', { class: 'category-tile', href: `/category/${encodeURIComponent(c.slug)}` },
      h('span', { class: 'category-tile-name' }, c.name),
      c.children?.length ? h('span', { class: 'small muted' }, c.children.map((x) => x.name).slice(0, 3).join(' · ')) : null))
      : emptyState('No categories yet'));
  }).catch((e) => mount(cats, errorState(e, () => homePage(root, ctx))));

  const loadFeatured = api.get('/products', { sort: 'rating', per_page: 8 }).then((list) => {
    if (!ctx.isCurrent()) return;
    mount(featured, list.results?.length ? productGrid(list.results) : emptyState('No products yet', 'Check back soon.'));
  }).catch((e) => mount(featured, errorState(e, () => homePage(root, ctx))));
  await Promise.all([loadCats, loadFeatured]);
}

// ---------------------------------------------------------------- listing (category + search)
function pagination(total, page, perPage, hrefFor) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages <= 1) return null;
  return h('nav', { class: 'pagination', 'aria-label': 'Pages' },
    page > 1 ? h('a', { class: 'btn btn-secondary', href: hrefFor(page - 1), rel: 'prev' }, '← Previous') : h('span', { class: 'btn btn-secondary', 'aria-disabled': 'true' }, '← Previous'),
    h('span', { class: 'small muted' }, `Page ${page} of ${pages}`),
    page < pages ? h('a', { class: 'btn btn-secondary', href: hrefFor(page + 1), rel: 'next' }, 'Next →') : h('span', { class: 'btn btn-secondary', 'aria-disabled': 'true' }, 'Next →'));
}

function priceToParam(value) {
  const v = String(value || '').trim();
  return /^\d+(\.\d{1,2})?$/.test(v) ? v : '';
}

async function listingPage(root, ctx, { title, heading, category }) {
  const q = ctx.query;
  const state = {
    q: q.get('q') || '', category: category || q.get('category') || '', price_min: q.get('price_min') || '',
    price_max: q.get('price_max') || '', sort: q.get('sort') || '', page: Math.max(1, Number(q.get('page')) || 1),
  };
  document.title = `${title} · Emporium`;
  const hrefFor = (overrides) => {
    const s = { ...state, ...overrides };
    const p = new URLSearchParams();
    for (const k of ['q', 'price_min', 'price_max', 'sort']) if (s[k]) p.set(k, s[k]);
    if (!category && s.category) p.set('category', s.category);
    if (s.page > 1) p.set('page', s.page);
    const base = category ? `/category/${encodeURIComponent(category)}` : '/search';
    return base + (p.toString() ? '?' + p : '');
  };

  const results = h('div', { class: 'listing-results', 'aria-live': 'polite' }, skeletonGrid(PER_PAGE));
  const summary = h('p', { class: 'small muted listing-summary' }, '\u00a0');
  const form = h('form', { class: 'filters card card-tight', 'aria-label': 'Filters' },
    h('h2', { class: 'filters-title' }, 'Filter'),
    category ? null : field({ label: 'Search', name: 'q', type: 'search', value: state.q }),
    category ? null : field({ label: 'Category', name: 'category', type: 'select', value: state.category, options: [['', 'All categories']] }),
    h('div', { class: 'filters-price' },
      field({ label: 'Min price', name: 'price_min', type: 'number', min: 0, step: '0.01', value: state.price_min, inputmode: 'decimal' }),
      field({ label: 'Max price', name: 'price_max', type: 'number', min: 0, step: '0.01', value: state.price_max, inputmode: 'decimal' })),
    field({ label: 'Sort by', name: 'sort', type: 'select', value: state.sort, options: category ? SORTS.slice(1) : SORTS }),
    h('button', { class: 'btn', type: 'submit' }, 'Apply'),
    h('a', { class: 'btn btn-link', href: category ? `/category/${encodeURIComponent(category)}` : '/search' }, 'Clear filters'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(form);
    ctx.navigate(hrefFor({ q: v.q ?? state.q, category: v.category ?? state.category, price_min: priceToParam(v.price_min),
      price_max: priceToParam(v.price_max), sort: v.sort, page: 1 }));
  });
  form.querySelector('[name="sort"]').addEventListener('change', () => form.requestSubmit());

  mount(root,
    h('nav', { class: 'breadcrumbs small', 'aria-label': 'Breadcrumb' }, h('a', { href: '/' }, 'Home'), ' / ', heading),
    h('h1', null, heading),
    h('div', { class: 'listing' }, form, h('div', { class: 'listing-main' }, summary, results)));

  if (!category) {
    categories().then((tree) => {
      const select = form.querySelector('[name="category"]');
      for (const c of flatten(tree)) {
        select.append(h('option', { value: c.slug, selected: c.slug === state.category }, '\u00a0\u00a0'.repeat(c.depth) + c.name));
      }
    }).catch(() => {});
  }

  const params = { page: state.page, per_page: PER_PAGE, sort: state.sort || undefined, price_min: state.price_min, price_max: state.price_max };
  let list;
  try {
    if (category) {
      list = await api.get(`/products/category/${encodeURIComponent(category)}`, params);
    } else if (state.q) {
      list = await api.get('/products/search', { ...params, q: state.q, category: state.category });
    } else {
      list = await api.get('/products', { page: state.page, per_page: PER_PAGE, category: state.category, sort: state.sort || 'newest' });
    }
    // The search applies the price range across the shop; a plain listing has
    // no price filter in the API, so it narrows the page shown.
    if (!state.q && (state.price_min || state.price_max)) {
      const min = state.price_min ? Number(state.price_min) : -Infinity;
      const max = state.price_max ? Number(state.price_max) : Infinity;
      list = { ...list, results: (list.results || []).filter((p) => Number(p.price) >= min && Number(p.price) <= max), pageFiltered: true };
    }
  } catch (e) {
    if (!ctx.isCurrent()) return;
    if (e instanceof ApiError && e.status === 422) { showFieldErrors(form, e); mount(results, emptyState('Check the filters', e.message)); return; }
    if (e instanceof ApiError && e.status === 404 && category) { mount(results, emptyState('Category not found', 'It may have been removed.', h('a', { class: 'btn', href: '/' }, 'Back to the shop'))); return; }
    mount(results, errorState(e, () => listingPage(root, ctx, { title, heading, category })));
    return;
  }
  if (!ctx.isCurrent()) return;
  const total = list.total ?? list.results?.length ?? 0;
  summary.textContent = total === 0 ? '' : `${total} product${total === 1 ? '' : 's'}${state.q ? ` for “${state.q}”` : ''}` +
    (list.pageFiltered ? ' · price range applied to this page; add a search term to filter the whole shop' : '');
  if (!list.results?.length) {
    mount(results, emptyState(state.q ? `No results for “${state.q}”` : 'No products match',
      'Try fewer words, another spelling, or remove a filter.',
      h('a', { class: 'btn btn-secondary', href: category ? `/category/${encodeURIComponent(category)}` : '/search' }, 'Clear filters')));
    return;
  }
  mount(results, productGrid(list.results), pagination(total, state.page, list.per_page || PER_PAGE, (page) => hrefFor({ page })));
}

export async function categoryPage(root, ctx) {
  const slug = ctx.params[0];
  let name = slug;
  try {
    const found = flatten(await categories()).find((c) => c.slug === slug);
    if (found) name = found.name;
  } catch { /* the listing shows the error */ }
  return listingPage(root, ctx, { title: name, heading: name, category: slug });
}

export async function searchPage(root, ctx) {
  const q = ctx.query.get('q');
  return listingPage(root, ctx, { title: q ? `Search: ${q}` : 'All products', heading: q ? `Results for “${q}”` : 'All products' });
}

// ---------------------------------------------------------------- product
function variantMatches(variant, selection) {
  return Object.entries(selection).every(([k, v]) => variant.options?.[k] === v);
}

export async function productPage(root, ctx) {
  const id = ctx.params[0];
  mount(root, h('div', { class: 'product-layout' },
    h('div', { class: 'product-gallery' }, h('div', { class: 'product-main-img skeleton' })),
    h('div', null, loading('Loading product…', 6))));
  let product;
  try {
    product = await api.get(`/products/${encodeURIComponent(id)}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      document.title = 'Product not found · Emporium';
      mount(root, emptyState('Product not found', 'It may have been removed from the shop.', h('a', { class: 'btn', href: '/' }, 'Back to the shop')));
      return;
    }
    throw e;
  }
  if (!ctx.isCurrent()) return;
  document.title = `${product.name} · Emporium`;

  const variants = product.variants || [];
  const options = product.options || [];
  const selection = {};
  if (variants.length) Object.assign(selection, variants.find((v) => (v.stock?.available ?? 1) > 0)?.options || variants[0].options || {});

  const images = (product.images?.length ? product.images : [product.image_url]).filter(Boolean);
  const mainImg = h('div', { class: 'product-main-img' }, productImage(product, { url: images[0], cls: 'product-img' }));
  const thumbs = images.length > 1 ? h('div', { class: 'thumbs', role: 'group', 'aria-label': 'Product images' },
    images.map((url, i) => h('button', {
      type: 'button', class: 'thumb', 'aria-label': `Show image ${i + 1}`,
      onclick: () => mount(mainImg, productImage(product, { url, cls: 'product-img' })),
    }, h('img', { src: imageUrl(product, url), alt: '', width: 80, height: 80 })))) : null;

  const priceEl = h('p', { class: 'product-price' });
  const stockEl = h('div', { class: 'product-stock' });
  const qty = h('input', { id: 'qty', name: 'quantity', type: 'number', min: 1, max: 99, value: '1', inputmode: 'numeric', class: 'qty-input' });
  const addBtn = h('button', { class: 'btn btn-lg', type: 'submit' }, 'Add to cart');
  const message = h('div', { class: 'add-message', 'aria-live': 'polite' });

  const selected = () => (variants.length ? variants.find((v) => variantMatches(v, selection)) : null);
  const update = () => {
    const v = selected();
    const price = v ? v.price : product.price;
    const currency = v?.currency || product.currency;
    priceEl.textContent = money(price, currency);
    const available = v ? v.stock?.available : product.stock?.available;
    mount(stockEl, stockLabel(product.in_stock !== false && (v ? available !== 0 : true), available));
    const soldOut = available === 0 || (!v && variants.length > 0);
    addBtn.disabled = soldOut;
    addBtn.textContent = !v && variants.length ? 'Unavailable in this combination' : soldOut ? 'Sold out' : 'Add to cart';
    for (const input of pickers.querySelectorAll('input[type="radio"]')) input.checked = selection[input.name] === input.value;
  };

  const pickers = h('div', { class: 'variant-pickers' }, options.map((opt) => h('fieldset', { class: 'variant-picker' },
    h('legend', null, opt.name),
    h('div', { class: 'row' }, opt.values.map((value) => {
      const inputId = `opt-${opt.name}-${value}`.replace(/[^A-Za-z0-9_-]/g, '_');
      return h('span', { class: 'chip' },
        h('input', { type: 'radio', id: inputId, name: opt.name, value, onchange: () => { selection[opt.name] = value; update(); } }),
        h('label', { for: inputId }, value));
    })))));

  const addForm = h('form', { class: 'add-form' },
    pickers,
    h('div', { class: 'row' }, h('label', { for: 'qty', class: 'small' }, 'Quantity'), qty, addBtn),
    message);
  addForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const quantity = Math.max(1, Math.min(99, Number(qty.value) || 1));
    const v = selected();
    const ref = v ? { variant_id: v.id } : { product_id: product.id };
    try {
      await busy(addBtn, () => addToCart(ref, quantity), 'Adding…');
      mount(message, h('div', { class: 'alert alert-success' }, `Added ${quantity} × ${product.name} to your cart. `, h('a', { href: '/cart' }, 'View cart')));
    } catch (err) {
      const text = err.code === 'insufficient_stock' ? `Not enough stock: ${err.message}` : err.message;
      mount(message, h('div', { class: 'alert', role: 'alert' }, text));
    }
    update();
  });

  const attributes = Object.entries(product.attributes || {});
  const reviewsSection = h('section', { class: 'section reviews', 'aria-labelledby': 'reviews-h' });

  mount(root,
    h('nav', { class: 'breadcrumbs small', 'aria-label': 'Breadcrumb' }, h('a', { href: '/' }, 'Home'), ' / ',
      product.category ? [h('a', { href: `/category/${encodeURIComponent(product.category)}` }, product.category_name || product.category), ' / '] : null, product.name),
    h('div', { class: 'product-layout' },
      h('div', { class: 'product-gallery' }, mainImg, thumbs),
      h('div', { class: 'product-info' },
        h('h1', null, product.name),
        stars(product.rating, product.review_count),
        priceEl, stockEl, addForm,
        product.description ? h('div', { class: 'product-description' }, product.description.split(/\n{2,}/).map((p) => h('p', null, p))) : null,
        attributes.length || product.sku ? h('dl', { class: 'attributes' },
          product.sku ? [h('dt', null, 'SKU'), h('dd', null, product.sku)] : null,
          attributes.map(([k, v]) => [h('dt', null, k), h('dd', null, typeof v === 'object' ? JSON.stringify(v) : String(v))])) : null)),
    reviewsSection);
  update();
  await renderReviews(reviewsSection, product);
}

async function renderReviews(section, product) {
  const list = h('div', null, loading('Loading reviews…', 2));
  const writer = h('div');
  mount(section, h('h2', { id: 'reviews-h' }, 'Customer reviews'), writer, list);
  if (isSignedIn()) mount(writer, reviewForm(product, () => renderReviews(section, product)));
  else mount(writer, h('p', { class: 'muted' }, h('a', { href: `/signin?next=${encodeURIComponent(location.pathname)}` }, 'Sign in'), ' to write a review.'));
  try {
    const data = await api.get(`/products/${encodeURIComponent(product.id)}/reviews`, { per_page: 20 });
    const reviews = data.results || [];
    mount(list, reviews.length ? h('ul', { class: 'review-list' }, reviews.map((r) => h('li', { class: 'review card card-tight' },
      h('div', { class: 'row-between' }, stars(r.rating), h('span', { class: 'small muted' }, formatDate(r.created_at))),
      r.title ? h('h3', { class: 'review-title' }, r.title) : null,
      r.body ? h('p', null, r.body) : null,
      h('p', { class: 'small muted mb-0' }, r.author_name || 'A customer', r.verified_purchase ? ' · Verified purchase' : ''))))
      : emptyState('No reviews yet', 'Be the first to review this product.'));
  } catch (e) {
    mount(list, errorState(e, () => renderReviews(section, product)));
  }
}

function reviewForm(product, done) {
  const form = h('form', { class: 'form card review-form', novalidate: true, 'aria-labelledby': 'review-form-h' },
    h('h3', { id: 'review-form-h' }, 'Write a review'),
    formAlert(),
    field({ label: 'Rating', name: 'rating', type: 'select', required: true, value: '5',
      options: [['5', '5 – Excellent'], ['4', '4 – Good'], ['3', '3 – Average'], ['2', '2 – Poor'], ['1', '1 – Terrible']] }),
    field({ label: 'Title', name: 'title', maxlength: 120 }),
    field({ label: 'Review', name: 'body', type: 'textarea', maxlength: 5000 }),
    h('div', null, h('button', { class: 'btn', type: 'submit' }, 'Submit review')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    const v = formValues(form);
    try {
      await busy(form.querySelector('button[type="submit"]'), () => api.post(`/products/${encodeURIComponent(product.id)}/reviews`,
        { rating: Number(v.rating), title: v.title, body: v.body }));
      toast('Thank you for your review.', 'success');
      done();
    } catch (err) {
      if (err.status === 409) err.message = 'You have already reviewed this product.';
      showFieldErrors(form, err);
    }
  });
  return form;
}
