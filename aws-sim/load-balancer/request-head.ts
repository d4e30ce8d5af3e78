/** A client's request head, as the proxy needs it. */
export interface RequestHead {
  readonly method: string;
  /** The request target as sent (origin form: the path and query). */
  readonly target: string;
  /** The minor HTTP version: 1 for HTTP/1.1, 0 for HTTP/1.0. */
  readonly minor: 0 | 1;
  /** The header fields as they came, one flat list (name, value, name, value...), values trimmed. */
  readonly headers: readonly string[];
  /** How the body follows the head: none, by Content-Length, or chunked. */
  readonly body: 'none' | 'length' | 'chunked';
  /** The body's length when `body` is 'length'. */
  readonly length: number;
  /** Whether the client lets the connection carry another request. */
  readonly keepAlive: boolean;
  /** Whether the client waits for `100 Continue` before it sends the body. */
  readonly expectContinue: boolean;
}

/** Why a request head was refused, with the status the client gets. */
export interface RefusedHead {
  readonly refused: 400 | 417 | 501 | 505;
}

const REQUEST_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+) (\S+) HTTP\/(\d)\.(\d)$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** A CR or LF that is not part of a CRLF, or a NUL: never valid in a head. */
const STRAY = /\r(?!\n)|(?<!\r)\n|\0/;
const DIGITS = /^\d{1,15}$/;

/**
 * Parses a request head (the text before the blank line, read as latin1 so bytes round-trip), refusing
 * what Node's own server refuses: a malformed line, a missing Host in HTTP/1.1, a Content-Length that
 * is not one number, Content-Length beside Transfer-Encoding (the request-smuggling shape), a transfer
 * coding other than chunked, and an expectation other than 100-continue.
 */
export function parseRequestHead(text: string): RequestHead | RefusedHead {
  if (STRAY.test(text)) return { refused: 400 };
  // a client may send an empty line before the request line (RFC 9112 section 2.2)
  let start = 0;
  while (text.startsWith('\r\n', start)) start += 2;
  const lineEnd = text.indexOf('\r\n', start);
  const requestLine = REQUEST_LINE.exec(text.slice(start, lineEnd < 0 ? text.length : lineEnd));
  if (!requestLine) return { refused: 400 };
  if (requestLine[3] !== '1') return { refused: 505 };
  const minor = requestLine[4] === '0' ? 0 : 1;
  const headers: string[] = [];
  let length: number | undefined;
  let transferEncoding: string | undefined;
  let connection = '';
  let expect: string | undefined;
  let host = false;
  for (let at = lineEnd; at >= 0 && at < text.length;) {
    const next = text.indexOf('\r\n', at + 2);
    const line = text.slice(at + 2, next < 0 ? text.length : next);
    at = next;
    const colon = line.indexOf(':');
    // no name, a space before the colon, or an obsolete line folding
    if (colon <= 0) return { refused: 400 };
    const name = line.slice(0, colon);
    if (!TOKEN.test(name)) return { refused: 400 };
    const value = line.slice(colon + 1).trim();
    headers.push(name, value);
    const lower = name.toLowerCase();
    if (lower === 'content-length') {
      if (!DIGITS.test(value)) return { refused: 400 };
      const n = Number(value);
      if (length !== undefined && length !== n) return { refused: 400 };
      length = n;
    } else if (lower === 'transfer-encoding')
      transferEncoding = transferEncoding === undefined ? value : `${transferEncoding},${value}`;
    else if (lower === 'connection') connection += `,${value.toLowerCase()}`;
    else if (lower === 'host') host = true;
    else if (lower === 'expect') expect = value.toLowerCase();
  }
  if (minor === 1 && !host) return { refused: 400 };
  let body: RequestHead['body'] = length ? 'length' : 'none';
  if (transferEncoding !== undefined) {
    if (length !== undefined) return { refused: 400 };
    const codings = transferEncoding.toLowerCase().split(',');
    if (codings.length !== 1 || codings[0]!.trim() !== 'chunked')
      return { refused: codings[codings.length - 1]!.trim() === 'chunked' ? 501 : 400 };
    body = 'chunked';
  }
  if (expect !== undefined && expect !== '100-continue') return { refused: 417 };
  const tokens = connection ? connection.split(',').map((t) => t.trim()) : [];
  return {
    method: requestLine[1]!,
    target: requestLine[2]!,
    minor,
    headers,
    body,
    length: length ?? 0,
    keepAlive: minor === 1 ? !tokens.includes('close') : tokens.includes('keep-alive'),
    expectContinue: expect !== undefined && minor === 1,
  };
}
