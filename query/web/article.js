// SPDX-License-Identifier: GPL-3.0-or-later
// The article view (/article/ID): title, dates in both calendars, source and agencies, the
// whole body with the search's words highlighted and the entities marked (a click filters
// the search on the entity), the dates it mentions, the other versions of its story and the
// original URL. The body is inserted as text: marks are elements around text nodes.

import { el, clear, dateNode, num } from './dom.js';
import { get } from './api.js';
import { addFilter, searchUrl, articleUrl } from './state.js';
import { metaLine } from './results.js';
import { labels } from './facets.js';

const PARAM_OF_TYPE = { person: 'person', place: 'place', organisation: 'org', org: 'org' };
const TYPE_NAME = { person: 'شخص', place: 'مكان', organisation: 'منظمة', org: 'منظمة' };

/// A function from a UTF-8 byte offset of `text` (the API's offsets) to a UTF-16 index (the
/// browser's); offsets inside a character map to its start.
export function byteOffsets(text) {
  const map = [];
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.codePointAt(i);
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    for (let k = 0; k < size; k++) map[bytes + k] = i;
    bytes += size;
    if (c >= 0x10000) i++;
  }
  map[bytes] = text.length;
  return (offset) => (offset >= bytes ? text.length : map[Math.max(0, offset)]);
}

/// Spans [{start, end, ...}] of `list` (UTF-8 byte offsets into `text`) as UTF-16 ranges,
/// sorted, overlapping ones dropped (the first kept).
function ranges(list, text, extra = () => ({})) {
  const at = byteOffsets(text);
  const out = [];
  for (const item of list) {
    const start = at(item.start); const end = at(item.end);
    if (!(end > start)) continue;
    out.push({ start, end, ...extra(item) });
  }
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept = [];
  for (const r of out) if (!kept.length || r.start >= kept[kept.length - 1].end) kept.push(r);
  return kept;
}

/// Text nodes of text[start, end) with the highlight ranges inside it wrapped in <mark>.
function marked(text, start, end, highlights) {
  const nodes = [];
  let at = start;
  for (const h of highlights) {
    if (h.end <= at || h.start >= end) continue;
    const s = Math.max(h.start, at); const e = Math.min(h.end, end);
    if (s > at) nodes.push(text.slice(at, s));
    nodes.push(el('mark', {}, text.slice(s, e)));
    at = e;
  }
  if (at < end) nodes.push(text.slice(at, end));
  return nodes;
}

/// The entity mentions of one field of an article (/api/article's `mentions`: {field, type,
/// start, end, id, name, latin}, UTF-8 byte offsets into the field).
function mentionsOf(article, field) {
  return (article.mentions || []).filter((m) => (m.field || 'body') === field);
}

/// Title or body text with highlights and entity links.
function richText(text, field, article, state, go) {
  const highlights = ranges((article.highlights || []).filter((h) => (h.field || 'body') === field), text);
  const entities = ranges(mentionsOf(article, field), text, (m) => ({ id: m.id, type: m.type, name: m.name, latin: m.latin }));
  const nodes = [];
  let at = 0;
  for (const e of entities) {
    if (e.start > at) nodes.push(...marked(text, at, e.start, highlights));
    const param = PARAM_OF_TYPE[e.type];
    const title = `${TYPE_NAME[e.type] || 'كيان'}: ${e.name || ''}${e.latin ? ' / ' + e.latin : ''}`;
    if (param && e.id) {
      labels.set(e.id, e.name || e.id);
      const target = addFilter({ ...state, page: 1 }, param, e.id);
      nodes.push(el('a', { class: `entity entity-${param}`, href: searchUrl(target), 'data-nav': '', title, 'data-entity': e.id },
        marked(text, e.start, e.end, highlights)));
    } else {
      nodes.push(el('span', { class: 'entity', title }, marked(text, e.start, e.end, highlights)));
    }
    at = e.end;
  }
  if (at < text.length) nodes.push(...marked(text, at, text.length, highlights));
  return nodes;
}

/// Other versions of the story: from the article when the API lists them, else by search.
async function otherVersions(article) {
  const listed = article.versions || (Array.isArray(article.other_versions) ? article.other_versions : null);
  if (listed) return listed.filter((v) => v.id !== article.id);
  if (!article.story) return [];
  const body = await get('/api/search', new URLSearchParams({ q: '', same_story: article.id, sort: 'date', limit: '50' }));
  return (body.hits || []).filter((h) => h.id !== article.id);
}

/// Shows article `state.id` in `view`.
export async function showArticle(view, state, go) {
  delete document.body.dataset.article;
  clear(view).append(el('p', { class: 'muted' }, 'جارٍ التحميل…'));
  // The search's words, marked by the server as the snippets are (whole words, through
  // folding and stemming); the article shows without them if that fails.
  const highlights = state.q
    ? get('/api/highlight', new URLSearchParams({ id: state.id, q: state.q }), 'highlight')
      .then((body) => body.highlights || []).catch(() => [])
    : Promise.resolve([]);
  let article;
  try {
    article = await get('/api/article', new URLSearchParams({ id: state.id }), 'article');
    article.highlights = article.highlights || await highlights;
  } catch (e) {
    if (e.name === 'AbortError') return;
    clear(view).append(el('p', { class: 'error' }, e.status === 404 ? 'لا توجد مقالة بهذا المعرّف.' : `خطأ: ${e.message}`),
      el('a', { href: searchUrl(state), 'data-nav': '' }, 'العودة إلى النتائج'));
    return;
  }
  document.title = `${article.title || article.id} — فهرس`;
  clear(view);
  view.append(el('nav', { class: 'crumbs' }, el('a', { href: searchUrl(state), 'data-nav': '', class: 'back' }, '→ العودة إلى النتائج')));
  view.append(el('h1', { dir: 'auto', class: 'article-title' }, richText(article.title || article.id, 'title', article, state, go)));
  view.append(metaLine(article));
  // Only a web address becomes a link (never javascript: or data:); anything else is text.
  if (/^https?:\/\//i.test(article.url || '')) {
    view.append(el('p', { class: 'original' }, el('a', { href: article.url, rel: 'noreferrer noopener', target: '_blank' }, 'المصدر الأصلي ↗')));
  } else if (article.url) {
    view.append(el('p', { class: 'original muted' }, 'المصدر الأصلي: ', el('bdi', {}, article.url)));
  }
  const text = article.body ?? article.text ?? '';
  view.append(el('div', { class: 'article-body', dir: 'auto' }, richText(text, 'body', article, state, go)));

  const dates = article.mentioned_dates || [];
  if (dates.length) {
    view.append(el('section', { class: 'mentioned' }, el('h2', {}, 'تواريخ مذكورة'),
      el('ul', {}, dates.map((d) => el('li', {},
        el('a', { href: searchUrl(addFilter(addFilter({ ...state, page: 1, filters: state.filters.filter(([n]) => n !== 'mentioned_from' && n !== 'mentioned_to') }, 'mentioned_from', d.value), 'mentioned_to', d.value)), 'data-nav': '' },
          el('bdi', {}, d.text)), ' — ', dateNode(d.value) || d.value,
        d.hijri ? el('span', { class: 'muted' }, ` (هجري ${d.hijri})`) : null)))));
  }
  const entities = (article.entities || []).filter((e) => PARAM_OF_TYPE[e.type] && e.id);
  if (entities.length) {
    view.append(el('section', { class: 'article-entities' }, el('h2', {}, 'الأسماء في المقالة'),
      el('ul', { class: 'inline-list' }, entities.map((e) => el('li', {},
        el('a', { href: searchUrl(addFilter({ ...state, page: 1 }, PARAM_OF_TYPE[e.type], e.id)), 'data-nav': '', class: `entity entity-${PARAM_OF_TYPE[e.type]}` },
          el('bdi', {}, e.name || e.id)), e.count ? el('span', { class: 'muted' }, ` ${num(e.count)}`) : null)))));
  }
  const versionsBox = el('section', { class: 'article-versions', hidden: true }, el('h2', {}, 'نسخ أخرى من الخبر'));
  view.append(versionsBox);
  try {
    const versions = await otherVersions(article);
    if (versions.length) {
      versionsBox.hidden = false;
      versionsBox.append(el('ol', {}, versions.map((v) => el('li', {},
        el('a', { href: articleUrl(v.id, state), 'data-nav': '' }, el('bdi', {}, v.title || v.id)), ' ', metaLine(v)))));
    }
  } catch { /* versions are extra */ }
  document.body.dataset.article = article.id;
}
