// Fetch wrapper for the public API (/api/v1).
// - JSON in and out; problem+json errors become ApiError {status, code, fields, detail}.
// - The access token lives in memory only (this module's variable). It is never
//   written to localStorage or sessionStorage. After a reload the session is
//   restored through the HttpOnly refresh cookie (POST /auth/refresh).
// - A 401 triggers one refresh and one retry.

const BASE = '/api/v1';

let accessToken = null;
let currentUser = null;
let refreshing = null;
const listeners = new Set();

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `Request failed (${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem?.code || (status === 0 ? 'network_error' : 'http_' + status);
    this.title = problem?.title || '';
    this.detail = problem?.detail || '';
    this.problem = problem || null;
    // {field: message} from a 422 problem's errors[]
    this.fields = {};
    for (const e of problem?.errors || []) {
      if (e && e.field) this.fields[e.field] = e.message || 'Invalid value';
    }
  }
}

function notify() {
  for (const fn of listeners) {
    try { fn(currentUser); } catch (e) { console.error(e); }
  }
}

/** Subscribe to sign-in / sign-out changes. Returns an unsubscribe function. */
export function onAuthChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function isSignedIn() { return accessToken !== null; }
export function user() { return currentUser; }

export function setSession(token, userInfo) {
  accessToken = token || null;
  if (userInfo !== undefined) currentUser = userInfo;
  if (!accessToken) currentUser = null;
  notify();
}

export function clearSession() {
  accessToken = null;
  currentUser = null;
  notify();
}

function query(params) {
  if (!params) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

async function send(method, path, { body, params, headers = {}, auth = true, raw = false } = {}) {
  const h = { Accept: 'application/json, application/problem+json', ...headers };
  if (body !== undefined) h['Content-Type'] = 'application/json';
  if (auth && accessToken) h.Authorization = 'Bearer ' + accessToken;
  let res;
  try {
    res = await fetch(BASE + path + query(params), {
      method,
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError(0, { title: 'Network error', detail: 'The shop could not be reached. Check your connection and try again.' });
  }
  return res;
}

async function parse(res, raw) {
  if (res.ok) {
    if (raw) return res;
    if (res.status === 204) return null;
    const text = await res.text();
    if (!text) return null;
    try { return JSON.parse(text); } catch { return text; }
  }
  let problem = null;
  try { problem = await res.json(); } catch { /* not JSON */ }
  throw new ApiError(res.status, problem);
}

/**
 * Refresh the access token with the HttpOnly cookie. Resolves true when a new
 * token was obtained. Concurrent callers share one request.
 */
export function refresh() {
  if (!refreshing) {
    refreshing = (async () => {
      try {
        const res = await fetch(BASE + '/auth/refresh', {
          method: 'POST',
          headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
          body: '{}',
          credentials: 'same-origin',
        });
        if (!res.ok) { if (accessToken) clearSession(); return false; }
        const data = await res.json();
        accessToken = data.token || data.access_token || null;
        if (!accessToken) return false;
        await loadUser();
        return true;
      } catch {
        return false;
      } finally {
        setTimeout(() => { refreshing = null; }, 0);
      }
    })();
  }
  return refreshing;
}

async function loadUser() {
  try {
    const res = await send('GET', '/users/me');
    currentUser = res.ok ? await res.json() : null;
  } catch { currentUser = null; }
  notify();
  return currentUser;
}

/** Generic request; options: {body, params, headers, auth, raw}. */
export async function request(method, path, options = {}) {
  let res = await send(method, path, options);
  if (res.status === 401 && options.auth !== false && !path.startsWith('/auth/')) {
    if (await refresh()) res = await send(method, path, options);
  }
  return parse(res, options.raw);
}

export const api = {
  get: (path, params, options = {}) => request('GET', path, { ...options, params }),
  post: (path, body, options = {}) => request('POST', path, { ...options, body }),
  put: (path, body, options = {}) => request('PUT', path, { ...options, body }),
  patch: (path, body, options = {}) => request('PATCH', path, { ...options, body }),
  del: (path, options = {}) => request('DELETE', path, options),
};

/** Sign in: stores the access token in memory; the refresh cookie is set by the server. */
export async function login(email, password) {
  const data = await request('POST', '/auth/login', { body: { email, password }, auth: false });
  accessToken = data.token;
  await loadUser();
  return currentUser;
}

export async function register(name, email, password) {
  const data = await request('POST', '/auth/register', { body: { name, email, password }, auth: false });
  accessToken = data.token;
  currentUser = data.user || null;
  notify();
  return currentUser;
}

export async function logout() {
  try { await request('POST', '/auth/logout', { body: {}, auth: true }); } catch { /* already gone */ }
  clearSession();
}

/** Restore a session after a page load (refresh cookie). Resolves to the user or null. */
export async function restoreSession() {
  if (accessToken) return currentUser;
  await refresh();
  return currentUser;
}

/** Download a JSON resource as a file (e.g. GET /users/me/export). */
export async function download(path, filename) {
  const data = await request('GET', path);
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Fetch a binary resource with the token (e.g. a PDF label) and open it. */
export async function openBlob(path) {
  let res = await send('GET', path, { headers: { Accept: '*/*' } });
  if (res.status === 401 && (await refresh())) res = await send('GET', path, { headers: { Accept: '*/*' } });
  if (!res.ok) await parse(res);
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
