import { aCluster, aService, created, unique } from '../../fixtures/builders';
import { ApiClient } from '../../support/api-client';
import { tableCounts } from '../../support/table-counts';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';

/** Rules of the original that, there, allowed everything or the calls below. */
const everythingInTheOriginal = [
  { Resource: '**', Access: 'ADMIN' },
  { Resource: '/config/clusters/**', Access: 'POST', Clusters: 'all', EnvironmentTypes: 'all' },
  { Resource: '/config/services/**', Access: 'POST' },
  { Cluster: 'all' },
  { EnvironmentType: 'all' },
];

describe("the original's permission rules", () => {
  let tp: TestPortal;
  let admin: ApiClient;

  beforeEach(async () => {
    tp = await startTestPortal();
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
  });
  afterEach(() => tp.close());

  /** A user whose own record (and, when asked, a group's record) holds the entries, signed in. */
  async function userHolding(
    entries: readonly object[],
    options: { viaGroup?: boolean } = {},
  ): Promise<{ client: ApiClient; record: string }> {
    const username = unique('user');
    const password = 'a-long-test-password';
    const group = options.viaGroup
      ? (await created(admin, '/groups', { GroupName: unique('GG') })).GroupName
      : undefined;
    await created(admin, '/users', { Username: username, Password: password, Groups: group ? [group] : [] });
    const record = group ?? username;
    await created(admin, '/config/permissions', { Name: record, Permissions: entries });
    return { client: await admin.as(undefined).signIn(username, password), record };
  }

  it('grant nothing: a user holding only rules is refused where a grant allows, and /me shows no grant', async () => {
    for (const viaGroup of [false, true]) {
      const { client, record } = await userHolding(everythingInTheOriginal, { viaGroup });
      expect((await client.get('/me')).body.grants)
        .withContext(`viaGroup ${viaGroup}`)
        .toEqual([]);

      const counts = await tableCounts(tp);
      const refused = await client.post('/config/clusters', aCluster());
      expect(refused.status).withContext(`viaGroup ${viaGroup}`).toBe(403);
      expect(refused.contentType).toContain('application/problem+json');
      expect(await tableCounts(tp)).toEqual(counts);

      // the same record with a grant beside the rules allows it: the refusal was the rules granting nothing
      const grant = { Action: 'admin', Clusters: 'all', EnvironmentTypes: 'all' };
      const updated = await admin.put(
        `/config/permissions/${record}`,
        [...everythingInTheOriginal, grant],
        1,
      );
      expect(updated.status).withContext(JSON.stringify(updated.body)).toBe(200);
      expect((await client.get('/me')).body.grants).toEqual([grant]);
      expect((await client.post('/config/clusters', aCluster())).status).toBe(201);
    }
  });

  it("grant nothing in a team's scope either: a service of the team is refused until a grant names it", async () => {
    const team = (await created(admin, '/config/clusters', aCluster())).ClusterName;
    const rules = [
      {
        Resource: '/config/services/**',
        Access: 'POST',
        Clusters: [team.toLowerCase()],
        EnvironmentTypes: 'all',
      },
      { Resource: '/config/services/**', Access: 'POST', Clusters: [team], EnvironmentTypes: 'all' },
      { Cluster: team },
    ];
    const { client, record } = await userHolding(rules);
    const counts = await tableCounts(tp);
    expect((await client.post('/config/services', aService({ cluster: team }))).status).toBe(403);
    expect(await tableCounts(tp)).toEqual(counts);

    const grant = { Action: 'edit-catalogue', Clusters: [team], EnvironmentTypes: 'all' };
    expect((await admin.put(`/config/permissions/${record}`, [...rules, grant], 1)).status).toBe(200);
    expect((await client.post('/config/services', aService({ cluster: team }))).status).toBe(201);
  });

  it('are returned, listed and exported exactly as given, beside the grants, in their order', async () => {
    const entries = [
      { Resource: '/config/environments/*', Access: 'put', Clusters: ['rubik'], EnvironmentTypes: 'ALL' },
      { Action: 'deploy', Clusters: 'all', EnvironmentTypes: 'all' },
      { EnvironmentType: 'prod' },
    ];
    const { record } = await userHolding(entries);
    const expected = { Name: record, Permissions: entries, Version: 1 };
    expect((await admin.get(`/config/permissions/${record}`)).body).toEqual(expected);
    expect((await admin.get('/config/permissions')).body).toContain(expected);
    expect((await admin.get('/config/export/permissions')).body).toContain(expected);
  });

  it('refuse a rule with an unknown or mistyped field on create and update, naming it, and write nothing', async () => {
    const group = (await created(admin, '/groups', { GroupName: unique('GG') })).GroupName;
    const counts = await tableCounts(tp);
    const cases: { entry: object; field: string; message: string }[] = [
      {
        entry: { Resource: '**', Access: 'ADMIN', Evil: true },
        field: 'Evil',
        message: 'is not a known field',
      },
      { entry: { Cluster: 'rubik', Scope: 'x' }, field: 'Scope', message: 'is not a known field' },
      { entry: { Resource: '**' }, field: 'Access', message: 'is required with Resource' },
      { entry: { Access: 'POST' }, field: 'Resource', message: 'is required with Access' },
      {
        entry: { Resource: '**', Access: 'POST', Clusters: ['a/b'] },
        field: 'Clusters.0',
        message: 'may contain only letters, digits, ".", "_" and "-", starting with a letter or digit',
      },
      // an Action makes it a grant, which has no Resource
      { entry: { Action: 'admin', Resource: '**' }, field: 'Resource', message: 'is not a known field' },
    ];
    for (const c of cases) {
      const res = await admin.post('/config/permissions', { Name: group, Permissions: [c.entry] });
      expect(res.status).withContext(JSON.stringify(c.entry)).toBe(400);
      expect(res.body.errors)
        .withContext(JSON.stringify(c.entry))
        .toEqual([{ field: `body.Permissions.0.${c.field}`, message: c.message }]);
    }
    expect(await tableCounts(tp)).toEqual(counts);

    await created(admin, '/config/permissions', { Name: group, Permissions: [{ Cluster: 'rubik' }] });
    const after = await tableCounts(tp);
    for (const c of cases) {
      const res = await admin.put(`/config/permissions/${group}`, [{ EnvironmentType: 'prod' }, c.entry], 1);
      expect(res.status).withContext(JSON.stringify(c.entry)).toBe(400);
      expect(res.body.errors)
        .withContext(JSON.stringify(c.entry))
        .toEqual([{ field: `body.1.${c.field}`, message: c.message }]);
    }
    expect(await tableCounts(tp)).toEqual(after);
    expect((await admin.get(`/config/permissions/${group}`)).body).toEqual({
      Name: group,
      Permissions: [{ Cluster: 'rubik' }],
      Version: 1,
    });
  });
});
