// Revenue and orders over time as an inline SVG (no chart library).
// Revenue is an area + line on the left axis; orders are bars on the right
// axis. The figures are only drawn here, never summed or stored: money
// arithmetic stays on the server.

const NS = 'http://www.w3.org/2000/svg';
const W = 720;
const H = 260;
const PAD = { top: 16, right: 44, bottom: 32, left: 64 };

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}

/** A "nice" upper bound and step for an axis whose largest value is max. */
export function niceScale(max, ticks = 4) {
  if (!(max > 0)) return { top: 1, step: 1 / ticks };
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag;
  return { top: step * ticks, step };
}

function shortDate(iso) {
  const d = new Date(iso.length <= 10 ? iso + 'T00:00:00Z' : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

function compactMoney(value, currency) {
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency', currency: currency || 'USD', notation: 'compact', maximumFractionDigits: 1,
    }).format(value);
  } catch {
    return String(value);
  }
}

/**
 * Draws the sales chart.
 * series: [{date, revenue, orders}] (revenue a decimal amount), currency: ISO code,
 * formatMoney: (amount, currency) => string for tooltips and the table.
 */
export function salesChart(series, currency, formatMoney) {
  const figure = document.createElement('figure');
  figure.className = 'chart';
  const n = series.length;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const revMax = Math.max(0, ...series.map((p) => Number(p.revenue) || 0));
  const ordMax = Math.max(0, ...series.map((p) => Number(p.orders) || 0));
  const rev = niceScale(revMax);
  const ord = niceScale(Math.max(ordMax, 4));
  const slot = n > 0 ? plotW / n : plotW;
  const x = (i) => PAD.left + slot * i + slot / 2;
  const yRev = (v) => PAD.top + plotH - (v / rev.top) * plotH;
  const yOrd = (v) => PAD.top + plotH - (v / ord.top) * plotH;

  const root = svg('svg', {
    viewBox: `0 0 ${W} ${H}`, class: 'chart-svg', role: 'img',
    'aria-labelledby': 'chart-title chart-desc', preserveAspectRatio: 'xMidYMid meet',
  });
  root.append(svg('title', { id: 'chart-title' }, 'Revenue and orders over time'));
  root.append(svg('desc', { id: 'chart-desc' },
    n ? `${n} ${n === 1 ? 'period' : 'periods'} from ${shortDate(series[0].date)} to ${shortDate(series[n - 1].date)}` : 'No sales in this period'));

  const grid = svg('g', { class: 'chart-grid' });
  for (let i = 0; i <= 4; i += 1) {
    const v = rev.step * i;
    const y = yRev(v);
    grid.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y, y2: y }));
    grid.append(svg('text', { x: PAD.left - 8, y: y + 4, 'text-anchor': 'end', class: 'chart-axis chart-axis-revenue' },
      compactMoney(v, currency)));
    grid.append(svg('text', { x: W - PAD.right + 8, y: y + 4, 'text-anchor': 'start', class: 'chart-axis chart-axis-orders' },
      String(Math.round(ord.step * i * 10) / 10)));
  }
  root.append(grid);

  const bars = svg('g', { class: 'chart-bars' });
  const barW = Math.max(2, Math.min(28, slot * 0.5));
  series.forEach((p, i) => {
    const o = Number(p.orders) || 0;
    const y = yOrd(o);
    bars.append(svg('rect', {
      x: x(i) - barW / 2, y, width: barW, height: Math.max(0, PAD.top + plotH - y), rx: 2,
    }, svg('title', {}, `${shortDate(p.date)}: ${o} ${o === 1 ? 'order' : 'orders'}`)));
  });
  root.append(bars);

  if (n > 0) {
    const pts = series.map((p, i) => [x(i), yRev(Number(p.revenue) || 0)]);
    const line = pts.map(([px, py], i) => `${i ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`).join(' ');
    const base = (PAD.top + plotH).toFixed(1);
    root.append(svg('path', {
      class: 'chart-area', d: `${line} L${pts[n - 1][0].toFixed(1)},${base} L${pts[0][0].toFixed(1)},${base} Z`,
    }));
    root.append(svg('path', { class: 'chart-line', d: line }));
    const dots = svg('g', { class: 'chart-dots' });
    series.forEach((p, i) => {
      dots.append(svg('circle', { cx: pts[i][0], cy: pts[i][1], r: n > 40 ? 2 : 3.5 },
        svg('title', {}, `${shortDate(p.date)}: ${formatMoney(p.revenue, currency)}`)));
    });
    root.append(dots);
  }

  const labels = svg('g', { class: 'chart-axis' });
  const every = Math.max(1, Math.ceil(n / 8));
  series.forEach((p, i) => {
    // Every `every`-th date, and the last one when it does not crowd its neighbour.
    if (i % every !== 0 && !(i === n - 1 && i % every >= every / 2 + 1)) return;
    labels.append(svg('text', { x: x(i), y: H - 10, 'text-anchor': 'middle' }, shortDate(p.date)));
  });
  root.append(labels);
  figure.append(root);

  const legend = document.createElement('figcaption');
  legend.className = 'chart-legend';
  legend.innerHTML = '<span class="chart-key chart-key-revenue">Revenue</span>'
    + '<span class="chart-key chart-key-orders">Orders</span>';
  figure.append(legend);

  // The same figures as a table for screen readers.
  // (Wrapped in a div: a table does not shrink to the 1px box of .visually-hidden.)
  const table = document.createElement('table');
  const hidden = document.createElement('div');
  hidden.className = 'visually-hidden';
  hidden.append(table);
  const cap = table.createCaption();
  cap.textContent = 'Revenue and orders per period';
  const head = table.createTHead().insertRow();
  for (const t of ['Date', 'Revenue', 'Orders']) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = t;
    head.append(th);
  }
  const body = table.createTBody();
  for (const p of series) {
    const r = body.insertRow();
    r.insertCell().textContent = shortDate(p.date);
    r.insertCell().textContent = formatMoney(p.revenue, currency);
    r.insertCell().textContent = String(p.orders);
  }
  figure.append(hidden);
  return figure;
}
