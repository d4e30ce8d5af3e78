import type http from 'node:http';
import type { Exchange } from './upstream-connection';
import { HOP_BY_HOP } from './response-head';

/** A request head as the target gets it, and how its body follows. */
export interface ForwardedRequest {
  readonly head: string;
  readonly body: Exchange['body'];
}

/**
 * The request head a load balancer sends a target: the client's end-to-end headers as they came (read
 * from the raw list, latin1, so bytes round-trip), X-Forwarded-For with the client's address appended,
 * X-Forwarded-Proto and X-Forwarded-Port set, and a chunked body re-chunked on the new connection.
 */
export function forwardedRequest(req: http.IncomingMessage, listenerPort: number): ForwardedRequest {
  let head = `${req.method} ${req.url} HTTP/1.1\r\n`;
  let forwardedFor = '';
  let body: ForwardedRequest['body'] = 'none';
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const value = raw[i + 1]!;
    const lower = name.toLowerCase();
    if (lower === 'transfer-encoding') body = 'chunked';
    else if (lower === 'content-length' && body === 'none' && value !== '0') body = 'length';
    if (HOP_BY_HOP.has(lower)) continue;
    if (lower === 'x-forwarded-for') {
      forwardedFor += `${value}, `;
      continue;
    }
    // the client's server has answered Expect; the load balancer sets the other two itself
    if (lower === 'expect' || lower === 'x-forwarded-proto' || lower === 'x-forwarded-port') continue;
    head += `${name}: ${value}\r\n`;
  }
  const client = req.socket.remoteAddress;
  head += `x-forwarded-for: ${client ? forwardedFor + client : forwardedFor.slice(0, -2)}\r\n`;
  head += `x-forwarded-proto: http\r\nx-forwarded-port: ${listenerPort}\r\n`;
  if (body === 'chunked') head += 'transfer-encoding: chunked\r\n';
  return { head: `${head}\r\n`, body };
}
