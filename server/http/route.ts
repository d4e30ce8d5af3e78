import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Principal } from '../auth/principal';
import type { Actor } from '../catalogue/record-store';
import type { SerializedJson } from './serialized-json';

/** What a lean route's handler gets (see Route.lean): its parsed query, the caller and the audit actor. */
export interface LeanContext<Q> {
  readonly query: Q;
  readonly principal: Principal;
  readonly actor: Actor;
  readonly requestId: string;
}

/** What a handler gets: parsed inputs, the caller, and the audit actor of the request. */
export interface RouteContext<P, Q, B> extends LeanContext<Q> {
  readonly params: P;
  readonly body: B;
  /** The version the caller last saw (`expected-version` or `If-Match`); set on versioned routes. */
  readonly expectedVersion: number;
  /** For the few routes that set cookies or read the client address (sign-in). */
  readonly http: { readonly req: Request; readonly res: Response };
}

/** What a handler answers. */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  /**
   * The body already serialized as JSON. A SerializedJson (see serializedOnce) is also sent with its ETag,
   * as `304` to a matching `If-None-Match`, and compressed when the client accepts it.
   */
  readonly json?: string | SerializedJson;
  /** A plain-text body, sent as `text/plain` (the original's bare token). */
  readonly text?: string;
  readonly headers?: Record<string, string>;
  /** The handler wrote the response itself (a Server-Sent Events stream): nothing more is sent. */
  readonly handled?: true;
}

/** One documented response of a route. */
export interface ResponseSpec {
  readonly description: string;
  readonly schema?: z.ZodType;
  /** The media types it comes as, when not JSON alone (problems are always problem+json). */
  readonly media?: readonly string[];
}

/** A route of the API: its inputs as zod schemas (the runtime check, the types and the OpenAPI document). */
export interface Route<P = unknown, Q = unknown, B = unknown> {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI-style path under /api/v1, e.g. `/config/clusters/{name}`. */
  readonly path: string;
  readonly summary: string;
  readonly tags: readonly string[];
  /**
   * `anonymous` routes need no credential; every other route needs a signed-in caller, and only a
   * `signed-in-or-toggle-token` one also takes a feature toggle token (whose scope its domain checks).
   */
  readonly auth: 'anonymous' | 'signed-in' | 'signed-in-or-toggle-token';
  readonly params?: z.ZodType<P>;
  readonly query?: z.ZodType<Q>;
  readonly body?: z.ZodType<B>;
  /** Requires `expected-version` or `If-Match` (optimistic locking). */
  readonly versioned?: boolean;
  /** Body size limit for this route (default 1 MB). */
  readonly bodyLimit?: string;
  readonly deprecated?: boolean;
  /**
   * A GET without path parameters on the hot path of other systems (feature toggle evaluation): its plain
   * successes with a bearer token are answered by this handler ahead of Express (see leanRequests), from
   * node's own request; it is `handle` (which takes more), or answers the same. It must have no side
   * effects: a request it cannot answer there (it throws) is handled again by the full stack.
   */
  lean?(ctx: LeanContext<Q>): Promise<Reply>;
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  handle(ctx: RouteContext<P, Q, B>): Promise<Reply>;
}

/**
 * Declares a route with its types inferred from its schemas. It is listed as a plain Route: `handle` is a
 * method, so a Route<P, Q, B> is one, and the mounting code hands it what its own schemas parsed.
 */
export function route<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  r: Route<P, Q, B>,
): Route {
  return r;
}
