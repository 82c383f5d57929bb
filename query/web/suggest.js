// SPDX-License-Identifier: GPL-3.0-or-later
// Names in any script, and the "no results" help. When the bare words of a query name a known
// entity (in Arabic or Latin letters, any spelling), the page shows it with the spellings it
// covers and a visible switch that turns the words into a person:/place:/org: filter (and
// back). With no results it says which filter to drop and what else to try.

import { el, clear, num } from './dom.js';
import { get } from './api.js';
import { FILTERS, addFilter, removeFilter, withState, apiParams, bareWords, dropWord, isExact, setExact } from './state.js';
import { labels } from './facets.js';

const PARAM_OF_TYPE = { person: 'person', place: 'place', organisation: 'org', org: 'org' };
const TYPE_NAME = { person: 'شخص', place: 'مكان', organisation: 'منظمة', org: 'منظمة' };

/// Answers of /api/entities by words: paging, sorting or filtering the same words asks once.
const known = new Map();

/// The entities the bare words of `state.q` may name (at most `top`), [] when none or on error.
export async function entitiesFor(state, top = 3) {
  const words = bareWords(state.q);
  if (words.length === 0 || words.length > 3) return [];
  const key = words.join(' ');
  if (known.has(key)) return known.get(key);
  try {
    const body = await get('/api/entities', new URLSearchParams({ q: key, top: String(top) }), 'entities');
    const found = (body.entities || []).filter((e) => PARAM_OF_TYPE[e.type]);
    known.set(key, found);
    return found;
  } catch { return []; }
}

/// One entity with its spellings and the switch.
function entityRow(entity, state, go) {
  const param = PARAM_OF_TYPE[entity.type];
  const active = state.filters.some(([n, v]) => n === param && v === entity.id);
  labels.set(entity.id, entity.name);
  const toggle = el('input', { type: 'checkbox', role: 'switch', class: 'entity-switch', 'data-entity': entity.id });
  toggle.checked = active;
  toggle.addEventListener('change', () => {
    if (toggle.checked) {
      let next = addFilter(state, param, entity.id);
      for (const w of bareWords(state.q)) next = { ...next, q: dropWord(next.q, w) };
      go(next);
    } else {
      const next = removeFilter(state, param, entity.id);
      go({ ...next, q: (next.q + ' ' + (entity.name || '')).trim() });
    }
  });
  const variants = (entity.variants || []).filter((v) => v && v !== entity.name);
  return el('div', { class: 'entity-row' },
    el('label', {}, toggle, ` تصفية بـ${TYPE_NAME[entity.type]}: `),
    el('strong', {}, el('bdi', {}, entity.name)),
    entity.latin ? [' / ', el('bdi', { dir: 'ltr' }, entity.latin)] : null,
    entity.articles ? el('span', { class: 'muted' }, ` (${num(entity.articles)} مقالة)`) : null,
    variants.length ? el('div', { class: 'variants muted' }, 'يشمل التهجئات: ',
      variants.slice(0, 8).map((v, i) => [i ? '، ' : '', el('bdi', {}, v)])) : null);
}

/// Fills the suggestion box for the entities found (hidden when none).
export function drawEntitySuggestion(box, entities, state, go) {
  clear(box);
  box.hidden = entities.length === 0;
  if (box.hidden) return;
  box.append(el('p', { class: 'entity-intro' }, 'اسم معروف في الأرشيف:'));
  for (const e of entities) box.append(entityRow(e, state, go));
}

/// The "no results" help: each filter with the count the search would have without it, the
/// exact-spelling and match switches, and entity filters for the words.
export async function drawNoResults(container, state, go, entities) {
  clear(container);
  const box = el('div', { class: 'no-results' }, el('h2', {}, 'لا نتائج'));
  container.append(box);
  const tips = el('ul', {});
  box.append(tips);
  const title = new Map(FILTERS);
  const checks = state.filters.slice(0, 6).map(async ([name, value]) => {
    const without = removeFilter(state, name, value);
    try {
      const body = await get('/api/search', apiParams(without, { limit: 0, collapse: state.collapse ? 1 : '' }));
      const n = body.total_estimate || 0;
      if (n > 0) {
        tips.append(el('li', {}, el('button', { type: 'button', class: 'link-button', onclick: () => go(without) },
          `أزل المرشح «${title.get(name)}: `, el('bdi', {}, labels.get(value) || value), `» (${num(n)} نتيجة)`)));
      }
    } catch { /* the tip is left out */ }
  });
  if (isExact(state.q)) {
    tips.append(el('li', {}, el('button', { type: 'button', class: 'link-button', onclick: () => go(withState(state, { q: setExact(state.q, false) })) },
      'ابحث بكل التهجئات (دون التهجئة المطابقة)')));
  }
  if (bareWords(state.q).length > 1 && state.match !== 'any') {
    tips.append(el('li', {}, el('button', { type: 'button', class: 'link-button', onclick: () => go(withState(state, { match: 'any' })) },
      'ابحث عن أي كلمة من الكلمات')));
  }
  for (const e of entities) {
    const param = PARAM_OF_TYPE[e.type];
    tips.append(el('li', {}, el('button', { type: 'button', class: 'link-button', onclick: () => {
      let next = addFilter(state, param, e.id);
      for (const w of bareWords(state.q)) next = { ...next, q: dropWord(next.q, w) };
      go(next);
    } }, `ابحث عن ${TYPE_NAME[e.type]} `, el('bdi', {}, e.name), e.latin ? [' / ', el('bdi', {}, e.latin)] : '',
    (e.variants || []).length > 1 ? ` بكل تهجئاته (${(e.variants || []).slice(0, 5).join('، ')})` : '')));
  }
  tips.append(el('li', { class: 'muted' }, 'جرّب كلمات أقل أو مرادفات، أو تحقق من صيغة البحث (انظر «صيغة البحث»).'));
  await Promise.all(checks);
}
