// SPDX-License-Identifier: GPL-3.0-or-later
// The search page of fahras-serve: routing between the search view (/) and the article view
// (/article/ID), both driven by the URL so that every state is a permalink and Back/Forward
// restore it.

import { el, clear, num } from './dom.js';
import { get } from './api.js';
import {
  readLocation, searchUrl, apiParams, withState, PAGE_SIZE, isExact, setExact,
  filterValue,
} from './state.js';
import { hitItem, pager, countText } from './results.js';
import { drawFacets, drawChips, dateRange } from './facets.js';
import { drawHistogram, bucketsOf, levelFor } from './histogram.js';
import { entitiesFor, drawEntitySuggestion, drawNoResults } from './suggest.js';
import { showArticle } from './article.js';

const $ = (id) => document.getElementById(id);

/// Goes to a state: a new history entry (or replaces the current one) and renders it.
function go(state, { replace = false, view = 'search' } = {}) {
  const url = view === 'search' ? searchUrl(state) : location.pathname + location.search;
  if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
  render();
}

/// Renders whatever the URL says.
function render() {
  const state = readLocation();
  $('q').value = state.q;
  $('exact-switch').checked = isExact(state.q);
  $('collapse-switch').checked = state.collapse;
  $('sort-select').value = state.sort || 'relevance';
  const feed = '/feed?' + apiParams(state).toString();
  $('feed-anchor').href = feed;
  $('feed-link').href = feed;
  const article = state.view === 'article';
  $('search-view').hidden = article;
  $('article-view').hidden = !article;
  if (article) {
    showArticle($('article-view'), state, go).then(() => window.scrollTo(0, 0));
    return;
  }
  document.title = state.q ? `${state.q} — فهرس` : 'فهرس — البحث في أرشيف الأخبار';
  search(state);
}

let generation = 0;

/// Runs a search and paints it: results first, then the histogram and the entity help.
async function search(state) {
  const mine = ++generation;
  const started = performance.now();
  drawChips($('chips'), state, go);
  clear($('no-results'));
  $('status').textContent = 'جارٍ البحث…';
  $('results').setAttribute('aria-busy', 'true');
  const collapse = state.collapse ? 1 : '';
  const params = apiParams(state, {
    limit: PAGE_SIZE, offset: (state.page - 1) * PAGE_SIZE, collapse, sort: state.sort,
  });
  // The hits are asked for first (the server's workers take requests in order); the facets
  // in a request of their own, so that the hits paint without waiting for the counting over
  // the whole match; the entity suggestion once the hits are painted.
  const hits = get('/api/search', params, 'search');
  const facets = get('/api/search', apiParams(state, { limit: 0, facets: 1, facet_top: 8, collapse }), 'facets')
    .catch(() => null);
  drawHistogramFor(state, mine);
  let body;
  try {
    body = await hits;
  } catch (e) {
    if (e.name === 'AbortError' || mine !== generation) return;
    clear($('results'));
    clear($('pager'));
    clear($('facets'));
    $('results').removeAttribute('aria-busy');
    $('status').textContent = e.status === 400
      ? `لم تُفهم صيغة البحث: ${e.message}${Number.isFinite(e.column) ? ` (العمود ${num(e.column)})` : ''}`
      : `خطأ: ${e.message}`;
    $('status').classList.add('error');
    return;
  }
  if (mine !== generation) return;
  $('status').classList.remove('error');
  const list = clear($('results'));
  for (const hit of body.hits || []) list.append(hitItem(hit, state));
  list.removeAttribute('aria-busy');
  const took = Number.isFinite(body.took_ms) ? ` · ${num(body.took_ms)} م.ث` : '';
  $('status').textContent = (body.hits || []).length ? countText(body) + took : '';
  // Time from Enter (or from the start of a search not typed) to the painted results:
  // measured after the next frame, when the list has been painted.
  const entered = performance.getEntriesByName('fahras-enter').pop();
  performance.clearMarks('fahras-enter');
  const painted = new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => {
    performance.measure('fahras-results', { start: entered ? entered.startTime : started, end: performance.now() });
    resolve();
  }, 0)));
  pager($('pager'), body, state, searchUrl);
  const entities = painted.then(() => (mine === generation ? entitiesFor(state) : []));
  const counted = await facets;
  if (mine !== generation) return;
  if (counted) drawFacets($('facets'), counted, state, go); else clear($('facets'));
  drawChips($('chips'), state, go); // entity labels are known now
  // Results and facets are on screen (the browser test waits for this).
  painted.then(() => { if (mine === generation) document.body.dataset.ready = String(mine); });
  const found = await entities;
  if (mine !== generation) return;
  drawEntitySuggestion($('entity-suggest'), found, state, go);
  if ((body.hits || []).length === 0) await drawNoResults($('no-results'), state, go, found);
}

/// The histogram at the level the publication range calls for.
async function drawHistogramFor(state, mine) {
  const figure = $('histogram');
  const from = filterValue(state, 'from');
  const to = filterValue(state, 'to');
  const level = levelFor(from, to);
  let body;
  try {
    body = await get('/api/histogram', apiParams(state, { by: level }), 'histogram');
  } catch (e) {
    if (e.name !== 'AbortError' && mine === generation) figure.hidden = true;
    return;
  }
  if (mine !== generation) return;
  const data = bucketsOf(body);
  figure.hidden = data.buckets.length === 0 && data.undated === 0;
  const caption = { year: 'المقالات حسب السنة', month: `المقالات حسب الشهر (${from.slice(0, 4)})`, day: `المقالات حسب اليوم (${from.slice(0, 7)})` }[level];
  const up = level === 'year' ? null
    : () => go(level === 'day' ? dateRange(state, 'from', 'to', from.slice(0, 4), from.slice(0, 4)) : dateRange(state, 'from', 'to', '', ''));
  drawHistogram(figure, data, level, { caption, onUp: up, onRange: (a, b) => go(dateRange(state, 'from', 'to', a, b)) });
}

function start() {
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const state = readLocation();
    const q = $('q').value.trim();
    performance.mark('fahras-enter');
    go(withState(state.view === 'article' ? { ...state, view: 'search' } : state, { q }));
  });
  $('exact-switch').addEventListener('change', (e) => {
    const state = readLocation();
    go(withState(state, { q: setExact($('q').value.trim() || state.q, e.target.checked) }));
  });
  $('collapse-switch').addEventListener('change', (e) => go(withState(readLocation(), { collapse: e.target.checked })));
  $('sort-select').addEventListener('change', (e) => go(withState(readLocation(), { sort: e.target.value })));
  // Links inside the page change the view without a reload (new tab and copy still work).
  document.addEventListener('click', (e) => {
    const a = e.target.closest('a[data-nav]');
    if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    history.pushState(null, '', a.getAttribute('href'));
    render();
  });
  $('home').addEventListener('click', (e) => { e.preventDefault(); history.pushState(null, '', '/'); render(); $('q').focus(); });
  window.addEventListener('popstate', render);
  render();
}

start();
