import http, { type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { z } from 'zod';
import type { Principal } from '../../../server/auth/principal';
import { leanRequests } from '../../../server/http/lean-requests';
import type { LeanContext, Reply, Route } from '../../../server/http/route';
import { SerializedJson } from '../../../server/http/serialized-json';
import { createLogger } from '../../../server/logger';

/**
 * The lean routes' dispatcher on a loopback server, with routes and an authentication made here (unit
 * test fakes, said so): which requests it answers itself and which it hands to the app, untouched.
 */

const caller = (via: Principal['via']): Principal => ({
  username: via === 'toggle-token' ? 'toggle-token:svc' : 'ada',
  displayName: 'Ada',
  groups: [],
  via,
  credentialHash: 'hash',
  grants: async () => [],
});
const TOKENS: Record<string, Principal> = {
  'user-token': caller('bearer'),
  'svc-token': caller('toggle-token'),
};

interface WireReply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

function request(url: string, method = 'GET', headers: Record<string, string> = {}): Promise<WireReply> {
  return new Promise((resolve, reject) => {
    http
      .request(url, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      })
      .on('error', reject)
      .end();
  });
}

describe('lean requests: the lean routes answered ahead of Express', () => {
  let server: http.Server;
  let base: string;
  /** What the lean handlers were called with, and how often the app got a request. */
  let seen: LeanContext<unknown>[];
  let toApp: number;
  let fail: boolean;
  const definitions = new SerializedJson(JSON.stringify({ toggles: Array(100).fill({ name: 'x' }) }));

  const leanRoute = (path: string, auth: Route['auth'], answer: () => Reply): Route => {
    const handle = async (ctx: LeanContext<unknown>): Promise<Reply> => {
      if (fail) throw new Error('the handler failed');
      seen.push(ctx);
      return answer();
    };
    return {
      method: 'get',
      path,
      summary: path,
      tags: [],
      auth,
      query: z.strictObject({ service: z.string().min(1), userId: z.string().optional() }),
      responses: {},
      handle,
      lean: handle,
    };
  };

  beforeAll(async () => {
    const routes = [
      leanRoute('/evaluate', 'signed-in-or-toggle-token', () => ({
        status: 200,
        json: '{"a":true}',
        headers: { 'X-EM-Bucketing': 'userId' },
      })),
      leanRoute('/users-only', 'signed-in', () => ({ status: 200, json: '{}' })),
      leanRoute('/definitions', 'signed-in-or-toggle-token', () => ({ status: 200, json: definitions })),
      leanRoute('/not-json', 'signed-in', () => ({ status: 200, body: { a: 1 } })),
    ];
    const app: RequestListener = (req, res) => {
      toApp += 1;
      res.writeHead(299, { 'content-type': 'text/plain' }).end(`app: ${req.method} ${req.url}`);
    };
    const auth = {
      resolve: async (token: string) => (TOKENS[token] ? { principal: TOKENS[token] } : undefined),
    };
    server = http.createServer(leanRequests(routes, auth, createLogger('silent'), app));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    seen = [];
    toApp = 0;
    fail = false;
  });

  it('answers a bearer request with a good query itself: the handler parsed it, the reply has every header', async () => {
    const res = await request(`${base}/evaluate?service=Web&userId=u1`, 'GET', {
      authorization: 'Bearer user-token',
      'x-request-id': 'req-12345678',
    });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('{"a":true}');
    expect(toApp).toBe(0);
    expect(seen.length).toBe(1);
    expect(seen[0]!.query).toEqual({ service: 'Web', userId: 'u1' });
    expect(seen[0]!.principal.username).toBe('ada');
    expect(seen[0]!.actor).toEqual({ username: 'ada', requestId: 'req-12345678', source: 'api' });
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-length']).toBe('10');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-request-id']).toBe('req-12345678');
    expect(res.headers['x-em-bucketing']).toBe('userId');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('gives a request without a usable id one of its own', async () => {
    const res = await request(`${base}/evaluate?service=Web`, 'GET', {
      authorization: 'Bearer user-token',
      'x-request-id': 'bad id!',
    });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[0]!.requestId).toBe(res.headers['x-request-id'] as string);
  });

  it('hands everything else to the app untouched, with the handler not run or its answer not sent', async () => {
    const cases: [string, string, Record<string, string>][] = [
      ['no credential', `${base}/evaluate?service=Web`, {}],
      ['a cookie session', `${base}/evaluate?service=Web`, { cookie: 'em_session=abc' }],
      ['an unknown token', `${base}/evaluate?service=Web`, { authorization: 'Bearer nobody' }],
      ['not a bearer header', `${base}/evaluate?service=Web`, { authorization: 'Basic dXNlcjpwdw==' }],
      ['a query that does not parse', `${base}/evaluate?service=`, { authorization: 'Bearer user-token' }],
      ['an unknown field', `${base}/evaluate?service=Web&x=1`, { authorization: 'Bearer user-token' }],
      [
        'a toggle token on a users-only route',
        `${base}/users-only?service=Web`,
        { authorization: 'Bearer svc-token' },
      ],
      ['another path', `${base}/evaluate/?service=Web`, { authorization: 'Bearer user-token' }],
      [
        'a reply that is not JSON text',
        `${base}/not-json?service=Web`,
        { authorization: 'Bearer user-token' },
      ],
    ];
    for (const [what, url, headers] of cases) {
      toApp = 0;
      const res = await request(url, 'GET', headers);
      expect(res.status).withContext(what).toBe(299);
      expect(res.body.toString())
        .withContext(what)
        .toBe(`app: GET ${new URL(url).pathname}${new URL(url).search}`);
      expect(toApp).withContext(what).toBe(1);
    }
    const post = await request(`${base}/evaluate?service=Web`, 'POST', {
      authorization: 'Bearer user-token',
    });
    expect(post.status).toBe(299);
    fail = true;
    const failed = await request(`${base}/evaluate?service=Web`, 'GET', {
      authorization: 'Bearer user-token',
    });
    expect(failed.status).toBe(299);
    expect(failed.headers['x-em-bucketing']).toBeUndefined();
  });

  it('takes a toggle token on a route that takes one', async () => {
    const res = await request(`${base}/evaluate?service=Web`, 'GET', { authorization: 'Bearer svc-token' });
    expect(res.status).toBe(200);
    expect(toApp).toBe(0);
    expect(seen[0]!.principal.via).toBe('toggle-token');
  });

  it('sends a body serialized once with its ETag, 304 to a matching If-None-Match, and compressed', async () => {
    const auth = { authorization: 'Bearer user-token' };
    const url = `${base}/definitions?service=Web`;
    const plain = await request(url, 'GET', auth);
    expect(plain.status).toBe(200);
    expect(plain.headers.etag).toBe(definitions.etag);
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.body.equals(definitions.bytes)).toBeTrue();
    const again = await request(url, 'GET', { ...auth, 'if-none-match': definitions.etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(definitions.etag);
    const gzipped = await request(url, 'GET', { ...auth, 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzipped.body).equals(definitions.bytes)).toBeTrue();
    expect(toApp).toBe(0);
  });

  it('refuses to serve a lean route that is not a GET without parameters', () => {
    const handle = async (): Promise<Reply> => ({ status: 200, json: '{}' });
    const bad: Route = {
      method: 'get',
      path: '/things/{id}',
      summary: 'x',
      tags: [],
      auth: 'signed-in',
      responses: {},
      handle,
      lean: handle,
    };
    const noAuth = { resolve: async () => undefined };
    expect(() => leanRequests([bad], noAuth, createLogger('silent'), () => undefined)).toThrowError(
      /a lean route is a GET without parameters/,
    );
  });
});
