/**
 * The one HTTP client of the console. Every call goes through `api()`: the bearer token from
 * localStorage (one session for every tab of the browser), JSON in and out, and every failure as an `ApiError` carrying the API's own
 * `{error:{code,message,details}}`, so a page can always show what went wrong.
 */

export const TOKEN_KEY = 'sothu.token';
/** Set (in this tab) when a signed-in session met a 401: the sign-in page says the session has expired. */
const EXPIRED_KEY = 'sothu.expired';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function getToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** Stores (or, with null, drops) the token; other tabs hear of it through the `storage` event. */
export function setToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem('sothu.token'); // where earlier versions kept it
  } catch {
    // storage refused (private mode quotas): the session lasts as long as the page
  }
}

/** Whether this tab's session ended on a 401 (read by the sign-in page until the next sign-in). */
export function sessionExpired(): boolean {
  try {
    return sessionStorage.getItem(EXPIRED_KEY) === '1';
  } catch {
    return false;
  }
}

export function setSessionExpired(expired: boolean): void {
  try {
    if (expired) sessionStorage.setItem(EXPIRED_KEY, '1');
    else sessionStorage.removeItem(EXPIRED_KEY);
  } catch {
    // nothing to remember it in
  }
}

/** A 401 to a request that carried a token: the session is over (expired, revoked, deactivated). */
function endSession(): void {
  setToken(null);
  setSessionExpired(true);
}

/** Fired on every 401: the shell sends the user to the sign-in page. */
export const UNAUTHORIZED_EVENT = 'sothu:unauthorized';

type Query = Record<string, string | number | boolean | null | undefined>;

/** `/api/x` + the query's non-empty values. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

export interface ApiOptions {
  method?: string;
  query?: Query;
  body?: unknown;
  /** the 401 of this call is the caller's business (sign-in, the /api/me probe): no redirect */
  quiet401?: boolean;
  /** sent without the token (sign-in: a stale token must not turn a wrong password into "expired") */
  anonymous?: boolean;
}

async function errorOf(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  const message =
    typeof err?.message === 'string' && err.message
      ? err.message
      : `${res.status} ${res.statusText || 'HTTP error'} (${res.url.replace(/^https?:\/\/[^/]+/, '')})`;
  return new ApiError(res.status, typeof err?.code === 'string' ? err.code : `HTTP_${res.status}`, message, err?.details);
}

export async function api<T>(path: string, opts: ApiOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = opts.anonymous ? null : getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), { method: opts.method ?? (body ? 'POST' : 'GET'), headers, body });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', `Network error: ${(e as Error).message}`);
  }
  if (!res.ok) {
    const error = await errorOf(res);
    if (res.status === 401 && token) endSession();
    if (res.status === 401 && !opts.quiet401) window.dispatchEvent(new CustomEvent(UNAUTHORIZED_EVENT));
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

/**
 * Downloads a file the API renders (a workbook) with the bearer token, then saves it under its
 * server-given name. A failure is an `ApiError` like any other call.
 */
export async function download(path: string, fallbackName: string): Promise<void> {
  const headers: Record<string, string> = {};
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let res = await fetch(path, { headers });
  // 202: a large workbook is being rendered by a background job; ask again after the time it names
  for (let waited = 0; res.status === 202 && waited < 180_000; ) {
    const after = Math.min(10, Math.max(1, Number(res.headers.get('retry-after')) || 3)) * 1000;
    await new Promise((r) => setTimeout(r, after));
    waited += after;
    res = await fetch(path, { headers });
  }
  if (!res.ok || res.status === 202) {
    const error = await errorOf(res);
    if (res.status === 401 && token) endSession();
    if (res.status === 401) window.dispatchEvent(new CustomEvent(UNAUTHORIZED_EVENT));
    throw error;
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A page of a list: the API answers `{items, nextCursor}` (an array is read as one page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function asPage<T>(body: unknown): Page<T> {
  if (Array.isArray(body)) return { items: body as T[], nextCursor: null };
  const b = (body ?? {}) as { items?: T[]; nextCursor?: string | null; cursor?: string | null };
  return { items: b.items ?? [], nextCursor: b.nextCursor ?? b.cursor ?? null };
}
