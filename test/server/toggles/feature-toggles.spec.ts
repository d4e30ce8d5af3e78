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

/**
 * Feature toggles through the API as their users meet it: a team creates a toggle of its service, sets it
 * per environment (off, on, a sticky percentage, targeting), a protected type waits for a second person,
 * the kill switch turns it off at once, every change audited with who, why, and the old and new setting.
 */
describe('feature toggles', () => {
  let tp: TestPortal;
  let admin: ApiClient;
  let team: string;
  let otherTeam: string;
  let service: string;
  let int1: string;
  let prod: string;
  let prodType: string;
  let dev: ApiClient;
  let devProd: ApiClient;
  let outsider: ApiClient;

  const body = (state: string, extra: Record<string, unknown> = {}) => ({ state, reason: 'spec', ...extra });

  beforeAll(async () => {
    tp = await startTestPortal();
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    team = (await created(admin, '/config/clusters', aCluster())).ClusterName;
    otherTeam = (await created(admin, '/config/clusters', aCluster())).ClusterName;
    const nonProd = (await created(admin, '/config/environment-types', anEnvironmentType())).EnvironmentType;
    prodType = (
      await created(
        admin,
        '/config/environment-types',
        anEnvironmentType({ protectedActions: ['manage-feature-toggles'] }),
      )
    ).EnvironmentType;
    service = (await created(admin, '/config/services', aService({ cluster: team }))).ServiceName;
    const map = (
      await created(
        admin,
        '/config/deployment-maps',
        aDeploymentMap({ roles: [{ cluster: team, services: [service] }] }),
      )
    ).DeploymentMapName;
    int1 = (
      await created(admin, '/config/environments', anEnvironment({ type: nonProd, cluster: team, map }))
    ).EnvironmentName;
    prod = (
      await created(admin, '/config/environments', anEnvironment({ type: prodType, cluster: team, map }))
    ).EnvironmentName;
    dev = await givenUser(admin, {
      grants: [{ Action: 'manage-feature-toggles', Clusters: [team], EnvironmentTypes: [nonProd] }],
    });
    devProd = await givenUser(admin, {
      grants: [{ Action: 'manage-feature-toggles', Clusters: [team], EnvironmentTypes: 'all' }],
    });
    outsider = await givenUser(admin, {
      grants: [{ Action: 'manage-feature-toggles', Clusters: [otherTeam], EnvironmentTypes: 'all' }],
    });
  });
  afterAll(() => tp.close());

  async function aToggle(client: ApiClient = dev): Promise<string> {
    const name = unique('flag').toLowerCase();
    await created(client, '/feature-toggles', { service, name, description: 'a flag' });
    return name;
  }

  it('creates a toggle of a catalogue service, off everywhere, owned by the service team; a name is never reused', async () => {
    const name = unique('new-checkout').toLowerCase();
    const res = await dev.post('/feature-toggles', { service, name, description: 'the new checkout' });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/v1/feature-toggles/${service}/${name}`);
    expect(res.body).toEqual(
      jasmine.objectContaining({
        service,
        name,
        type: 'release',
        owner: team,
        archived: false,
        environments: [],
      }),
    );
    expect(
      (await dev.get(`/feature-toggles/evaluate?service=${service}&environment=${int1}&userId=u1`)).body[
        name
      ],
    ).toBe(false);
    expect((await dev.post('/feature-toggles', { service, name })).status).toBe(409);
    // archived: off, kept, and its name still taken
    const archived = await dev.delete(`/feature-toggles/${service}/${name}`, undefined);
    expect(archived.status).toBe(200);
    expect(archived.body.archived).toBe(true);
    const again = await dev.post('/feature-toggles', { service, name });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('never used again');
    expect(
      Object.keys((await dev.get(`/feature-toggles/evaluate?service=${service}&environment=${int1}`)).body),
    ).not.toContain(name);
  });

  it("removes an environment's settings with it: an environment made again under its name has every toggle off", async () => {
    const name = await aToggle();
    const type = (await created(admin, '/config/environment-types', anEnvironmentType())).EnvironmentType;
    const map = (
      await created(
        admin,
        '/config/deployment-maps',
        aDeploymentMap({ roles: [{ cluster: team, services: [service] }] }),
      )
    ).DeploymentMapName;
    const environment = anEnvironment({ type, cluster: team, map });
    const gone = (await created(admin, '/config/environments', environment)).EnvironmentName;
    const evaluate = async () =>
      (await dev.get(`/feature-toggles/evaluate?service=${service}&environment=${gone}&userId=u1`)).body[
        name
      ];
    const grant = await givenUser(admin, {
      grants: [{ Action: 'manage-feature-toggles', Clusters: [team], EnvironmentTypes: [type] }],
    });
    expect(
      (await grant.put(`/feature-toggles/${service}/${name}/environments/${gone}`, body('on'), 0)).status,
    ).toBe(200);
    expect(await evaluate()).toBe(true);
    expect((await admin.delete(`/config/environments/${gone}`, 1)).status).toBe(200);
    const toggle = (await dev.get(`/feature-toggles/${service}/${name}`)).body;
    expect(toggle.environments.map((e: { environment: string }) => e.environment)).not.toContain(gone);
    const items = await tp.portal.db.doc.send(
      new ScanCommand({
        TableName: tableNames(tp.tablePrefix).config,
        ConsistentRead: true,
        FilterExpression: 'Kind = :k AND begins_with(#key, :p)',
        ExpressionAttributeNames: { '#key': 'Key' },
        ExpressionAttributeValues: { ':k': 'FeatureToggleState', ':p': `${service}/${name}/` },
      }),
    );
    expect(items.Items ?? []).toEqual([]);
    // the same name again: nothing of the old environment's settings
    await created(admin, '/config/environments', environment);
    expect(await evaluate()).toBe(false);
    expect((await dev.get(`/feature-toggles/${service}/${name}`)).body.environments).toEqual([]);
  });

  it('refuses toggles of services the catalogue lacks, bad names and types, naming the field', async () => {
    const unknown = await dev.post('/feature-toggles', { service: 'NoSuchService', name: 'x' });
    expect(unknown.status).toBe(404);
    const bad = await dev.post('/feature-toggles', { service, name: 'Has Spaces', type: 'forever' });
    expect(bad.status).toBe(400);
    expect(bad.contentType).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.name', 'body.type']);
    expect((await outsider.post('/feature-toggles', { service, name: 'not-theirs' })).status).toBe(403);
  });

  it('sets a toggle per environment with the version of its setting there, audited with who, why, old and new', async () => {
    const name = await aToggle();
    const path = `/feature-toggles/${service}/${name}/environments/${int1}`;
    expect((await dev.put(path, body('on'), undefined)).status).toBe(428);
    const first = await dev.put(
      path,
      body('percentage', { percentage: 10, reason: 'dark launch to 10%' }),
      0,
    );
    expect(first.status).toBe(200);
    const env = first.body.environments[0];
    expect(env).toEqual(
      jasmine.objectContaining({
        environment: int1,
        state: 'percentage',
        percentage: 10,
        version: 1,
        pending: null,
      }),
    );
    expect((await dev.put(path, body('on'), 0)).status).toBe(409);
    const second = await dev.put(path, body('on', { reason: 'all in' }), 1);
    expect(second.body.environments[0]).toEqual(jasmine.objectContaining({ state: 'on', version: 2 }));

    const audit = await admin.get(`/audit?Entity.Type=FeatureToggleState`);
    const entries = (audit.body.Items ?? audit.body) as { Entity: { Key: string }; ChangedBy?: string }[];
    const mine = entries.filter((e) => JSON.stringify(e).includes(`${service}/${name}/${int1}`));
    expect(mine.length).toBe(2);
    expect(JSON.stringify(mine)).toContain('dark launch to 10%');
    expect(JSON.stringify(mine)).toContain('all in');
  });

  it('refuses a bad setting with nothing written, naming the field', async () => {
    const name = await aToggle();
    const path = `/feature-toggles/${service}/${name}/environments/${int1}`;
    for (const [sent, field] of [
      [{ state: 'percentage', reason: 'x' }, 'body.percentage'],
      [{ state: 'on', percentage: 5, reason: 'x' }, 'body.percentage'],
      [{ state: 'percentage', percentage: 120, reason: 'x' }, 'body.percentage'],
      [{ state: 'percentage', percentage: 10.555, reason: 'x' }, 'body.percentage'],
      [{ state: 'on' }, 'body.reason'],
      [{ state: 'maybe', reason: 'x' }, 'body.state'],
    ] as const) {
      const res = await dev.put(path, sent, 0);
      expect(res.status).withContext(JSON.stringify(sent)).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field))
        .withContext(JSON.stringify(sent))
        .toContain(field);
    }
    expect((await dev.get(`/feature-toggles/${service}/${name}`)).body.environments).toEqual([]);
  });

  it('needs manage-feature-toggles for the team and the environment type', async () => {
    const name = await aToggle();
    expect(
      (await outsider.put(`/feature-toggles/${service}/${name}/environments/${int1}`, body('on'), 0)).status,
    ).toBe(403);
    // dev holds it for the non-prod type only
    expect(
      (await dev.put(`/feature-toggles/${service}/${name}/environments/${prod}`, body('on'), 0)).status,
    ).toBe(403);
    expect((await dev.get(`/feature-toggles/${service}/${name}`)).body.environments).toEqual([]);
  });

  it('waits for a second person where the type protects toggle changes; the kill switch never waits', async () => {
    const name = await aToggle();
    const path = `/feature-toggles/${service}/${name}/environments/${prod}`;
    const asked = await devProd.put(path, body('on', { reason: 'launch' }), 0);
    expect(asked.status).toBe(202);
    const env = asked.body.environments[0];
    expect(env.state).toBe('off');
    expect(env.pending).toEqual(jasmine.objectContaining({ state: 'on', reason: 'launch' }));
    const evaluate = `/feature-toggles/evaluate?service=${service}&environment=${prod}&userId=u1`;
    expect((await devProd.get(evaluate)).body[name]).toBe(false);
    // not by whoever asked
    const self = await devProd.post(`${path}/approve`, undefined, { headers: { 'expected-version': '1' } });
    expect(self.status).toBe(409);
    const other = await givenUser(admin, {
      grants: [{ Action: 'manage-feature-toggles', Clusters: [team], EnvironmentTypes: [prodType] }],
    });
    const approved = await other.post(`${path}/approve`, undefined, { headers: { 'expected-version': '1' } });
    expect(approved.status).toBe(200);
    expect(approved.body.environments[0]).toEqual(jasmine.objectContaining({ state: 'on', pending: null }));
    expect((await devProd.get(evaluate)).body[name]).toBe(true);

    const killed = await devProd.post(`/feature-toggles/${service}/${name}/kill`, {
      reason: 'errors spiking',
    });
    expect(killed.status).toBe(200);
    expect(killed.body.environments[0].state).toBe('off');
    expect(killed.body.environments[0].reason).toContain('errors spiking');
    expect((await devProd.get(evaluate)).body[name]).toBe(false);
  });

  it('evaluates targeting: exclusions win over inclusions, groups as users', async () => {
    const name = await aToggle();
    await dev.put(
      `/feature-toggles/${service}/${name}/environments/${int1}`,
      body('off', {
        include: { users: ['alice'], groups: ['canary'] },
        exclude: { users: ['bob'], groups: ['banned'] },
      }),
      0,
    );
    const on = async (query: string) =>
      (await dev.get(`/feature-toggles/evaluate?service=${service}&environment=${int1}&${query}`)).body[name];
    expect(await on('userId=alice')).toBe(true);
    expect(await on('userId=carol&groups=canary')).toBe(true);
    expect(await on('userId=carol')).toBe(false);
    expect(await on('userId=bob&groups=canary')).toBe(false);
    expect(await on('userId=alice&groups=banned,canary')).toBe(false);
  });

  it('keeps the first 10% when raised to 20%, and says when it drew a random bucket', async () => {
    const name = await aToggle();
    const path = `/feature-toggles/${service}/${name}/environments/${int1}`;
    await dev.put(path, body('percentage', { percentage: 10 }), 0);
    const users = Array.from({ length: 300 }, (_, i) => `user-${i}`);
    const inAt = async () => {
      const on = new Set<string>();
      for (const u of users) {
        const res = await dev.get(
          `/feature-toggles/evaluate?service=${service}&environment=${int1}&userId=${u}`,
        );
        expect(res.headers.get('x-em-bucketing')).toBe('userId');
        if (res.body[name]) on.add(u);
      }
      return on;
    };
    const at10 = await inAt();
    expect(await inAt()).toEqual(at10);
    await dev.put(path, body('percentage', { percentage: 20 }), 1);
    const at20 = await inAt();
    for (const u of at10) expect(at20.has(u)).withContext(u).toBeTrue();
    expect(at20.size).toBeGreaterThan(at10.size);
    const random = await dev.get(`/feature-toggles/evaluate?service=${service}&environment=${int1}`);
    expect(random.headers.get('x-em-bucketing')).toBe('random');
  });

  it('answers an evaluation the same ahead of the Express stack (a bearer token) as through it (a cookie)', async () => {
    const name = await aToggle();
    await dev.put(`/feature-toggles/${service}/${name}/environments/${int1}`, body('on'), 0);
    const url = `${tp.baseUrl}/api/v1/feature-toggles/evaluate?service=${service}&environment=${int1}&userId=u1`;
    const login = await fetch(`${tp.baseUrl}/api/v1/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    const session = login.headers
      .getSetCookie()
      .find((c) => c.startsWith('em_session='))!
      .split(';')[0]!;
    const lean = await fetch(url, { headers: { authorization: `Bearer ${admin.token!}` } });
    const full = await fetch(url, { headers: { cookie: session } });
    expect(lean.status).toBe(200);
    expect(full.status).toBe(200);
    const leanBody = (await lean.json()) as Record<string, boolean>;
    expect(leanBody).toEqual((await full.json()) as Record<string, boolean>);
    expect(leanBody[name]).toBeTrue();
    for (const header of [
      'content-type',
      'cache-control',
      'x-em-bucketing',
      'x-content-type-options',
      'x-frame-options',
      'referrer-policy',
      'content-security-policy',
      'etag',
    ])
      expect(lean.headers.get(header)).withContext(header).toBe(full.headers.get(header));
    expect(lean.headers.get('cache-control')).toBe('no-store');
    expect(lean.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // what the lean path cannot answer goes through the stack: a bad query, a bad token
    const bad = await fetch(`${url}&userId=`, { headers: { authorization: `Bearer ${admin.token!}` } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
    const unknown = await fetch(url, { headers: { authorization: 'Bearer not-a-token' } });
    expect(unknown.status).toBe(401);
  });

  it('answers 404 to an evaluation of a service or environment the catalogue lacks', async () => {
    await aToggle();
    const unknownEnv = await dev.get(
      `/feature-toggles/evaluate?service=${service}&environment=nowhere1&userId=u`,
    );
    expect(unknownEnv.status).toBe(404);
    const unknownService = await dev.get(
      `/feature-toggles/evaluate?service=Nobody&environment=${int1}&userId=u`,
    );
    expect(unknownService.status).toBe(404);
    expect(
      (await dev.get(`/feature-toggles/definitions?service=${service}&environment=nowhere1`)).status,
    ).toBe(404);
  });

  it('serves definitions with an ETag and 304 while nothing changed', async () => {
    const name = await aToggle();
    const url = `/feature-toggles/definitions?service=${service}&environment=${int1}`;
    const first = await dev.get(url);
    expect(first.status).toBe(200);
    expect(first.body.bucketing).toEqual(
      jasmine.objectContaining({ algorithm: 'murmur3_x86_32', seed: 0, buckets: 10000 }),
    );
    const tag = first.headers.get('etag')!;
    expect((await dev.call('GET', url, { headers: { 'if-none-match': tag } })).status).toBe(304);
    await dev.put(`/feature-toggles/${service}/${name}/environments/${int1}`, body('on'), 0);
    const changed = await dev.call('GET', url, { headers: { 'if-none-match': tag } });
    expect(changed.status).toBe(200);
    expect(changed.body.toggles.find((t: { name: string }) => t.name === name).state).toBe('on');
  });

  it('reports toggles fully on or off everywhere for the given days as stale, by team', async () => {
    const name = await aToggle();
    await dev.put(`/feature-toggles/${service}/${name}/environments/${int1}`, body('on'), 0);
    const now = await dev.get('/feature-toggles/stale?days=0');
    const ours = now.body.find((g: { owner: string }) => g.owner === team);
    expect(ours.toggles.map((t: { name: string }) => t.name)).toContain(name);
    const later = await dev.get('/feature-toggles/stale?days=30');
    expect(JSON.stringify(later.body)).not.toContain(name);
    expect((await dev.get('/feature-toggles/stale?days=-1')).status).toBe(400);
  });

  it('stores each setting as one record of its own (nothing half-written by a refused change)', async () => {
    const name = await aToggle();
    await dev.put(`/feature-toggles/${service}/${name}/environments/${int1}`, body('on'), 0);
    await dev.put(`/feature-toggles/${service}/${name}/environments/${int1}`, body('percentage'), 1);
    const items = await tp.portal.db.doc.send(
      new ScanCommand({ TableName: tableNames(tp.tablePrefix).config, ConsistentRead: true }),
    );
    const mine = (items.Items ?? []).filter((i) => String(i['Key']).startsWith(`${service}/${name}`));
    expect(mine.map((i) => i['Kind']).sort()).toEqual(['FeatureToggle', 'FeatureToggleState']);
    const state = mine.find((i) => i['Kind'] === 'FeatureToggleState')!;
    expect(state['Version']).toBe(1);
  });
});
