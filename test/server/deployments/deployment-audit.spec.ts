import { DynamoDbDeploymentStore } from '../../../server/adapters/dynamodb/dynamodb-deployment-store';
import { tableNames } from '../../../server/adapters/dynamodb/tables';
import { ConflictError } from '../../../server/errors/domain-errors';
import {
  aCluster,
  anEnvironment,
  anEnvironmentType,
  aService,
  created,
  givenUser,
  unique,
} from '../../fixtures/builders';
import { startTestSim, type TestSim } from '../../aws-sim/support/test-sim';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';

interface Entry {
  AuditID: string;
  Entity: { Type: string; Key: string; Version: number };
  ChangeType: string;
  OldValue: Record<string, unknown> | null;
  NewValue: Record<string, unknown> | null;
  ChangedBy: string;
  Source: string;
}

describe('deployments in the audit trail', () => {
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let team: string;
  let service: string;
  let env: string;
  let prodEnv: string;

  beforeAll(async () => {
    // the engine is off: only the users' changes write to the deployments
    sim = await startTestSim();
    tp = await startTestPortal({ awsEndpoint: sim.sim.endpoint });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    team = (await created(admin, '/config/clusters', aCluster({ shortName: 'au' }))).ClusterName;
    const nonProd = (await created(admin, '/config/environment-types', anEnvironmentType())).EnvironmentType;
    const prod = (
      await created(admin, '/config/environment-types', anEnvironmentType({ protectedActions: ['deploy'] }))
    ).EnvironmentType;
    service = (await created(admin, '/config/services', aService({ cluster: team }))).ServiceName;
    const map = await created(admin, '/config/deployment-maps', {
      DeploymentMapName: unique('map'),
      Value: {
        DeploymentTarget: [
          {
            ServerRoleName: 'web',
            OwningCluster: team,
            Services: [{ ServiceName: service }],
            AutoScalingSettings: { MinCapacity: 1, DesiredCapacity: 2, MaxCapacity: 4 },
            InstanceType: 't3.small',
          },
        ],
      },
    });
    const environment = async (type: string) =>
      (
        await created(
          admin,
          '/config/environments',
          anEnvironment({ type, cluster: team, map: map.DeploymentMapName }),
        )
      ).EnvironmentName as string;
    env = await environment(nonProd);
    prodEnv = await environment(prod);
  });
  afterAll(async () => {
    await tp.close();
    await sim.close();
  });

  const usernameOf = async (client: ApiClient) => (await client.get('/me')).body.username as string;
  const entriesOf = async (id: string): Promise<Entry[]> =>
    (await admin.get(`/audit?Entity.Type=Deployment&Entity.Key=${id}`)).body;
  const deploymentEntryCount = async () =>
    (await admin.get('/audit?Entity.Type=Deployment&per_page=1000')).body.length as number;
  const cancel = (client: ApiClient, id: string) =>
    client.call('PATCH', `/deployments/${id}`, { body: { Status: 'Cancelled' } });

  it('records a request as Created by its requester, and its approval and cancellation as Updated by who did them', async () => {
    const deployer = await givenUser(admin, { grants: [{ Action: 'deploy', Clusters: [team] }] });
    const approver = await givenUser(admin, {
      grants: [
        { Action: 'deploy', Clusters: [team] },
        { Action: 'approve-deployments', Clusters: [team] },
      ],
    });
    const [deployerName, approverName] = [await usernameOf(deployer), await usernameOf(approver)];
    const res = await deployer.post('/deployments', {
      environment: prodEnv,
      service,
      version: '2.0.1',
      reason: 'quarterly release',
      ticket: 'OPS-77',
    });
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(202);
    const id = res.body.DeploymentID as string;

    const [createdEntry, ...none] = await entriesOf(id);
    expect(none).toEqual([]);
    const requested = {
      EnvironmentName: prodEnv,
      ServiceName: service,
      ServiceVersion: '2.0.1',
      ServerRoleName: 'web',
      DeploymentType: 'overwrite',
      ServiceSlice: 'none',
      Status: 'Queued',
      RequireApproval: true,
      Reason: 'quarterly release',
      Ticket: 'OPS-77',
    };
    expect(createdEntry).toEqual(
      jasmine.objectContaining({
        Entity: { Type: 'Deployment', Key: id, Version: 1 },
        ChangeType: 'Created',
        ChangedBy: deployerName,
        Source: 'api',
        OldValue: null,
        // a summary: not the steps, progress or timings
        NewValue: requested,
      }),
    );

    expect((await approver.post(`/deployments/${id}/approve`, {})).status).toBe(200);
    const [approved] = await entriesOf(id);
    expect(approved).toEqual(
      jasmine.objectContaining({
        Entity: { Type: 'Deployment', Key: id, Version: 2 },
        ChangeType: 'Updated',
        ChangedBy: approverName,
        OldValue: requested,
        NewValue: { ...requested, ApprovedBy: approverName },
      }),
    );

    expect((await cancel(approver, id)).status).toBe(200);
    const [cancelled] = await entriesOf(id);
    expect(cancelled!.ChangeType).toBe('Updated');
    expect(cancelled!.Entity.Version).toBe(3);
    expect(cancelled!.OldValue).toEqual({ ...requested, ApprovedBy: approverName });
    expect(cancelled!.NewValue).toEqual({ ...requested, ApprovedBy: approverName, Status: 'Cancelled' });

    const byApprover: Entry[] = (await admin.get(`/audit?ChangedBy=${approverName}`)).body;
    expect(byApprover.map((e) => [e.Entity.Type, e.Entity.Key, e.ChangeType])).toEqual([
      ['Deployment', id, 'Updated'],
      ['Deployment', id, 'Updated'],
    ]);
    const byDeployer: Entry[] = (await admin.get(`/audit?ChangedBy=${deployerName}`)).body;
    expect(byDeployer.map((e) => [e.Entity.Type, e.Entity.Key, e.ChangeType])).toEqual([
      ['Deployment', id, 'Created'],
    ]);
  });

  it('records a rollback request as Updated with who asked for it', async () => {
    const res = await admin.post('/deployments', { environment: env, service, version: '2.0.2' });
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(202);
    const id = res.body.DeploymentID as string;
    try {
      expect((await admin.post(`/deployments/${id}/rollback`, {})).status).toBe(200);
      const [rollback] = await entriesOf(id);
      expect(rollback).toEqual(
        jasmine.objectContaining({ ChangeType: 'Updated', ChangedBy: 'admin', Entity: jasmine.anything() }),
      );
      expect(rollback!.OldValue!['RollbackRequestedBy']).toBeUndefined();
      expect(rollback!.NewValue!['RollbackRequestedBy']).toBe('admin');
    } finally {
      expect((await cancel(admin, id)).status).toBe(200);
    }
  });

  it('writes no entry for a refused request or change', async () => {
    const running = await admin.post('/deployments', { environment: env, service, version: '2.0.3' });
    expect(running.status).withContext(JSON.stringify(running.body)).toBe(202);
    const id = running.body.DeploymentID as string;
    try {
      const before = await deploymentEntryCount();
      const again = await admin.post('/deployments', { environment: env, service, version: '2.0.4' });
      expect(again.status).toBe(409);
      const plain = await givenUser(admin);
      expect((await plain.post('/deployments', { environment: env, service, version: '2.0.4' })).status).toBe(
        403,
      );
      expect((await cancel(plain, id)).status).toBe(403);
      expect((await admin.post(`/deployments/${id}/approve`, {})).status).toBe(409);
      // a stale version fails the whole transaction: the deployment write and its audit entry
      const store = new DynamoDbDeploymentStore(tp.portal.db, tableNames(tp.tablePrefix));
      const stored = (await store.get(id))!;
      const actor = { username: 'admin', requestId: 'req-stale', source: 'api' } as const;
      await expectAsync(
        store.save(
          { ...stored, version: stored.version + 5 },
          { ...stored.value, ApprovedBy: 'admin' },
          { audit: { actor, changeType: 'Updated', previous: stored.value } },
        ),
      ).toBeRejectedWithError(ConflictError, /is stale/);
      expect(await deploymentEntryCount()).toBe(before);
      expect((await store.get(id))!.version).toBe(stored.version);
    } finally {
      expect((await cancel(admin, id)).status).toBe(200);
    }
  });
});
