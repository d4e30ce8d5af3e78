function opaque(tag: string): string {
  const t = tag.trim();
  return t.startsWith('W/') ? t.slice(2) : t;
}

/**
 * Whether an `If-None-Match` header names the current representation (RFC 9110 section 13.1.2): `*`, or
 * one of its entity tags under weak comparison, so a tag seen on a gzip reply also matches the brotli one.
 */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const current = opaque(etag);
  return header.split(',').some((tag) => opaque(tag) === current);
}
