import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
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
export function requestIdOf(req: Request): string {
  const given = req.header('x-request-id');
  return given && /^[A-Za-z0-9._-]{8,100}$/.test(given) ? given : randomUUID();
}

/** Gives the reply its request id and security headers. */
export function setBasicHeaders(res: Response, requestId: string): void {
  res.locals['requestId'] = requestId;
  res.setHeader('X-Request-Id', requestId);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

export const basicHeaders: RequestHandler = (req, res, next) => {
  setBasicHeaders(res, requestIdOf(req));
  next();
};

/** API replies carry catalogue data and tokens: never kept by browsers or shared caches. */
export function setNoStore(res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
}

/**
 * Logs the request once its reply is sent: how the caller came (session, bearer, api-token,
 * toggle-token) and a token's id, never a secret or a hash.
 */
export function logWhenFinished(
  logger: Logger,
  req: Request,
  res: Response,
  principal: () => Principal | undefined,
): void {
  const start = process.hrtime.bigint();
  res.on('finish', () => {
    const who = principal();
    logger.debug('request', {
      requestId: res.locals['requestId'],
      method: req.method,
      path: req.originalUrl.split('?')[0],
      status: res.statusCode,
      ms: Number(process.hrtime.bigint() - start) / 1e6,
      ...(who ? { via: who.via } : {}),
      ...(who?.tokenId ? { tokenId: who.tokenId } : {}),
    });
  });
}
