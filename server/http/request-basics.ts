import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Principal } from '../auth/principal';
import type { Logger } from '../logger';

/** The headers every reply carries. */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'Content-Security-Policy':
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
};

/** The request's id: the caller's `X-Request-Id` when it looks like one, or a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._-]{8,100}$/.test(given) ? given : randomUUID();
}

/** Gives the reply its request id and security headers. */
export function setBasicHeaders(res: ServerResponse, requestId: string): void {
  res.setHeader('X-Request-Id', requestId);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

/** The request id and security headers, the id kept for the handlers and the access log. */
export const basicHeaders: RequestHandler = (req, res, next) => {
  const requestId = requestIdOf(req);
  res.locals['requestId'] = requestId;
  setBasicHeaders(res, requestId);
  next();
};

/** API replies carry catalogue data and tokens: never kept by browsers or shared caches. */
export function setNoStore(res: ServerResponse): void {
  res.setHeader('Cache-Control', 'no-store');
}

/**
 * Logs the request once its reply is sent: how the caller came (session, bearer, api-token,
 * toggle-token) and a token's id, never a secret or a hash.
 */
export function logWhenFinished(
  logger: Logger,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  principal: () => Principal | undefined,
): void {
  const start = process.hrtime.bigint();
  // the path as it came: a router that mounts the request rewrites req.url before it finishes
  const path = (req.url ?? '').split('?')[0];
  res.on('finish', () => {
    const who = principal();
    logger.debug('request', {
      requestId,
      method: req.method,
      path,
      status: res.statusCode,
      ms: Number(process.hrtime.bigint() - start) / 1e6,
      ...(who ? { via: who.via } : {}),
      ...(who?.tokenId ? { tokenId: who.tokenId } : {}),
    });
  });
}
