import {
  originalExport,
  originalGroups,
  type OriginalRecord,
  type OriginalResource,
} from '../../fixtures/original-export';
import { created } from '../../fixtures/builders';
import { ApiClient } from '../../support/api-client';
import { tableCounts } from '../../support/table-counts';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';

/**
 * A record of the original's export as this portal keeps it. The differences are on purpose and each is
 * listed here: the original's `Audit` is dropped (the import is audited here), `Version` starts at 1, an
 * account number is a 12-digit string (the original's integer lost leading zeros), and a service gets
 * this portal's `Lifecycle`, which the original did not have.
 */
function keptHere(resource: string, record: OriginalRecord): Record<string, unknown> {
  const { Audit: _audit, ...rest } = record;
  const kept = { ...rest, Version: 1 };
  if (resource === 'accounts')
    return { ...kept, AccountNumber: String(rest['AccountNumber']).padStart(12, '0') };
  if (resource === 'services') return { ...kept, Value: { Lifecycle: 'experimental', ...rest.Value } };
  return kept;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

/** A copy of the record with `value` set at the path (`Value.DeploymentTarget.0.Volumes.1.Evil`). */
function withField(record: OriginalRecord, path: string, value: unknown): Record<string, unknown> {
  const copy: unknown = structuredClone(record);
  const parts = path.split('.');
  let at: unknown = copy;
  for (const part of parts.slice(0, -1)) at = isObject(at) ? at[part] : undefined;
  if (!isObject(at) || !isObject(copy)) throw new Error(`the fixture has no ${path}`);
  at[parts.at(-1)!] = value;
  return copy;
}

function resourceNamed(name: string): OriginalResource {
  const r = originalExport.find((x) => x.resource === name);
  if (!r) throw new Error(`no ${name} in the fixture`);
  return r;
}

describe("the original's export (every documented field of every record type)", () => {
  let tp: TestPortal;
  let admin: ApiClient;
  /** What each resource exported before the import (the bootstrap admin's permission record). */
  let before: Map<string, { key: string; record: unknown }[]>;

  beforeEach(async () => {
    tp = await startTestPortal();
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    for (const GroupName of originalGroups) await created(admin, '/groups', { GroupName });
    // the original's environments name its notification settings, which must exist here (a reference)
    for (const NotificationSettingsId of ['rubik-prod-alerts', 'rubik-test-alerts']) {
      await created(admin, '/config/notification-settings', { NotificationSettingsId, Value: {} });
    }
    before = new Map();
    for (const r of originalExport) {
      const exported = (await admin.get(`/config/export/${r.resource}`)).body as OriginalRecord[];
      before.set(
        r.resource,
        exported.map((record) => ({ key: r.key(record), record })),
      );
    }
    expect(before.get('permissions')?.map((x) => x.key)).toEqual(['admin']);
  });
  afterEach(() => tp.close());

  async function importAll(): Promise<void> {
    for (const r of originalExport) {
      const res = await admin.put(`/config/import/${r.resource}?mode=merge`, r.records, undefined);
      expect(res.status)
        .withContext(`${r.resource}: ${JSON.stringify(res.body)}`)
        .toBe(200);
      expect(res.body.created).withContext(r.resource).toEqual(r.records.map(r.key));
    }
  }

  it('imports unchanged: each record and each export reads back as the original gave it', async () => {
    await importAll();
    for (const r of originalExport) {
      for (const record of r.records) {
        const res = await admin.get(r.path(r.key(record)));
        expect(res.status)
          .withContext(r.path(r.key(record)))
          .toBe(200);
        expect(res.body).withContext(r.resource).toEqual(keptHere(r.resource, record));
      }
      const exported = await admin.get(`/config/export/${r.resource}`);
      expect(exported.body)
        .withContext(r.resource)
        .toEqual(
          jasmine.arrayWithExactContents([
            ...before.get(r.resource)!.map((x) => x.record),
            ...r.records.map((x) => keptHere(r.resource, x)),
          ]),
        );
    }
  });

  it('exports again the same: its own export imports as unchanged and exports identically', async () => {
    await importAll();
    for (const r of originalExport) {
      const first = (await admin.get(`/config/export/${r.resource}`)).body;
      const again = await admin.put(`/config/import/${r.resource}?mode=merge`, first, undefined);
      expect(again.status).withContext(r.resource).toBe(200);
      expect(again.body)
        .withContext(r.resource)
        .toEqual({
          created: [],
          updated: [],
          unchanged: jasmine.arrayWithExactContents([
            ...before.get(r.resource)!.map((x) => x.key),
            ...r.records.map(r.key),
          ]),
          deleted: [],
        });
      expect((await admin.get(`/config/export/${r.resource}`)).body).toEqual(first);
    }
  });

  it('keeps the new fields through an update of the record', async () => {
    await importAll();
    const map = resourceNamed('deploymentmaps').records[0]!;
    const value = withField(map, 'Value.DeploymentTarget.0.Volumes', [{ Name: 'OS', Size: 80, Type: 'SSD' }])[
      'Value'
    ];
    const updated = await admin.put('/config/deployment-maps/Production', value, 1);
    expect(updated.status).withContext(JSON.stringify(updated.body)).toBe(200);
    const read = await admin.get('/config/deployment-maps/Production');
    expect(read.body).toEqual({ DeploymentMapName: 'Production', Value: value, Version: 2 });

    const type = resourceNamed('environmenttypes').records[0]!;
    const typeValue = withField(type, 'Value.LoadBalancers', ['prod-ttl-internal'])['Value'];
    expect((await admin.put('/config/environment-types/Prod', typeValue, 1)).status).toBe(200);
    expect((await admin.get('/config/environment-types/Prod')).body.Value).toEqual(typeValue);
  });

  it("keeps the original's permission rules through an update that adds a grant beside them", async () => {
    await importAll();
    const record = resourceNamed('permissions').records[0]!;
    const rules = record['Permissions'] as readonly object[];
    const grant = { Action: 'deploy', Clusters: ['Rubik'], EnvironmentTypes: ['Cluster'] };
    const res = await admin.put(`/config/permissions/${String(record['Name'])}`, [...rules, grant], 1);
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    const read = await admin.get(`/config/permissions/${String(record['Name'])}`);
    expect(read.body).toEqual({ Name: record['Name'], Permissions: [...rules, grant], Version: 2 });
    const exported = (await admin.get('/config/export/permissions')).body as { Name: string }[];
    expect(exported.find((p) => p.Name === record['Name'])).toEqual(read.body);
  });

  it('takes a record as the original read it back (Version, the environment type account) on create', async () => {
    for (const r of originalExport.filter((x) => x.resource !== 'environments')) {
      expect((await admin.put(`/config/import/${r.resource}?mode=merge`, r.records, undefined)).status).toBe(
        200,
      );
    }
    const { Audit: _audit, ...env } = resourceNamed('environments').records[0]!;
    const res = await admin.post('/config/environments', {
      ...env,
      AWSAccountNumber: '987654321098',
      Version: 6,
    });
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(201);
    expect((await admin.get('/config/environments/pr1')).body).toEqual({ ...env, Version: 1 });
    const account = await admin.post('/config/accounts', {
      AccountName: 'Sandbox',
      AccountNumber: 111122223333,
      IncludeAMIs: false,
      RoleArn: null,
      Version: '3',
    });
    expect(account.status).withContext(JSON.stringify(account.body)).toBe(201);
    expect(account.body.Version).toBe(1);
  });

  /** One unknown or mistyped field per record type, where the import must name it. */
  const refusals: { resource: string; path: string; value: unknown; message: string }[] = [
    { resource: 'accounts', path: 'Evil', value: 1, message: 'is not a known field' },
    { resource: 'accounts', path: 'Audit.Evil', value: 'x', message: 'is not a known field' },
    { resource: 'clusters', path: 'Value.Evil', value: 'x', message: 'is not a known field' },
    {
      resource: 'environmenttypes',
      path: 'Value.Consul.SecurityTokenPath.Evil',
      value: 'x',
      message: 'is not a known field',
    },
    {
      resource: 'environmenttypes',
      path: 'Value.Subnets.PrivateApp.Evil',
      value: 'x',
      message: 'is not a known field',
    },
    {
      resource: 'environmenttypes',
      path: 'Value.Consul.Port',
      value: '8500',
      message: 'Invalid input: expected number, received string',
    },
    { resource: 'services', path: 'Value.Evil', value: 'x', message: 'is not a known field' },
    {
      resource: 'deploymentmaps',
      path: 'Value.DeploymentTarget.0.Volumes.1.Evil',
      value: 'x',
      message: 'is not a known field',
    },
    {
      resource: 'deploymentmaps',
      path: 'Value.DeploymentTarget.1.Volumes.0.Size',
      value: 10001,
      message: 'Too big: expected number to be <=10000',
    },
    { resource: 'environments', path: 'Value.Evil', value: 'x', message: 'is not a known field' },
    { resource: 'permissions', path: 'Permissions.2.Evil', value: 'x', message: 'is not a known field' },
    {
      resource: 'permissions',
      path: 'Permissions.4.Clusters',
      value: ['rubik'],
      message: 'narrows a Resource rule: give Resource too',
    },
    {
      resource: 'permissions',
      path: 'Permissions.0.Access',
      value: 'FLY',
      message: 'must be GET, POST, PUT, PATCH, DELETE or ADMIN',
    },
    {
      resource: 'permissions',
      path: 'Permissions.2.EnvironmentTypes',
      value: 'every',
      message: 'must be "all" or a list of names',
    },
  ];

  it('refuses an import with one unknown or mistyped field, naming it, and writes nothing', async () => {
    const before = await tableCounts(tp);
    for (const f of refusals) {
      const r = resourceNamed(f.resource);
      const items = [withField(r.records[0]!, f.path, f.value), ...r.records.slice(1)];
      const res = await admin.put(`/config/import/${r.resource}?mode=merge`, items, undefined);
      expect(res.status).withContext(`${f.resource} ${f.path}`).toBe(400);
      expect(res.contentType).toContain('application/problem+json');
      expect(res.body.errors)
        .withContext(`${f.resource} ${f.path}`)
        .toEqual([{ field: `body.0.${f.path}`, message: f.message }]);
    }
    expect(await tableCounts(tp)).toEqual(before);
  });

  it('refuses a __proto__ key beside the Audit as the unknown field it is', async () => {
    const before = await tableCounts(tp);
    const record = JSON.stringify(resourceNamed('clusters').records[0]);
    const res = await admin.call('PUT', '/config/import/clusters?mode=merge', {
      raw: `[{"__proto__": {"admin": true}, ${record.slice(1)}]`,
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'body.0.__proto__', message: 'is not a known field' }]);
    expect(await tableCounts(tp)).toEqual(before);
  });

  it('refuses a create or an update with one unknown field, naming it, and writes nothing', async () => {
    const before = await tableCounts(tp);
    for (const f of refusals.filter((x) => !x.path.startsWith('Audit'))) {
      const r = resourceNamed(f.resource);
      const { Audit: _audit, ...body } = withField(r.records[0]!, f.path, f.value);
      const res = await admin.post(r.createPath, body);
      expect(res.status).withContext(`${f.resource} ${f.path}`).toBe(400);
      expect(res.body.errors)
        .withContext(`${f.resource} ${f.path}`)
        .toEqual([{ field: `body.${f.path}`, message: f.message }]);
    }
    const audited = await admin.post('/config/clusters', resourceNamed('clusters').records[0]);
    expect(audited.status).toBe(400);
    expect(audited.body.errors).toEqual([{ field: 'body.Audit', message: 'is not a known field' }]);
    expect(await tableCounts(tp)).toEqual(before);

    await importAll();
    const after = await tableCounts(tp);
    const type = resourceNamed('environmenttypes').records[0]!;
    const value = withField(type, 'Value.Consul.Evil', true)['Value'];
    const res = await admin.put('/config/environment-types/Prod', value, 1);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'body.Consul.Evil', message: 'is not a known field' }]);
    expect(await tableCounts(tp)).toEqual(after);
  });
});
