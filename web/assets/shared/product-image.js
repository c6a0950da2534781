// Product images: the demo data's image_url when there is one, otherwise a
// generated SVG placeholder (deterministic colour and initials from the name),
// as a data: URL (allowed by the CSP's img-src 'self' data:).
import { h } from './dom.js';

const PALETTE = [
  ['#1e3a5f', '#dbe8f6'], ['#5b2a86', '#ece2f6'], ['#0f5e4f', '#daf1ea'], ['#8a3b12', '#f8e6da'],
  ['#374151', '#e5e7eb'], ['#7a1f3d', '#f6dfe7'], ['#1f5f8b', '#dcecf7'], ['#4d6b14', '#e9f2d8'],
];

function hash(text) {
  let x = 2166136261;
  for (const ch of String(text)) { x ^= ch.codePointAt(0); x = Math.imul(x, 16777619) >>> 0; }
  return x;
}

function initials(name) {
  const words = String(name || '?').split(/\s+/).filter(Boolean);
  return (words.slice(0, 2).map((w) => w[0]).join('') || '?').toUpperCase();
}

function escapeXml(s) {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' }[c]));
}

export function placeholderUrl(name) {
  const [fg, bg] = PALETTE[hash(name) % PALETTE.length];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400">` +
    `<rect width="400" height="400" fill="${bg}"/>` +
    `<circle cx="200" cy="200" r="120" fill="${fg}" opacity="0.12"/>` +
    `<text x="200" y="200" dy="0.35em" text-anchor="middle" font-family="system-ui,sans-serif" ` +
    `font-size="120" font-weight="600" fill="${fg}">${escapeXml(initials(name))}</text></svg>`;
  return 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg);
}

/** Only same-origin or data: images pass the CSP; anything else falls back. */
function usable(url) {
  if (!url || typeof url !== 'string') return false;
  if (url.startsWith('data:image/')) return true;
  if (url.startsWith('/') && !url.startsWith('//')) return true;
  try { return new URL(url, location.href).origin === location.origin; } catch { return false; }
}

export function imageUrl(product, url) {
  const candidate = url ?? product?.image_url ?? product?.images?.[0];
  return usable(candidate) ? candidate : placeholderUrl(product?.name);
}

/** An <img> with fixed aspect ratio (no layout shift) that falls back to the placeholder on error. */
export function productImage(product, { url, cls = 'product-img', alt } = {}) {
  const img = h('img', {
    class: cls, src: imageUrl(product, url), alt: alt ?? product?.name ?? '',
    loading: 'lazy', decoding: 'async', width: 400, height: 400,
  });
  img.addEventListener('error', () => {
    const fallback = placeholderUrl(product?.name);
    if (img.src !== fallback) img.src = fallback;
  }, { once: true });
  return img;
}
