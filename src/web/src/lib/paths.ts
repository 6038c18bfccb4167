/** Route patterns, pure (the router in `router.tsx` uses them on the History API). */

/** Matches `/employers/:code` against a path: the params, or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (!p[i].startsWith(':')) {
      if (p[i] !== s[i]) return null;
      continue;
    }
    try {
      params[p[i].slice(1)] = decodeURIComponent(s[i]);
    } catch {
      return null; // a malformed %-escape is no page of ours
    }
  }
  return params;
}

/** A `next=` target is only ever a path of this site (never `//host` or `https://…`). */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : fallback;
}
