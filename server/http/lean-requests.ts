import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import querystring from 'node:querystring';
import type { Principal } from '../auth/principal';
import type { Logger } from '../logger';
import { bearerToken } from './authenticate';
import { parseInput } from './parse-input';
import { logWhenFinished, requestIdOf, setBasicHeaders, setNoStore } from './request-basics';
import type { Reply, Route } from './route';
import { sendJsonText, sendSerialized } from './send-serialized';

const API = '/api/v1';

/** A lean route and the handler that answers it ahead of Express. */
interface Lean {
  readonly route: Route;
  readonly lean: NonNullable<Route['lean']>;
}

/**
 * Serves the portal: the `lean` GET routes (feature toggle evaluation and definitions, which services
 * call on every request of theirs) are answered from node's own request and response, without Express
 * (its app, router and response helpers cost more than the evaluation of 200 toggles), for a request
 * that is a plain success: a bearer token that resolves to a caller the route takes, a query that parses,
 * a handler that answers JSON. The reply is the one the full stack sends (the same handler, the same
 * headers). Anything else (no token, a cookie session, bad input, any error, another path or method)
 * goes to `app`, which answers and explains it as for any route, running the handler again: lean
 * routes have no side effects.
 */
export function leanRequests(
  routes: readonly Route[],
  auth: { resolve(secret: string): Promise<{ principal: Principal } | undefined> },
  logger: Logger,
  app: RequestListener,
): RequestListener {
  const byPath = new Map<string, Lean>();
  for (const route of routes) {
    if (!route.lean) continue;
    if (route.method !== 'get' || route.params || route.body || route.path.includes('{'))
      throw new Error(`a lean route is a GET without parameters: ${route.method} ${route.path}`);
    byPath.set(`${API}${route.path}`, { route, lean: route.lean.bind(route) });
  }
  return (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const found = req.method === 'GET' ? byPath.get(q < 0 ? url : url.slice(0, q)) : undefined;
    const token = found ? bearerToken(req.headers.authorization) : undefined;
    if (found === undefined || token === undefined) return app(req, res);
    answer(found, token, q < 0 ? '' : url.slice(q + 1), req, res).then(
      (answered) => {
        if (!answered) app(req, res);
      },
      () => (res.headersSent ? res.destroy() : app(req, res)),
    );
  };

  /** Answers the request; false, having written nothing, when the full stack is to answer it. */
  async function answer(
    { route, lean }: Lean,
    token: string,
    search: string,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<boolean> {
    const principal = (await auth.resolve(token))?.principal;
    if (!principal || (principal.via === 'toggle-token' && route.auth !== 'signed-in-or-toggle-token'))
      return false;
    const requestId = requestIdOf(req);
    let reply: Reply;
    try {
      reply = await lean({
        // the parser Express uses for the full stack ('simple' query parser)
        query: route.query ? parseInput(route.query, { ...querystring.parse(search) }, 'query') : {},
        principal,
        actor: { username: principal.username, requestId, source: 'api' },
        requestId,
      });
    } catch {
      return false; // the full stack answers it, with the problem that explains it
    }
    if (reply.json === undefined) return false;
    setBasicHeaders(res, requestId);
    setNoStore(res);
    for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
    logWhenFinished(logger, req, res, requestId, () => principal);
    if (typeof reply.json === 'string') sendJsonText(res, reply.status, reply.json);
    else await sendSerialized(req, res, reply.status, reply.json);
    return true;
  }
}
