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
  /** The end-to-end header lines as they came, each with its CRLF, ready to write after a status line. */
  readonly lines: string;
  /** How the body is framed: by a length, in chunks, or until the target closes the connection. */
  readonly framing:
    { readonly kind: 'length'; readonly length: number } | { readonly kind: 'chunked' | 'close' };
  /** Whether the target lets the connection carry another request (a body framed by close never does). */
  readonly keepAlive: boolean;
  /** How long the target keeps an idle connection open (`Keep-Alive: timeout=N`), when it says. */
  readonly idleSeconds?: number;
}

const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: |$)/;
const DIGITS = /^\d+$/;
const TIMEOUT = /timeout=(\d+)/i;
const CHUNKED_LAST = /(^|,)\s*chunked\s*$/;

/**
 * Parses a response head (the text before the blank line, read as latin1 so bytes round-trip), or
 * undefined when it is not HTTP/1.x or its framing contradicts itself. The end-to-end lines are kept as
 * text, so the proxy writes them on without taking them apart and putting them together again.
 */
export function parseResponseHead(text: string): ResponseHead | undefined {
  const lineEnd = text.indexOf('\r\n');
  const status = STATUS_LINE.exec(lineEnd < 0 ? text : text.slice(0, lineEnd));
  if (!status) return undefined;
  let lines = '';
  let lengthLine = '';
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
    const lower = line.slice(0, colon).toLowerCase();
    if (lower === 'content-length') {
      const value = line.slice(colon + 1).trim();
      const n = DIGITS.test(value) ? Number(value) : NaN;
      if (Number.isNaN(n) || (length !== undefined && length !== n)) return undefined;
      length = n;
      // written once, after the others: a chunked body's length is its chunks', so it may be dropped
      lengthLine = `${line}\r\n`;
      continue;
    }
    if (HOP_BY_HOP.has(lower)) {
      const value = line
        .slice(colon + 1)
        .trim()
        .toLowerCase();
      if (lower === 'transfer-encoding')
        transferEncoding = transferEncoding === undefined ? value : `${transferEncoding},${value}`;
      else if (lower === 'connection') connection += `,${value}`;
      else if (lower === 'keep-alive') {
        const timeout = TIMEOUT.exec(value);
        if (timeout) idleSeconds = Number(timeout[1]);
      }
      continue;
    }
    lines += `${line}\r\n`;
  }
  const keepAlive = status[1] === '1' ? !hasToken(connection, 'close') : hasToken(connection, 'keep-alive');
  const chunked = transferEncoding !== undefined && CHUNKED_LAST.test(transferEncoding);
  // a Content-Length beside chunked is dropped, as RFC 9112 says
  if (!chunked) lines += lengthLine;
  const framing: ResponseHead['framing'] = chunked
    ? { kind: 'chunked' }
    : transferEncoding === undefined && length !== undefined
      ? { kind: 'length', length }
      : { kind: 'close' };
  return { status: Number(status[2]), lines, framing, keepAlive, idleSeconds };
}

/** Whether a comma-separated list (lower case, as `,a,b`) holds a token. */
function hasToken(list: string, token: string): boolean {
  if (list === '') return false;
  return list.split(',').some((t) => t.trim() === token);
}
