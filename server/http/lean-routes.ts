import type { RequestHandler } from 'express';
import type { Authentication } from '../auth/authentication';
import type { Logger } from '../logger';
import { bearerToken } from './authenticate';
import { contextOf, sendReply } from './mount-routes';
import { logWhenFinished, requestIdOf, setBasicHeaders, setNoStore } from './request-basics';
import type { Route } from './route';

const API = '/api/v1';

/**
 * Answers the `lean` GET routes (feature toggle evaluation and definitions, which services call on every
 * request of theirs) ahead of the Express stack: no cookie parsing, no walk through every route, for a
 * request that is a plain success: a bearer token that resolves to a caller the route takes, a query that
 * parses, a handler that answers. The reply is the one the full stack sends (the same handler, the same
 * headers). Anything else (no token, a cookie session, bad input, any error) goes on to the full stack,
 * which answers and explains it as for any route, running the handler again: lean routes have no side
 * effects.
 */
export function leanRoutes(routes: readonly Route[], auth: Authentication, logger: Logger): RequestHandler {
  const byPath = new Map<string, Route>();
  for (const route of routes.filter((r) => r.lean)) {
    if (route.method !== 'get' || route.params || route.body || route.path.includes('{'))
      throw new Error(`a lean route is a GET without parameters: ${route.method} ${route.path}`);
    byPath.set(`${API}${route.path}`, route);
  }
  return (req, res, next) => {
    if (req.method !== 'GET') return next();
    const route = byPath.get(req.path);
    const token = route ? bearerToken(req.header('authorization')) : undefined;
    if (route === undefined || token === undefined) return next();
    void (async () => {
      const resolved = await auth.resolve(token);
      const principal = resolved?.principal;
      if (!principal || (principal.via === 'toggle-token' && route.auth !== 'signed-in-or-toggle-token'))
        return next();
      const requestId = requestIdOf(req);
      res.locals['requestId'] = requestId; // the handler's actor names it (the full stack sets its own)
      let reply;
      try {
        reply = await route.handle(contextOf(route, req, res, principal));
      } catch {
        return next(); // the full stack answers it, with the problem that explains it
      }
      setBasicHeaders(res, requestId);
      setNoStore(res);
      logWhenFinished(logger, req, res, () => principal);
      await sendReply(req, res, reply);
    })().catch((e: unknown) => (res.headersSent ? next(e) : next()));
  };
}
