// SPDX-License-Identifier: GPL-3.0-or-later
// The JSON API of fahras-serve (docs/WEB.md), same origin only.

/// An API error with the server's message and HTTP status.
export class ApiError extends Error {
  constructor(message, status, column) {
    super(message);
    this.status = status;
    this.column = column;
  }
}

/// GETs `path` with URLSearchParams `params` and returns the parsed JSON body; throws ApiError
/// with the server's message on an error status. A newer call with the same `key` aborts an
/// older one still running (typing fast must not paint stale results).
const running = new Map();
export async function get(path, params, key = null) {
  let signal;
  if (key) {
    running.get(key)?.abort();
    const controller = new AbortController();
    running.set(key, controller);
    signal = controller.signal;
  }
  const url = path + (params && [...params].length ? '?' + params.toString() : '');
  const response = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  let body = null;
  try { body = await response.json(); } catch { body = null; }
  if (!response.ok) {
    // {"error": {"status", "message", "column"?}}; a bare string or message is taken too.
    const error = body && typeof body.error === 'object' && body.error !== null ? body.error : body || {};
    const message = (typeof error === 'string' ? error : error.message || body?.error) || response.statusText || 'خطأ';
    throw new ApiError(String(message), response.status, error.column);
  }
  return body;
}
