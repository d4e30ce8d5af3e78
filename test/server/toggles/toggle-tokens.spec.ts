import { createHash } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { tableNames } from '../../../server/adapters/dynamodb/tables';
import {
  aCluster,
  aDeploymentMap,
  anEnvironment,
  anEnvironmentType,
  aService,
  created,
  givenUser,
  unique,
} from '../../fixtures/builders';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';

/** A token as `POST /feature-toggles/tokens` answers it. */
interface Made {
  readonly id: string;
  readonly token: string;
}

/**
 * Feature toggle tokens as a service team and its service meet them: the team makes a read-only token for
 * one service in one environment (its secret shown once, stored as its hash, audited), the service reads
 * its toggles with it and nothing else, and a revoke stops it at the next request.
 */
describe('feature toggle tokens', () => {
  let tp: TestPortal;
  let admin: ApiClient;
  let service: string;
  let otherService: string;
  let int1: string;
  let int2: string;
  let prod: string;
  let flag: string;
  let devName: string;
  let dev: ApiClient;
  let outsider: ApiClient;
  let plain: ApiClient;

  const evaluate = (client: ApiClient, s = service, e = int1) =>
    client.get(`/feature-toggles/evaluate?service=${s}&environment=${e}&userId=u1`);
  const definitions = (client: ApiClient, s = service, e = int1, headers?: Record<string, string>) =>
    client.get(`/feature-toggles/definitions?service=${s}&environment=${e}`, headers ? { headers } : {});

  async function aToken(client: ApiClient = dev, s = service, e = int1): Promise<Made> {
    return created<Made>(client, '/feature-toggles/tokens', {
      service: s,
      environment: e,
      description: unique('checkout web'),
    });
  }

  /** The toggle token items of the Sessions table, as stored. */
  async function storedTokens(): Promise<Record<string, unknown>[]> {
    const { Items } = await tp.portal.db.doc.send(
      new ScanCommand({ TableName: tableNames(tp.tablePrefix).sessions, ConsistentRead: true }),
    );
    return (Items ?? []).filter((i) => i['Kind'] === 'toggle-token');
  }

  async function auditOf(id: string): Promise<{ ChangeType: string; ChangedBy: string }[]> {
    const res = await admin.get(`/audit?Entity.Type=FeatureToggleToken&Entity.Key=${id}`);
    expect(res.status).toBe(200);
    return res.body;
  }

  beforeAll(async () => {
    tp = await startTestPortal();
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    const team = (await created(admin, '/config/clusters', aCluster())).ClusterName;
    const otherTeam = (await created(admin, '/config/clusters', aCluster())).ClusterName;
    const nonProd = (await created(admin, '/config/environment-types', anEnvironmentType())).EnvironmentType;
    const prodType = (await created(admin, '/config/environment-types', anEnvironmentType())).EnvironmentType;
    service = (await created(admin, '/config/services', aService({ cluster: team }))).ServiceName;
    otherService = (await created(admin, '/config/services', aService({ cluster: team }))).ServiceName;
    const map = (
      await created(
        admin,
        '/config/deployment-maps',
        aDeploymentMap({ roles: [{ cluster: team, services: [service, otherService] }] }),
      )
    ).DeploymentMapName;
    const env = async (type: string) =>
      (await created(admin, '/config/environments', anEnvironment({ type, cluster: team, map })))
        .EnvironmentName as string;
    int1 = await env(nonProd);
    int2 = await env(nonProd);
    prod = await env(prodType);
    devName = unique('dev');
    dev = await givenUser(admin, {
      username: devName,
      grants: [{ Action: 'manage-feature-toggles', Clusters: [team], EnvironmentTypes: [nonProd] }],
    });
    outsider = await givenUser(admin, {
      grants: [{ Action: 'manage-feature-toggles', Clusters: [otherTeam], EnvironmentTypes: 'all' }],
    });
    plain = await givenUser(admin);
    flag = unique('new-checkout').toLowerCase();
    await created(dev, '/feature-toggles', { service, name: flag, description: 'the new checkout' });
    const on = await dev.put(
      `/feature-toggles/${service}/${flag}/environments/${int1}`,
      { state: 'on', reason: 'spec' },
      0,
    );
    expect(on.status).toBe(200);
  });
  afterAll(() => tp.close());

  it('shows the secret once, keeps only its hash (as API tokens), and audits who made it', async () => {
    const res = await dev.post('/feature-toggles/tokens', {
      service,
      environment: int1,
      description: 'checkout web, int1',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { token, id } = res.body as Made;
    expect(token).toMatch(/^emt_[A-Za-z0-9_-]{40,}$/);
    expect(res.headers.get('location')).toBe(`/api/v1/feature-toggles/tokens/${id}`);
    expect(res.body).toEqual({
      id,
      token,
      service,
      environment: int1,
      description: 'checkout web, int1',
      createdBy: devName,
      createdAt: jasmine.any(String),
      lastUsedAt: null,
    });

    const item = (await storedTokens()).find((i) => i['TokenId'] === id);
    expect(item).toBeDefined();
    expect(item!['TokenHash']).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(item)).not.toContain(token);
    expect(JSON.stringify(item)).not.toContain(token.slice(4));

    const listed = (await dev.get(`/feature-toggles/tokens?service=${service}`)).body as Made[];
    expect(listed.find((t) => t.id === id)).toBeDefined();
    expect(JSON.stringify(listed)).not.toContain(token);

    const audit = await auditOf(id);
    expect(audit.map((e) => [e.ChangeType, e.ChangedBy])).toEqual([['Created', devName]]);
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(JSON.stringify(audit)).not.toContain(String(item!['TokenHash']));
  });

  it("lists a service's tokens with who made them and when each was last used, never a secret", async () => {
    const mine = await aToken();
    const elsewhere = await aToken(dev, otherService, int2);
    const list = async () => (await plain.get(`/feature-toggles/tokens?service=${service}`)).body as any[];
    const first = await list();
    expect(first.map((t) => t.id)).toContain(mine.id);
    expect(first.map((t) => t.id)).not.toContain(elsewhere.id);
    const entry = first.find((t) => t.id === mine.id);
    expect(Object.keys(entry).sort()).toEqual([
      'createdAt',
      'createdBy',
      'description',
      'environment',
      'id',
      'lastUsedAt',
      'service',
    ]);
    expect(entry.lastUsedAt).toBeNull();
    expect((await plain.get('/feature-toggles/tokens')).body.map((t: Made) => t.id)).toEqual(
      jasmine.arrayContaining([mine.id, elsewhere.id]),
    );

    expect((await evaluate(dev.as(mine.token))).status).toBe(200);
    // the last use is written beside the request, not before its answer
    let used: string | null = null;
    for (let i = 0; i < 50 && used === null; i++) {
      used = (await list()).find((t) => t.id === mine.id).lastUsedAt;
      if (used === null) await new Promise((r) => setTimeout(r, 50));
    }
    expect(used?.slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
  });

  it('evaluates and reads the definitions of its own service in its own environment', async () => {
    const reader = dev.as((await aToken()).token);
    const evaluated = await evaluate(reader);
    expect(evaluated.status).toBe(200);
    expect(evaluated.body).toEqual({ [flag]: true });

    const defs = await definitions(reader);
    expect(defs.status).toBe(200);
    expect(defs.body.service).toBe(service);
    expect(defs.body.environment).toBe(int1);
    expect(defs.body.toggles.map((t: { name: string; state: string }) => [t.name, t.state])).toEqual([
      [flag, 'on'],
    ]);
    const etag = defs.headers.get('etag')!;
    expect((await definitions(reader, service, int1, { 'if-none-match': etag })).status).toBe(304);
  });

  it('refuses another service or another environment with a 403 naming its scope', async () => {
    const reader = dev.as((await aToken()).token);
    for (const res of [
      await evaluate(reader, otherService, int1),
      await evaluate(reader, service, int2),
      await definitions(reader, otherService, int1),
      await definitions(reader, service, prod),
      // what the catalogue lacks is no business of the token's either: 403, not 404
      await evaluate(reader, 'NoSuchService', int1),
    ]) {
      expect(res.status).toBe(403);
      expect(res.contentType).toContain('application/problem+json');
      expect(res.body.detail).toContain(`${service} in ${int1} only`);
    }
  });

  it('is no user: every other route answers 401 and it changes nothing', async () => {
    const made = await aToken();
    const reader = dev.as(made.token);
    const before = (await storedTokens()).length;
    const attempts = [
      await reader.get('/config/services'),
      await reader.get(`/config/environments/${int1}`),
      await reader.get('/feature-toggles'),
      await reader.get(`/feature-toggles/${service}/${flag}`),
      await reader.get('/me'),
      await reader.get('/feature-toggles/tokens'),
      await reader.put(
        `/feature-toggles/${service}/${flag}/environments/${int1}`,
        { state: 'off', reason: 'a token tries' },
        1,
      ),
      await reader.post(`/feature-toggles/${service}/${flag}/kill`, { reason: 'a token tries' }),
      await reader.post('/feature-toggles/tokens', { service, environment: int1, description: 'more' }),
      await reader.delete(`/feature-toggles/tokens/${made.id}`, undefined),
      await reader.delete('/token', undefined),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(401);
      expect(res.contentType).toContain('application/problem+json');
      expect(res.body.detail).toContain('feature toggle token');
    }
    expect((await storedTokens()).length).toBe(before);
    expect((await evaluate(reader)).body).toEqual({ [flag]: true });
  });

  it('is refused at the next request once revoked, and the revoke is audited', async () => {
    const made = await aToken();
    const reader = dev.as(made.token);
    // used just now: the portal remembers it for a moment (the credential cache)
    expect((await evaluate(reader)).status).toBe(200);
    expect((await dev.delete(`/feature-toggles/tokens/${made.id}`, undefined)).status).toBe(204);

    const after = await evaluate(reader);
    expect(after.status).toBe(401);
    expect(after.contentType).toContain('application/problem+json');
    expect((await definitions(reader)).status).toBe(401);
    expect((await storedTokens()).find((i) => i['TokenId'] === made.id)).toBeUndefined();
    const listed = (await dev.get(`/feature-toggles/tokens?service=${service}`)).body as Made[];
    expect(listed.map((t) => t.id)).not.toContain(made.id);
    expect((await dev.delete(`/feature-toggles/tokens/${made.id}`, undefined)).status).toBe(404);
    expect((await auditOf(made.id)).map((e) => [e.ChangeType, e.ChangedBy])).toEqual([
      ['Deleted', devName],
      ['Created', devName],
    ]);
  });

  it('needs manage-feature-toggles for the team and the environment type to make or revoke one, writing nothing otherwise', async () => {
    const before = (await storedTokens()).length;
    const ask = (client: ApiClient, environment: string) =>
      client.post('/feature-toggles/tokens', { service, environment, description: 'not allowed' });
    // dev's grant is for the non-production type only; the outsider's for another team
    for (const res of [await ask(dev, prod), await ask(outsider, int1), await ask(plain, int1)]) {
      expect(res.status).toBe(403);
      expect(res.contentType).toContain('application/problem+json');
      expect(res.body.detail).toContain('manage-feature-toggles');
    }
    expect((await storedTokens()).length).toBe(before);
    expect(
      (await admin.post('/feature-toggles/tokens', { service, environment: prod, description: 'ok' })).status,
    ).toBe(201);

    const made = await aToken();
    for (const client of [outsider, plain]) {
      const res = await client.delete(`/feature-toggles/tokens/${made.id}`, undefined);
      expect(res.status).toBe(403);
      expect(res.body.detail).toContain('manage-feature-toggles');
    }
    expect((await evaluate(dev.as(made.token))).status).toBe(200);
    expect((await auditOf(made.id)).map((e) => e.ChangeType)).toEqual(['Created']);
  });

  it('refuses bad input naming the field, and what the catalogue lacks, writing nothing', async () => {
    const before = (await storedTokens()).length;
    const bad = await dev.post('/feature-toggles/tokens', { service: 'Has Spaces', environment: int1 });
    expect(bad.status).toBe(400);
    expect(bad.contentType).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.description',
      'body.service',
    ]);
    const extra = await dev.post('/feature-toggles/tokens', {
      service,
      environment: int1,
      description: 'x',
      expiresInDays: 3,
    });
    expect(extra.status).toBe(400);
    expect(JSON.stringify(extra.body.errors)).toContain('expiresInDays');
    const unknownService = await dev.post('/feature-toggles/tokens', {
      service: 'NoSuchService',
      environment: int1,
      description: 'x',
    });
    expect(unknownService.status).toBe(404);
    expect(unknownService.body.detail).toContain('NoSuchService');
    const unknownEnvironment = await dev.post('/feature-toggles/tokens', {
      service,
      environment: 'no-such-env',
      description: 'x',
    });
    expect(unknownEnvironment.status).toBe(404);
    expect((await storedTokens()).length).toBe(before);

    const badId = await dev.delete('/feature-toggles/tokens/not!an!id', undefined);
    expect(badId.status).toBe(400);
    expect(badId.body.errors.map((e: { field: string }) => e.field)).toEqual(['params.id']);
    expect((await dev.delete('/feature-toggles/tokens/NoSuchToken', undefined)).status).toBe(404);
    const badQuery = await dev.get('/feature-toggles/tokens?service=has%20spaces');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.errors.map((e: { field: string }) => e.field)).toEqual(['query.service']);
  });

  it('logs how each request came, a toggle token by its id, never its secret', async () => {
    const made = await aToken();
    const previous = process.env['EM_TEST_LOG_LEVEL'];
    process.env['EM_TEST_LOG_LEVEL'] = 'debug';
    // a second portal on the same tables, logging every request
    const logging = await startTestPortal({ tablePrefix: tp.tablePrefix }).finally(() => {
      if (previous === undefined) delete process.env['EM_TEST_LOG_LEVEL'];
      else process.env['EM_TEST_LOG_LEVEL'] = previous;
    });
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    spyOn(process.stdout, 'write').and.callFake(((chunk: string | Uint8Array) => {
      const text = String(chunk);
      if (text.startsWith('{')) lines.push(text);
      else write(chunk);
      return true;
    }) as typeof process.stdout.write);
    try {
      const reader = new ApiClient(logging.baseUrl, made.token);
      expect((await evaluate(reader)).status).toBe(200);
      expect((await reader.get('/config/services')).status).toBe(401);
      // the access line is written when the response has gone: wait for both
      const requests = () =>
        lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['msg'] === 'request');
      for (let i = 0; i < 50 && requests().length < 2; i++) await new Promise((r) => setTimeout(r, 20));
      expect(requests().map((l) => [l['path'], l['status'], l['via'], l['tokenId']])).toEqual([
        ['/api/v1/feature-toggles/evaluate', 200, 'toggle-token', made.id],
        ['/api/v1/config/services', 401, 'toggle-token', made.id],
      ]);
      const hash = createHash('sha256').update(made.token).digest('hex');
      for (const line of lines) {
        expect(line).not.toContain(made.token.slice(4));
        expect(line).not.toContain(hash);
      }
    } finally {
      await logging.close();
    }
  });

  it('leaves sessions and personal API tokens reading every service and environment, as before', async () => {
    const personal = await dev.post('/user/tokens', { name: 'toggles script' });
    expect(personal.status).toBe(201);
    for (const client of [dev, dev.as(personal.body.token as string), plain]) {
      expect((await evaluate(client)).body).toEqual({ [flag]: true });
      expect((await evaluate(client, otherService, int2)).status).toBe(200);
      expect((await definitions(client, service, prod)).status).toBe(200);
    }
  });
});
