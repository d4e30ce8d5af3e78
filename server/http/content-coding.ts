/** A content coding the API compresses bodies in. */
export type ContentCoding = 'br' | 'gzip';

/** Ours in order of preference: brotli is markedly smaller on JSON for about the same time. */
const OURS: readonly ContentCoding[] = ['br', 'gzip'];

function weights(header: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const part of header.split(',')) {
    const [rawName = '', ...params] = part.split(';');
    const name = rawName.trim().toLowerCase();
    if (!name) continue;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p);
      if (m) q = Number(m[1]);
    }
    out.set(name === 'x-gzip' ? 'gzip' : name, q);
  }
  return out;
}

/**
 * The content coding to send for an `Accept-Encoding` header (RFC 9110 section 12.5.3): the acceptable
 * one with the highest q-value, brotli on a tie; undefined for none (send the bytes as they are).
 */
export function chooseContentCoding(acceptEncoding: string | undefined): ContentCoding | undefined {
  if (!acceptEncoding) return undefined;
  const q = weights(acceptEncoding);
  const any = q.get('*') ?? 0;
  let best: ContentCoding | undefined;
  let bestQ = 0;
  for (const coding of OURS) {
    const weight = q.get(coding) ?? any;
    if (weight > bestQ) {
      best = coding;
      bestQ = weight;
    }
  }
  return best;
}
