// SPDX-License-Identifier: GPL-3.0-or-later
// The date histogram of the whole match: inline SVG drawn here (no chart library, no inline
// style). Time runs right to left, as the page reads; the "undated" bar stands apart at the
// end. A click on a bar drills down (year → months → days) by filtering on its period; a drag
// over several bars filters their range; Enter or Space on a focused bar does what a click does.

import { svg, el, clear, num } from './dom.js';

const MONTHS = new Intl.DateTimeFormat('ar', { month: 'short', timeZone: 'UTC' });

/// The level to show for a publication range [from, to]: months within one year, days within
/// one month, years otherwise.
export function levelFor(from, to) {
  if (from && to) {
    if (/^\d{4}-\d{2}/.test(from) && from.slice(0, 7) === to.slice(0, 7)) return 'day';
    if (from.slice(0, 4) === to.slice(0, 4)) return 'month';
  }
  return 'year';
}

/// The buckets of an /api/histogram answer as [{key, count}], oldest first, and the undated
/// count. Accepts `buckets` as a list of {key|value|period, count} or as an object.
export function bucketsOf(body) {
  let raw = body.buckets ?? body.histogram ?? body.counts ?? [];
  if (!Array.isArray(raw)) raw = Object.entries(raw).map(([key, count]) => ({ key, count }));
  const buckets = raw.map((b) => ({ key: String(b.key ?? b.value ?? b.period ?? b.date), count: Number(b.count) || 0 }))
    .filter((b) => b.key && b.key !== 'undefined');
  buckets.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { buckets, undated: Number(body.undated) || 0, estimated: Boolean(body.estimated || body.facets_estimated || body.exact === false) };
}

function label(key, level) {
  if (level === 'month') return MONTHS.format(new Date(Date.UTC(+key.slice(0, 4), +key.slice(5, 7) - 1, 1)));
  if (level === 'day') return String(+key.slice(8, 10));
  return key.slice(0, 4);
}

/// Draws `data` (bucketsOf) into `figure`. `onRange(fromKey, toKey)` is called with the
/// period(s) chosen; `onUp()` (or null at the top level) returns to the level above.
export function drawHistogram(figure, data, level, { onRange, onUp, caption }) {
  clear(figure);
  const { buckets, undated } = data;
  const bars = buckets.map((b) => ({ ...b, undated: false }));
  if (undated > 0) bars.push({ key: 'undated', count: undated, undated: true });
  const header = el('figcaption', { class: 'histogram-caption' }, caption,
    data.estimated ? el('span', { class: 'estimated' }, ' (تقدير)') : null,
    onUp ? el('button', { type: 'button', class: 'link-button', onclick: onUp }, ' ← مستوى أعلى') : null);
  figure.append(header);
  if (bars.length === 0) { figure.append(el('p', { class: 'muted' }, 'لا تواريخ')); return; }

  const width = Math.max(280, figure.clientWidth || 600);
  const height = 130;
  const top = 16;
  const base = height - 22;
  const gap = bars.length > 40 ? 1 : 3;
  const step = Math.min(64, width / (bars.length + (undated > 0 ? 0.5 : 0)));
  const barWidth = Math.max(2, step - gap);
  const max = Math.max(...bars.map((b) => b.count), 1);
  const labelEvery = Math.ceil(bars.length / Math.max(1, Math.floor(width / 34)));
  const chart = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'group',
    'aria-label': 'عدد المقالات حسب تاريخ النشر', class: 'histogram-svg' });
  chart.append(svg('line', { x1: 0, x2: width, y1: base + 0.5, y2: base + 0.5, class: 'axis' }));

  let dragFrom = null;
  const nodes = [];
  const keyAt = (i) => bars[i].key;
  const mark = (a, b) => nodes.forEach((n, i) => n.classList.toggle('selecting', a !== null && i >= Math.min(a, b) && i <= Math.max(a, b)));
  const choose = (a, b) => {
    const lo = Math.min(a, b); const hi = Math.max(a, b);
    if (bars[lo].undated || bars[hi].undated) return;
    onRange(keyAt(lo), keyAt(hi));
  };

  bars.forEach((b, i) => {
    // Right to left: the first (oldest) bar at the right edge; undated half a step further.
    const slot = i + (b.undated ? 0.5 : 0);
    const x = width - (slot + 1) * step + gap / 2;
    const h = b.count === 0 ? 0 : Math.max(2, ((base - top) * b.count) / max);
    const name = b.undated ? 'دون تاريخ' : label(b.key, level);
    const g = svg('g', {
      class: 'bar' + (b.undated ? ' undated' : ''), 'data-key': b.key, 'data-count': b.count,
      tabindex: b.undated ? -1 : 0, role: b.undated ? 'img' : 'button',
      'aria-label': `${b.undated ? 'دون تاريخ' : b.key}: ${num(b.count)}`,
    },
    svg('title', {}, `${b.undated ? 'دون تاريخ' : b.key}: ${num(b.count)}`),
    svg('rect', { class: 'hit-area', x, y: top, width: barWidth, height: base - top }),
    svg('rect', { class: 'fill', x, y: base - h, width: barWidth, height: h }),
    (i % labelEvery === 0 || b.undated) ? svg('text', { x: x + barWidth / 2, y: height - 6, 'text-anchor': 'middle' }, name) : null,
    b.count > 0 && bars.length <= 24 ? svg('text', { class: 'count', x: x + barWidth / 2, y: base - h - 3, 'text-anchor': 'middle' }, num(b.count)) : null);
    if (!b.undated) {
      g.addEventListener('pointerdown', (e) => { dragFrom = i; mark(i, i); e.preventDefault(); });
      g.addEventListener('pointerenter', () => { if (dragFrom !== null) mark(dragFrom, i); });
      g.addEventListener('pointerup', () => { if (dragFrom !== null) { const a = dragFrom; dragFrom = null; mark(null); choose(a, i); } });
      g.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); choose(i, i); } });
    }
    nodes.push(g);
    chart.append(g);
  });
  chart.addEventListener('pointerleave', () => { dragFrom = null; mark(null); });
  figure.append(chart);
}
