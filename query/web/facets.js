// SPDX-License-Identifier: GPL-3.0-or-later
// Facet panels (counts over the whole match) and the chips of the filters in force.

import { el, clear, num, formatDate } from './dom.js';
import { FILTERS, addFilter, removeFilter, setFilter, withState } from './state.js';

/// Facets shown, in order: [JSON key, Arabic title, how a click filters].
const PANELS = [
  ['source', 'المصادر', (s, v) => addFilter(s, 'source', v)],
  ['agency', 'الوكالات', (s, v) => addFilter(s, 'agency', v)],
  ['persons', 'الأشخاص', (s, v) => addFilter(s, 'person', v)],
  ['places', 'الأماكن', (s, v) => addFilter(s, 'place', v)],
  ['organisations', 'المنظمات', (s, v) => addFilter(s, 'org', v)],
  ['year', 'سنة النشر', (s, v) => dateRange(s, 'from', 'to', v, v)],
  ['month', 'شهر النشر', (s, v) => dateRange(s, 'from', 'to', v, v)],
  ['mentioned_month', 'الأشهر المذكورة', (s, v) => dateRange(s, 'mentioned_from', 'mentioned_to', v, v)],
];

/// A copy of `state` filtering the range [from, to] on the pair of filters named.
export function dateRange(state, fromName, toName, from, to) {
  return setFilter(setFilter(state, fromName, from), toName, to);
}

/// Display labels of entity ids and other filter values, learnt from facets and suggestions.
export const labels = new Map();

function valueLabel(name, value) {
  if (name === 'year' || name === 'month' || name === 'mentioned_month') return formatDate(value).gregorian;
  return value;
}

/// Fills the facet panels of `aside` from a search answer; `go(state)` navigates.
export function drawFacets(aside, body, state, go) {
  clear(aside);
  const facets = body.facets || {};
  if (body.facets_estimated) {
    aside.append(el('p', { class: 'muted small' }, `أعداد تقديرية (عيّنة من ${num(body.facets_counted || 0)} مقالة)`));
  } else if (body.facets_exact === false) {
    aside.append(el('p', { class: 'muted small' }, `أعداد أول ${num(body.facets_counted || 0)} نتيجة`));
  }
  for (const [key, title, filter] of PANELS) {
    const values = facets[key];
    if (!values || values.length === 0) continue;
    const list = el('ul', { class: 'facet-values' });
    for (const v of values) {
      const text = v.label || valueLabel(key, v.value);
      if (v.label) labels.set(v.value, v.label);
      list.append(el('li', {}, el('button', {
        type: 'button', class: 'facet-value', 'data-facet': key, 'data-value': v.value,
        onclick: () => go(filter(state, v.value)),
      }, el('bdi', { class: 'facet-label' }, text), ' ', el('span', { class: 'count' }, num(v.count)))));
    }
    aside.append(el('section', { class: 'facet', 'data-facet': key },
      el('h3', {}, title), list));
  }
}

function chip(text, title, onRemove, name) {
  return el('span', { class: 'chip', 'data-filter': name },
    el('span', { class: 'chip-name' }, title, ': '), el('bdi', {}, text),
    el('button', { type: 'button', class: 'chip-remove', 'aria-label': `إزالة ${title}`, onclick: onRemove }, '×'));
}

/// Draws one removable chip per filter in force (a date range is one chip).
export function drawChips(container, state, go) {
  clear(container);
  const value = (name) => state.filters.find(([n]) => n === name)?.[1] || '';
  for (const [fromName, toName, title] of [['from', 'to', 'تاريخ النشر'], ['mentioned_from', 'mentioned_to', 'تاريخ مذكور']]) {
    const from = value(fromName); const to = value(toName);
    if (!from && !to) continue;
    const text = from === to ? formatDate(from).gregorian
      : `${from ? formatDate(from).gregorian : '…'} – ${to ? formatDate(to).gregorian : '…'}`;
    container.append(chip(text, title, () => go(dateRange(state, fromName, toName, '', '')), fromName));
  }
  for (const [name, title] of FILTERS) {
    if (['from', 'to', 'mentioned_from', 'mentioned_to'].includes(name)) continue;
    for (const [n, v] of state.filters) {
      if (n !== name) continue;
      container.append(chip(labels.get(v) || v, title, () => go(removeFilter(state, n, v)), name));
    }
  }
  if (state.filters.length > 1) {
    container.append(el('button', { type: 'button', class: 'link-button', onclick: () => go(withState(state, { filters: [] })) }, 'إزالة كل المرشحات'));
  }
}
