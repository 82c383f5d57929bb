// SPDX-License-Identifier: GPL-3.0-or-later
// The result list: one item per hit (per story when collapsed), the honest count, the pager.

import { el, clear, snippetParts, snippetNodes, dateNode, num, counted } from './dom.js';
import { get } from './api.js';
import { articleUrl, withState, PAGE_SIZE } from './state.js';

const RESULTS = ['نتيجة واحدة', 'نتيجتان', 'نتائج', 'نتيجة'];
const VERSIONS = ['نسخة واحدة', 'نسختان', 'نسخ', 'نسخة'];

/// The count line: exact when the server says so (`total_exact`), else "about N", with the
/// bounds when it gives them. Older servers give `total_estimate` alone: "about".
export function countText(body) {
  const n = body.total_estimate ?? 0;
  const results = counted(n, RESULTS);
  if (body.total_exact === true) return results;
  let text = `نحو ${n <= 2 ? num(n) + ' نتيجة' : results}`;
  if (Number.isFinite(body.total_lower) && Number.isFinite(body.total_upper) && body.total_lower !== body.total_upper) {
    text += ` (بين ${num(body.total_lower)} و${num(body.total_upper)})`;
  }
  return text;
}

function agenciesOf(hit) {
  return (hit.agencies || []).filter(Boolean);
}

/// The meta line of a hit or article: dates in both calendars, source, agencies.
export function metaLine(hit) {
  const parts = [];
  const date = dateNode(hit.date);
  if (date) parts.push(date);
  if (hit.source) parts.push(el('span', { class: 'source' }, el('bdi', {}, hit.source)));
  const agencies = agenciesOf(hit);
  if (agencies.length) parts.push(el('span', { class: 'agencies' }, 'عن ', agencies.map((a, i) => [i ? '، ' : '', el('bdi', {}, a)])));
  const line = el('div', { class: 'meta' });
  parts.forEach((p, i) => { if (i) line.append(el('span', { class: 'sep', 'aria-hidden': 'true' }, ' · ')); line.append(p); });
  return line;
}

function versionItem(hit, state) {
  return el('li', {},
    el('a', { href: articleUrl(hit.id, state), 'data-nav': '' }, el('bdi', {}, hit.title || hit.id)),
    ' ', metaLine(hit));
}

/// The story line of a collapsed hit: "N versions · first by SOURCE on DATE" once known, and
/// a button that lists the versions (fetched on demand, oldest first).
function storyBlock(hit, state) {
  const versions = (hit.other_versions || 0) + 1;
  const summary = el('span', { class: 'story-summary' }, counted(versions, VERSIONS));
  const list = el('ol', { class: 'versions', hidden: true });
  const button = el('button', { type: 'button', class: 'link-button', 'aria-expanded': 'false' }, 'عرض النسخ');
  const block = el('div', { class: 'story' }, summary, ' ', button, list);
  let loaded = null;
  const load = () => {
    if (!loaded) {
      const p = new URLSearchParams({ q: '', same_story: hit.id, sort: 'date', limit: '50' });
      loaded = get('/api/search', p).then((body) => body.hits || []);
    }
    return loaded;
  };
  // The first version's source and date, after the results are painted.
  load().then((hits) => {
    // Oldest first, undated versions first of all: the first is the oldest dated one.
    const first = hits.find((h) => h.date) || hits[0];
    if (!first) return;
    clear(summary).append(counted(Math.max(versions, hits.length), VERSIONS), ' · أولها ',
      first.source ? ['من ', el('bdi', {}, first.source)] : el('bdi', {}, first.title || first.id),
      first.date ? [' في ', dateNode(first.date)] : '');
  }).catch(() => {});
  button.addEventListener('click', async () => {
    const open = list.hidden;
    list.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    button.textContent = open ? 'إخفاء النسخ' : 'عرض النسخ';
    if (open && !list.firstChild) {
      try {
        const hits = await load();
        append(list, hits.filter((h) => h.id !== hit.id).map((h) => versionItem(h, state)));
      } catch (e) { list.append(el('li', { class: 'error' }, String(e.message))); }
    }
  });
  return block;
}

function append(list, items) { for (const i of items) list.append(i); }

/// One result item.
export function hitItem(hit, state) {
  const li = el('li', { class: 'hit', 'data-id': hit.id });
  li.append(el('h2', { class: 'title' },
    el('a', { href: articleUrl(hit.id, state), 'data-nav': '' }, el('bdi', {}, hit.title || hit.id))));
  li.append(metaLine(hit));
  const parts = snippetParts(hit.snippet || '');
  if (parts.length) li.append(el('p', { class: 'snippet', dir: 'auto' }, snippetNodes(parts)));
  if (state.collapse && (hit.other_versions || 0) > 0) li.append(storyBlock(hit, state));
  return li;
}

/// The pager: previous, the pages around the current one, next (links, so they open in a new
/// tab and work without script as plain permalinks).
export function pager(nav, body, state, urlOf) {
  clear(nav);
  const total = body.total_estimate ?? 0;
  const pages = Math.min(Math.ceil(total / PAGE_SIZE), Math.floor(10000 / PAGE_SIZE));
  if (pages <= 1) return;
  const link = (page, text, current = false) => el('a', {
    href: urlOf(withState(state, { page })), 'data-nav': '', class: current ? 'current' : null,
    'aria-current': current ? 'page' : null,
  }, text);
  if (state.page > 1) nav.append(link(state.page - 1, 'السابق'));
  const start = Math.max(1, state.page - 3);
  const end = Math.min(pages, state.page + 3);
  for (let p = start; p <= end; p++) nav.append(link(p, num(p), p === state.page));
  if (state.page < pages) nav.append(link(state.page + 1, 'التالي'));
}

