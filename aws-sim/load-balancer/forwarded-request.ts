import type { RequestHead } from './request-head';
import { HOP_BY_HOP } from './response-head';

/**
 * The request head a load balancer sends a target: the client's end-to-end headers as they came (latin1,
 * so bytes round-trip), X-Forwarded-For with the client's address appended, X-Forwarded-Proto and
 * X-Forwarded-Port set, and a chunked body re-chunked on the new connection.
 */
export function forwardedRequest(
  request: RequestHead,
  clientAddress: string | undefined,
  listenerPort: number,
): string {
  let head = `${request.method} ${request.target} HTTP/1.1\r\n`;
  let forwardedFor = '';
  const raw = request.headers;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const value = raw[i + 1]!;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower)) continue;
    if (lower === 'x-forwarded-for') {
      forwardedFor += `${value}, `;
      continue;
    }
    // the load balancer has answered Expect itself; it sets the other two
    if (lower === 'expect' || lower === 'x-forwarded-proto' || lower === 'x-forwarded-port') continue;
    head += `${name}: ${value}\r\n`;
  }
  head += `x-forwarded-for: ${clientAddress ? forwardedFor + clientAddress : forwardedFor.slice(0, -2)}\r\n`;
  head += `x-forwarded-proto: http\r\nx-forwarded-port: ${listenerPort}\r\n`;
  if (request.body === 'chunked') head += 'transfer-encoding: chunked\r\n';
  return `${head}\r\n`;
}
