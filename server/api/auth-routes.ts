import type { CookieOptions, Response } from 'express';
import { z } from 'zod';
import { ApiToken, CreatedApiToken, Credentials, Me, NewApiToken } from '@shared/auth/user';
import type { Authentication } from '../auth/authentication';
import type { Credential, CredentialStore } from '../auth/credential-store';
import type { Principal } from '../auth/principal';
import type { RecordStore } from '../catalogue/record-store';
import { NotFoundError } from '../errors/domain-errors';
import { CSRF_COOKIE, SESSION_COOKIE } from '../http/authenticate';
import { route, type Route } from '../http/route';
import { problemResponses } from './problem-responses';

/** Options of the auth routes. */
export interface AuthRouteOptions {
  readonly secureCookies: boolean;
  readonly sessionHours: number;
}

function tokenView(c: Credential): ApiToken {
  return {
    id: c.id ?? '',
    name: c.name ?? '',
    createdAt: c.createdAt,
    expiresAt: c.expiresAt === null ? null : new Date(c.expiresAt).toISOString(),
    lastUsedAt: c.lastUsedAt ?? null,
  };
}

/** The caller as they see themselves: groups, teams (clusters whose membership group they are in) and grants. */
export async function describeMe(principal: Principal, records: RecordStore): Promise<Me> {
  const clusters = await records.list('Cluster');
  const teams = clusters
    .filter((c) => !c.deleted && principal.groups.includes(c.value.Value.ADMembershipGroup ?? ''))
    .map((c) => c.key);
  return {
    username: principal.username,
    displayName: principal.displayName,
    groups: [...principal.groups],
    teams,
    grants: [...(await principal.grants())],
  };
}

/** Sign-in for scripts (`/token`) and browsers (`/login`), `/me`, and personal API tokens. */
export function authRoutes(
  auth: Authentication,
  credentials: CredentialStore,
  records: RecordStore,
  opts: AuthRouteOptions,
): Route[] {
  const cookieBase: CookieOptions = {
    sameSite: 'strict',
    secure: opts.secureCookies,
    path: '/',
    maxAge: opts.sessionHours * 3_600_000,
  };
  const clearCookies = (res: Response) => {
    res.clearCookie(SESSION_COOKIE, { ...cookieBase, maxAge: undefined, httpOnly: true });
    res.clearCookie(CSRF_COOKIE, { ...cookieBase, maxAge: undefined });
  };
  const client = (req: { ip?: string; socket: { remoteAddress?: string } }) =>
    req.ip ?? req.socket.remoteAddress ?? 'unknown';
  return [
    route<Record<string, never>, Record<string, never>, Credentials>({
      method: 'post',
      path: '/token',
      summary: 'Get a bearer token for scripts (as the original: the bare token, as text)',
      tags: ['Authentication'],
      auth: 'anonymous',
      body: Credentials,
      responses: {
        200: {
          description:
            "The token, for `Authorization: Bearer <token>`: bare, as `text/plain` (the original's reply), " +
            'or a JSON string to a client that accepts `application/json` and not `text/plain`',
          schema: z.string(),
          media: ['text/plain', 'application/json'],
        },
        ...problemResponses(400, 401, 429),
      },
      handle: async ({ body, http }) => {
        const user = await auth.signIn(body, client(http.req));
        const { secret } = await auth.issue('bearer', user.key);
        const headers = { 'Cache-Control': 'no-store', Vary: 'Accept' };
        // no Accept, */* or text/plain: the bare token, as the original's clients read it
        return http.req.accepts(['text/plain', 'application/json']) === 'application/json'
          ? { status: 200, body: secret, headers }
          : { status: 200, text: secret, headers };
      },
    }),
    route({
      method: 'delete',
      path: '/token',
      summary: 'Revoke the bearer token this request came with',
      tags: ['Authentication'],
      auth: 'signed-in',
      responses: { 200: { description: 'Revoked' }, ...problemResponses(401) },
      handle: async ({ principal }) => {
        await auth.revoke(principal.credentialHash);
        return { status: 200 };
      },
    }),
    route<Record<string, never>, Record<string, never>, Credentials>({
      method: 'post',
      path: '/login',
      summary: 'Sign in a browser: sets an HttpOnly SameSite=Strict session cookie and the XSRF-TOKEN cookie',
      tags: ['Authentication'],
      auth: 'anonymous',
      body: Credentials,
      responses: { 200: { description: 'Signed in', schema: Me }, ...problemResponses(400, 401, 429) },
      handle: async ({ body, http }) => {
        const user = await auth.signIn(body, client(http.req));
        const { secret, credential } = await auth.issue('session', user.key);
        http.res.cookie(SESSION_COOKIE, secret, { ...cookieBase, httpOnly: true });
        http.res.cookie(CSRF_COOKIE, credential.csrf!, { ...cookieBase, httpOnly: false });
        const resolved = await auth.resolve(secret);
        return { status: 200, body: await describeMe(resolved!.principal, records) };
      },
    }),
    route({
      method: 'post',
      path: '/logout',
      summary: 'Sign out a browser: ends the session',
      tags: ['Authentication'],
      auth: 'anonymous',
      responses: { 200: { description: 'Signed out (200, as the original answered)' } },
      handle: async ({ http }) => {
        const secret = (http.req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
        const resolved = secret ? await auth.resolve(secret) : undefined;
        if (resolved) await auth.revoke(resolved.credential.hash);
        clearCookies(http.res);
        return { status: 200 };
      },
    }),
    route({
      method: 'get',
      path: '/me',
      summary: 'The signed-in user: groups, teams and current grants',
      tags: ['Authentication'],
      auth: 'signed-in',
      responses: { 200: { description: 'You', schema: Me }, ...problemResponses(401) },
      handle: async ({ principal }) => ({ status: 200, body: await describeMe(principal, records) }),
    }),
    route({
      method: 'get',
      path: '/user/tokens',
      summary: 'List your personal API tokens (never their secrets)',
      tags: ['Authentication'],
      auth: 'signed-in',
      responses: { 200: { description: 'Your tokens', schema: z.array(ApiToken) }, ...problemResponses(401) },
      handle: async ({ principal }) => ({
        status: 200,
        body: (await credentials.listApiTokens(principal.username)).map(tokenView),
      }),
    }),
    route<Record<string, never>, Record<string, never>, NewApiToken>({
      method: 'post',
      path: '/user/tokens',
      summary: 'Create a personal API token; its secret is shown in this reply only',
      tags: ['Authentication'],
      auth: 'signed-in',
      body: NewApiToken,
      responses: {
        201: { description: 'The token and its secret', schema: CreatedApiToken },
        ...problemResponses(400, 401),
      },
      handle: async ({ principal, body }) => {
        const { secret, credential } = await auth.issue('api-token', principal.username, body);
        return {
          status: 201,
          body: { ...tokenView(credential), token: secret },
          headers: { Location: `/api/v1/user/tokens/${credential.id}`, 'Cache-Control': 'no-store' },
        };
      },
    }),
    route<{ id: string }>({
      method: 'delete',
      path: '/user/tokens/{id}',
      summary: 'Revoke one of your personal API tokens',
      tags: ['Authentication'],
      auth: 'signed-in',
      params: z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/) }),
      responses: { 204: { description: 'Revoked' }, ...problemResponses(401, 404) },
      handle: async ({ principal, params }) => {
        const token = (await credentials.listApiTokens(principal.username)).find((t) => t.id === params.id);
        if (!token) throw new NotFoundError(`you have no API token ${params.id}`);
        await auth.revoke(token.hash);
        return { status: 204 };
      },
    }),
  ];
}
