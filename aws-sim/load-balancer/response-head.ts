/** Headers that belong to one connection, never forwarded by a proxy (RFC 9110 section 7.6.1). */
export const HOP_BY_HOP: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

/** A target's response head, as the proxy needs it. */
export interface ResponseHead {
  readonly status: number;
  /** The end-to-end headers as one flat list (name, value, name, value...), as `writeHead` takes them. */
  readonly headers: string[];
  /** How the body is framed: by a length, in chunks, or until the target closes the connection. */
  readonly framing:
    { readonly kind: 'length'; readonly length: number } | { readonly kind: 'chunked' | 'close' };
  /** Whether the target lets the connection carry another request (a body framed by close never does). */
  readonly keepAlive: boolean;
  /** How long the target keeps an idle connection open (`Keep-Alive: timeout=N`), when it says. */
  readonly idleSeconds?: number;
}

const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: |$)/;

/**
 * Parses a response head (the text before the blank line, read as latin1 so bytes round-trip), or
 * undefined when it is not HTTP/1.x or its framing contradicts itself.
 */
export function parseResponseHead(text: string): ResponseHead | undefined {
  const lineEnd = text.indexOf('\r\n');
  const status = STATUS_LINE.exec(lineEnd < 0 ? text : text.slice(0, lineEnd));
  if (!status) return undefined;
  const headers: string[] = [];
  let length: number | undefined;
  let transferEncoding: string | undefined;
  let connection = '';
  let idleSeconds: number | undefined;
  for (let at = lineEnd; at >= 0 && at < text.length;) {
    const next = text.indexOf('\r\n', at + 2);
    const line = text.slice(at + 2, next < 0 ? text.length : next);
    at = next;
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1).trim();
    const lower = name.toLowerCase();
    if (lower === 'content-length') {
      const n = /^\d+$/.test(value) ? Number(value) : NaN;
      if (Number.isNaN(n) || (length !== undefined && length !== n)) return undefined;
      length = n;
    } else if (lower === 'transfer-encoding') transferEncoding = value.toLowerCase();
    else if (lower === 'connection') connection += `,${value.toLowerCase()}`;
    else if (lower === 'keep-alive') {
      const timeout = /timeout=(\d+)/i.exec(value);
      if (timeout) idleSeconds = Number(timeout[1]);
    }
    if (!HOP_BY_HOP.has(lower)) headers.push(name, value);
  }
  const tokens = connection.split(',').map((t) => t.trim());
  const keepAlive = status[1] === '1' ? !tokens.includes('close') : tokens.includes('keep-alive');
  const chunked = transferEncoding !== undefined && /(^|,)\s*chunked\s*$/.test(transferEncoding);
  if (chunked && length !== undefined) {
    // a chunked body's length is its chunks': a Content-Length beside it is dropped, as RFC 9112 says
    const at = headers.findIndex((h, i) => i % 2 === 0 && h.toLowerCase() === 'content-length');
    headers.splice(at, 2);
  }
  const framing: ResponseHead['framing'] = chunked
    ? { kind: 'chunked' }
    : transferEncoding === undefined && length !== undefined
      ? { kind: 'length', length }
      : { kind: 'close' };
  return {
    status: Number(status[2]),
    headers,
    framing,
    keepAlive,
    idleSeconds,
  };
}
