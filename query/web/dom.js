// SPDX-License-Identifier: GPL-3.0-or-later
// DOM helpers. Every value that comes from an article or a query is inserted as text
// (text nodes, textContent, attribute values), never parsed as HTML, so an article titled
// `<img src=x onerror=alert(1)>` shows those characters. No inline style or script either:
// the page runs under a Content-Security-Policy without 'unsafe-inline'.

/// An element `tag` with attributes `attrs` (class → className, on* keys → listeners) and
/// children (strings become text nodes; null and false are skipped).
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

/// Appends children (nodes, strings as text, arrays flattened).
export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/// An SVG element.
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

/// Removes every child of `node`.
export function clear(node) {
  while (node.firstChild) node.firstChild.remove();
  return node;
}

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/// Undoes the escaping of the JSON `snippet` field (output.cpp escapes & < > only).
export function unescapeHtml(text) {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m]);
}

/// The JSON `snippet` field — escaped text with each matched word between `<b>` and `</b>` —
/// as parts [{text, hit}]. The server marks whole words only (highlight.cpp), so a part
/// never starts or ends inside a word; the page does not re-cut them.
export function snippetParts(snippet) {
  const parts = [];
  const re = /<b>([\s\S]*?)<\/b>/g;
  let last = 0;
  for (let m = re.exec(snippet); m; m = re.exec(snippet)) {
    if (m.index > last) parts.push({ text: unescapeHtml(snippet.slice(last, m.index)), hit: false });
    parts.push({ text: unescapeHtml(m[1]), hit: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: unescapeHtml(snippet.slice(last)), hit: false });
  return parts;
}

/// Nodes for snippet parts: matched words in <mark>, the rest as text.
export function snippetNodes(parts) {
  return parts.map((p) => (p.hit ? el('mark', {}, p.text) : document.createTextNode(p.text)));
}

const gregorian = new Intl.DateTimeFormat('ar', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
const gregorianMonth = new Intl.DateTimeFormat('ar', { year: 'numeric', month: 'long', timeZone: 'UTC' });
const hijri = new Intl.DateTimeFormat('ar-SA-u-ca-islamic-umalqura', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

/// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD"; null for anything else.
export function parseIsoDate(value) {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value || '');
  if (!m) return null;
  return { year: +m[1], month: m[2] ? +m[2] : null, day: m[3] ? +m[3] : null };
}

/// A publication date as {gregorian, hijri, iso} for display: both calendars for a full date,
/// the Gregorian month or year alone otherwise, the raw text when it is not ISO.
export function formatDate(value) {
  const d = parseIsoDate(value);
  if (!d) return { gregorian: value || '', hijri: '', iso: '' };
  if (d.day) {
    const date = new Date(Date.UTC(d.year, d.month - 1, d.day));
    return { gregorian: gregorian.format(date), hijri: hijri.format(date), iso: value };
  }
  if (d.month) return { gregorian: gregorianMonth.format(new Date(Date.UTC(d.year, d.month - 1, 1))), hijri: '', iso: value };
  return { gregorian: String(d.year), hijri: '', iso: value };
}

/// A <time> element showing both calendars.
export function dateNode(value) {
  const f = formatDate(value);
  if (!f.gregorian) return null;
  return el('span', { class: 'date' },
    el('time', { datetime: f.iso || null }, f.gregorian),
    f.hijri ? el('span', { class: 'hijri' }, ' · ', f.hijri) : null);
}

const numbers = new Intl.NumberFormat('ar');
/// A count in Arabic digits with grouping.
export function num(n) { return numbers.format(n); }

/// "N things" with Arabic number agreement: `forms` = [one, two, few (3–10), many (11+)],
/// e.g. ['نتيجة واحدة', 'نتيجتان', 'نتائج', 'نتيجة'].
export function counted(n, [one, two, few, many]) {
  if (n === 1) return one;
  if (n === 2) return two;
  const rest = n % 100;
  return `${num(n)} ${rest >= 3 && rest <= 10 ? few : many}`;
}
