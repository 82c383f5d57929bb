// SPDX-License-Identifier: GPL-3.0-or-later
// The page's state lives in the URL (permalinks; reload and Back/Forward restore it). The
// search parameters have the names and meanings of /api/search's, so the same query string
// also serves /feed and /api/histogram.

/// Filters that may repeat, in chip order, with their Arabic labels.
export const FILTERS = [
  ['source', 'المصدر'], ['agency', 'الوكالة'], ['person', 'شخص'], ['place', 'مكان'],
  ['org', 'منظمة'], ['entity', 'كيان'], ['from', 'من تاريخ'], ['to', 'إلى تاريخ'],
  ['mentioned_from', 'مذكور من'], ['mentioned_to', 'مذكور إلى'], ['same_story', 'نسخ الخبر'],
];
const FILTER_NAMES = FILTERS.map(([name]) => name);

export const PAGE_SIZE = 10;

/// The state of a location: {view, id, q, sort, match, collapse, page, filters: [[name, value]]}.
export function readLocation(loc = window.location) {
  const params = new URLSearchParams(loc.search);
  const articleMatch = /^\/article\/(.+)$/.exec(loc.pathname);
  const filters = [];
  for (const [name, value] of params) {
    if (FILTER_NAMES.includes(name) && value !== '') filters.push([name, value]);
  }
  const page = Math.max(1, parseInt(params.get('page') || '1', 10) || 1);
  return {
    view: articleMatch ? 'article' : 'search',
    id: articleMatch ? decodeURIComponent(articleMatch[1]) : '',
    q: params.get('q') || '',
    sort: params.get('sort') || '',
    match: params.get('match') || '',
    collapse: params.get('collapse') !== '0',
    page,
    filters,
  };
}

/// The query string of a search state (the page's URL and, with apiParams, the API's).
export function searchParams(state) {
  const p = new URLSearchParams();
  if (state.q) p.set('q', state.q);
  for (const [name, value] of state.filters) p.append(name, value);
  if (state.sort && state.sort !== 'relevance') p.set('sort', state.sort);
  if (state.match && state.match !== 'auto') p.set('match', state.match);
  if (!state.collapse) p.set('collapse', '0');
  if (state.page > 1) p.set('page', String(state.page));
  return p;
}

/// The URL of a search state.
export function searchUrl(state) {
  const s = searchParams(state).toString();
  return '/' + (s ? '?' + s : '');
}

/// The URL of an article, carrying the search (its words are highlighted, Back returns to it).
export function articleUrl(id, state) {
  const s = searchParams(state).toString();
  return '/article/' + encodeURIComponent(id) + (s ? '?' + s : '');
}

/// The parameters that select articles (q, match, filters), as /api/search and
/// /api/histogram take them, plus `extra` (the API refuses parameters it does not know).
export function apiParams(state, extra = {}) {
  const p = new URLSearchParams();
  p.set('q', state.q);
  for (const [name, value] of state.filters) p.append(name, value);
  if (state.match) p.set('match', state.match);
  for (const [k, v] of Object.entries(extra)) if (v !== null && v !== undefined && v !== '') p.set(k, String(v));
  return p;
}

/// A copy of `state` with changes, back on page 1 unless `page` is given.
export function withState(state, changes) {
  return { ...state, page: 1, ...changes };
}

/// A copy of `state` with filter `name` set to `value` only (replacing its other values).
export function setFilter(state, name, value) {
  const filters = state.filters.filter(([n]) => n !== name);
  if (value !== null && value !== '') filters.push([name, value]);
  return withState(state, { filters });
}

/// A copy of `state` with one more value of a repeatable filter (no duplicates).
export function addFilter(state, name, value) {
  if (state.filters.some(([n, v]) => n === name && v === value)) return withState(state, {});
  return withState(state, { filters: [...state.filters, [name, value]] });
}

/// A copy of `state` without filter value [name, value].
export function removeFilter(state, name, value) {
  return withState(state, { filters: state.filters.filter(([n, v]) => !(n === name && v === value)) });
}

/// The value of single filter `name`, or ''.
export function filterValue(state, name) {
  const f = state.filters.find(([n]) => n === name);
  return f ? f[1] : '';
}

/// The bare words of a query (no operator, field, phrase or exact mark): those the exact
/// spelling switch and the entity suggestion act on.
export function bareWords(q) {
  return tokenize(q).filter((t) => t.kind === 'word').map((t) => t.text);
}

/// Splits a query into phrases, fields, operators and words, keeping their text.
export function tokenize(q) {
  const out = [];
  const re = /\s+|"[^"]*"?|«[^»]*»?|[^\s"«]+/g;
  for (const m of q.matchAll(re)) {
    const text = m[0];
    let kind = 'word';
    if (/^\s+$/.test(text)) kind = 'space';
    else if (/^["«]/.test(text)) kind = 'phrase';
    else if (/^(AND|OR|NOT)$/.test(text)) kind = 'operator';
    else if (/^[-+(=]|\)$/.test(text) || text.includes(':')) kind = 'other';
    out.push({ kind, text });
  }
  return out;
}

/// True when every bare word is spelled exactly (`=word`) and there is at least one.
export function isExact(q) {
  const tokens = tokenize(q);
  const exact = tokens.filter((t) => t.kind === 'other' && /^=[^\s=]/.test(t.text));
  return exact.length > 0 && !tokens.some((t) => t.kind === 'word');
}

/// The query with every bare word made exact (`=word`), or every `=word` made a bare word.
export function setExact(q, exact) {
  return tokenize(q).map((t) => {
    if (exact && t.kind === 'word') return '=' + t.text;
    if (!exact && t.kind === 'other' && /^=[^\s=]/.test(t.text)) return t.text.slice(1);
    return t.text;
  }).join('');
}

/// The query without bare word `word` (once), spaces tidied.
export function dropWord(q, word) {
  let done = false;
  return tokenize(q).map((t) => {
    if (!done && t.kind === 'word' && t.text === word) { done = true; return ''; }
    return t.text;
  }).join('').replace(/\s+/g, ' ').trim();
}
