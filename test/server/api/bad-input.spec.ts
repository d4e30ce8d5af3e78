import type { Route } from '../../../server/http/route';
import { aCluster, created } from '../../fixtures/builders';
import { ApiClient } from '../../support/api-client';
import { tableCounts } from '../../support/table-counts';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';

/** Bodies that no route accepts: each must get a 4xx, never a 5xx, and write nothing. */
const hostileBodies: { name: string; raw: string; contentType?: string; status?: number[] }[] = [
  { name: 'malformed JSON', raw: '{"ClusterName": "x", ' },
  { name: 'a bare number', raw: '42' },
  { name: 'null', raw: 'null' },
  { name: 'a string', raw: '"text"' },
  {
    name: 'prototype pollution',
    raw: '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}',
  },
  { name: 'unknown fields only', raw: '{"Evil": "$(rm -rf /)", "Value": {"DeploymentsLocked": true}}' },
  { name: 'deep nesting', raw: '['.repeat(5000) + ']'.repeat(5000) },
  { name: 'a wrong content type', raw: '{"ShortName": "ab"}', contentType: 'text/plain', status: [415] },
  {
    name: 'a form body',
    raw: 'ClusterName=x&Value=y',
    contentType: 'application/x-www-form-urlencoded',
    status: [415],
  },
  {
    name: 'latin-1 JSON',
    raw: '{"ShortName": "ab"}',
    contentType: 'application/json; charset=latin1',
    status: [415],
  },
  {
    name: 'a body over the limit',
    raw: JSON.stringify({ ShortName: 'x'.repeat(1_100_000) }),
    status: [413, 400],
  },
];

/** Path parameter values that must never reach a key or a path: 400 or 404, never a 5xx. */
const hostileNames = [
  '..',
  '%2E%2E%2Fetc',
  'a%2Fb',
  'a%23b',
  'x'.repeat(300),
  '%00',
  '%E2%80%AE',
  '%3Cscript%3E',
  'a%20b',
  "'%3B--",
];

/** Valid values of path parameters that are not names. */
const validParams: Record<string, string> = {
  resource: 'clusters',
  id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  key: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
};

/** An instance's id where the path names one (`/instances/{id}/...`). */
const INSTANCE_ID = 'i-0123456789abcdef0';

function fill(path: string, value: string): string {
  return path.replace(/\{[A-Za-z]+\}/g, value);
}

describe('bad input at every endpoint', () => {
  let tp: TestPortal;
  let admin: ApiClient;
  let routes: readonly Route[];
  let cluster: string;

  beforeAll(async () => {
    tp = await startTestPortal();
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    routes = tp.portal.routes;
    cluster = (await created(admin, '/config/clusters', aCluster())).ClusterName;
  });
  afterAll(() => tp.close());

  it('answers hostile bodies with a 4xx problem naming the body, writing nothing', async () => {
    const before = await tableCounts(tp);
    const failures: string[] = [];
    for (const r of routes.filter((x) => x.body)) {
      // valid path parameters and query, so that only the body is wrong
      const path =
        r.path.replace(
          /\{([A-Za-z]+)\}/g,
          (_m, name: string) =>
            (r.path.startsWith('/instances/') ? INSTANCE_ID : validParams[name]) ??
            // a toggle's name is lower-case (and so a valid name of anything else too)
            (r.path.startsWith('/feature-toggles/') ? cluster.toLowerCase() : cluster),
        ) + (r.path.startsWith('/config/import/') ? '?mode=merge' : '');
      for (const b of hostileBodies) {
        const res = await admin.call(r.method.toUpperCase(), path, {
          raw: b.raw,
          headers: { 'content-type': b.contentType ?? 'application/json', 'expected-version': '1' },
        });
        const allowed = b.status ?? [400];
        const isProblem = res.contentType.startsWith('application/problem+json');
        const namesBody =
          res.status !== 400 ||
          (res.body.errors ?? []).some((e: { field: string }) => e.field.startsWith('body'));
        if (!allowed.includes(res.status) || !isProblem || !namesBody) {
          failures.push(
            `${r.method} ${r.path} with ${b.name}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await tableCounts(tp)).toEqual(before);
  });

  it('answers hostile names in paths with 400 or 404, writing nothing', async () => {
    const before = await tableCounts(tp);
    const failures: string[] = [];
    for (const r of routes.filter((x) => x.params)) {
      for (const name of hostileNames) {
        // a client resolves a bare `..` before sending: the request goes to another route (or none)
        const path = `/api/v1${fill(r.path, name)}`;
        if (new URL(path, 'http://portal').pathname !== path) continue;
        const body = r.method === 'get' ? undefined : {};
        const res = await admin.call(r.method.toUpperCase(), fill(r.path, name), {
          body,
          headers: { 'expected-version': '1' },
        });
        if (![400, 404].includes(res.status))
          failures.push(`${r.method} ${fill(r.path, name)}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await tableCounts(tp)).toEqual(before);
  });

  it('refuses malformed expected-version and If-Match headers, naming the header', async () => {
    for (const [header, value] of [
      ['expected-version', 'abc'],
      ['expected-version', '-1'],
      ['expected-version', '1e3'],
      ['if-match', 'not-an-etag'],
      ['if-match', '"1", "2"'],
    ] as const) {
      const res = await admin.put(`/config/clusters/${cluster}`, { ShortName: 'zz' }, undefined, {
        headers: { [header]: value },
      });
      expect(res.status).withContext(`${header}: ${value}`).toBe(400);
      expect(res.body.errors[0].field).toBe(`header.${header}`);
    }
    expect((await admin.get(`/config/clusters/${cluster}`)).body.Version).toBe(1);
  });

  it('refuses invalid query parameters, naming them', async () => {
    const cases = [
      '/config/services?cluster=a%2Fb',
      '/config/services?cluster=a&cluster=b',
      '/config/services?unknown=1',
      '/audit?since=yesterday',
      '/audit?per_page=0',
      '/audit?per_page=1000000',
      '/audit?cursor=not-a-cursor',
      '/audit?ChangeType=Exploded',
      '/config/environments?environmentType=%00',
    ];
    for (const path of cases) {
      const res = await admin.get(path);
      expect(res.status).withContext(path).toBe(400);
      expect(res.body.errors?.[0]?.field)
        .withContext(path)
        .toMatch(/^query\./);
    }
  });

  it('names every invalid field of a body at once', async () => {
    const res = await admin.post('/config/services', {
      ServiceName: 'bad/name',
      OwningCluster: cluster,
      Value: {
        BluePort: 80,
        GreenPort: 'x',
        Lifecycle: 'immortal',
        Links: [{ Title: 'x', Url: 'javascript:alert(1)' }],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.ServiceName',
      'body.Value.BluePort',
      'body.Value.GreenPort',
      'body.Value.Lifecycle',
      'body.Value.Links.0.Url',
    ]);
  });

  it('answers unknown API paths with a 404 problem', async () => {
    const res = await admin.get('/no/such/thing');
    expect(res.status).toBe(404);
    expect(res.contentType).toContain('application/problem+json');
  });
});
