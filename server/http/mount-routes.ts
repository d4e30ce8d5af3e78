import { randomUUID } from 'node:crypto';
import express, { Router, type RequestHandler } from 'express';
import type { z } from 'zod';
import type { Actor } from '../catalogue/record-store';
import { NotAuthenticatedError } from '../errors/domain-errors';
import type { Authenticated } from './authenticate';
import { parseInput } from './parse-input';
import { sendProblem } from './problem';
import type { Principal } from '../auth/principal';
import type { Reply, Route, RouteContext } from './route';
import { sendJsonText, sendSerialized } from './send-serialized';
import { expectedVersion } from './versioning';

const anonymousPrincipal = {
  username: 'anonymous',
  displayName: 'anonymous',
  groups: [],
  via: 'session' as const,
  credentialHash: '',
  grants: async () => [],
};

const TOGGLE_TOKEN_ONLY =
  "a feature toggle token authenticates GET /feature-toggles/evaluate and GET /feature-toggles/definitions only: sign in, or send a user's token";

/** Whether a route takes a feature toggle token (as well as a signed-in user). */
function takesToggleTokens(route: Route): boolean {
  return route.auth === 'signed-in-or-toggle-token';
}

/** Converts `/config/clusters/{name}` to Express's `/config/clusters/:name`. */
export function expressPath(path: string): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}

function hasBody(req: express.Request): boolean {
  return req.header('transfer-encoding') !== undefined || Number(req.header('content-length') ?? 0) > 0;
}

/** What a route's handler gets for a request (the inputs parsed: a 400 naming each bad field). */
function contextOf(
  route: Route,
  req: express.Request,
  res: express.Response,
  principal: Principal,
): RouteContext<unknown, unknown, unknown> {
  const requestId = String(res.locals['requestId'] ?? randomUUID());
  const actor: Actor = { username: principal.username, requestId, source: 'api' };
  return {
    params: route.params ? parseInput(route.params as z.ZodType, { ...req.params }, 'params') : {},
    query: route.query ? parseInput(route.query as z.ZodType, { ...req.query }, 'query') : {},
    body: route.body ? parseInput(route.body as z.ZodType, req.body, 'body') : undefined,
    expectedVersion: route.versioned ? expectedVersion(req) : 0,
    principal,
    actor,
    requestId,
    http: { req, res },
  };
}

/** Sends what a handler answered. */
async function sendReply(req: express.Request, res: express.Response, reply: Reply): Promise<void> {
  if (reply.handled) return;
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
  if (reply.text !== undefined) res.status(reply.status).type('text/plain').send(reply.text);
  else if (typeof reply.json === 'string') sendJsonText(res, reply.status, reply.json);
  else if (reply.json !== undefined) await sendSerialized(req, res, reply.status, reply.json);
  else if (reply.body === undefined) res.status(reply.status).end();
  else res.status(reply.status).json(reply.body);
}

function handler(route: Route): RequestHandler {
  return async (req, res, next) => {
    try {
      const auth = (res.locals['auth'] ?? {}) as Authenticated;
      const acceptsCaller =
        !auth.principal || takesToggleTokens(route) || auth.principal.via !== 'toggle-token';
      if (route.auth !== 'anonymous') {
        if (auth.failure) throw auth.failure;
        if (!auth.principal)
          throw new NotAuthenticatedError('sign in, or send Authorization: Bearer <token>');
        if (!acceptsCaller) throw new NotAuthenticatedError(TOGGLE_TOKEN_ONLY);
      }
      if (route.body && hasBody(req) && !req.is('application/json')) {
        return sendProblem(res, {
          title: 'Unsupported media type',
          status: 415,
          detail: 'send the body as application/json',
        });
      }
      // an anonymous route answers a toggle token as anyone: the token is no one there
      const principal = (acceptsCaller ? auth.principal : undefined) ?? anonymousPrincipal;
      const reply = await route.handle(contextOf(route, req, res, principal));
      await sendReply(req, res, reply);
    } catch (e) {
      next(e);
    }
  };
}

/** Mounts routes on a router, each with its own body limit, authentication check and input parsing. */
export function mountRoutes(routes: readonly Route[]): Router {
  const router = Router();
  for (const r of routes) {
    const json = express.json({ limit: r.bodyLimit ?? '1mb', strict: true, type: 'application/json' });
    router[r.method](expressPath(r.path), json, handler(r));
  }
  return router;
}
