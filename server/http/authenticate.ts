import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Authentication } from '../auth/authentication';
import type { Principal } from '../auth/principal';
import { NotAllowedError, NotAuthenticatedError } from '../errors/domain-errors';

/** Cookie names of the browser session. */
export const SESSION_COOKIE = 'em_session';
export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'x-xsrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token of an `Authorization: Bearer <token>` header (undefined: no such header, or not that form). */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
}

/** What authentication found on a request: a principal, nothing, or a credential that is no good. */
export interface Authenticated {
  readonly principal?: Principal;
  readonly failure?: Error;
}

/**
 * Resolves the caller from `Authorization: Bearer` (a `POST /token` or personal API token) or from the
 * session cookie. A cookie-authenticated unsafe request must echo the session's CSRF token in
 * `X-XSRF-TOKEN` (double submit), on top of the SameSite=Strict cookie.
 */
export function authenticate(auth: Authentication): RequestHandler {
  return async (req, res, next) => {
    let found: Authenticated = {};
    try {
      const header = req.header('authorization');
      if (header !== undefined) {
        const token = bearerToken(header);
        const resolved = token !== undefined ? await auth.resolve(token) : undefined;
        found = resolved
          ? { principal: resolved.principal }
          : { failure: new NotAuthenticatedError('the bearer token is unknown, expired or revoked') };
      } else {
        const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
        if (cookie) {
          const resolved = await auth.resolve(cookie);
          if (!resolved || resolved.credential.kind !== 'session') {
            found = { failure: new NotAuthenticatedError('your session has ended; sign in again') };
          } else if (
            !SAFE_METHODS.has(req.method) &&
            !sameSecret(req.header(CSRF_HEADER) ?? '', resolved.credential.csrf ?? '')
          ) {
            found = {
              failure: new NotAllowedError('missing or wrong X-XSRF-TOKEN header for a cookie session'),
            };
          } else {
            found = { principal: resolved.principal };
          }
        }
      }
      res.locals['auth'] = found;
      next();
    } catch (e) {
      next(e);
    }
  };
}
