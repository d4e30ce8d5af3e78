import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { tableNames } from '../../../server/adapters/dynamodb/tables';
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

describe('deployment requests (POST /deployments) and their governance', () => {
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let team: string;
  let otherTeam: string;
  let nonProd: string;
  let prod: string;
  const svc: Record<string, string> = {};
  let env: string;
  let prodEnv: string;

  const role = (name: string, cluster: string, services: string[], fleetPerSlice = false) => ({
    ServerRoleName: name,
    OwningCluster: cluster,
    Services: services.map((ServiceName) => ({ ServiceName })),
    AutoScalingSettings: { MinCapacity: 1, DesiredCapacity: 2, MaxCapacity: 4 },
    InstanceType: 't3.small',
    FleetPerSlice: fleetPerSlice,
  });

  beforeAll(async () => {
    // an aws-sim without these groups: the dry run says so, and the engine is off in this spec
    sim = await startTestSim();
    tp = await startTestPortal({ awsEndpoint: sim.sim.endpoint });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    team = (await created(admin, '/config/clusters', aCluster({ shortName: 'co' }))).ClusterName;
    otherTeam = (await created(admin, '/config/clusters', aCluster({ shortName: 'ot' }))).ClusterName;
    nonProd = (await created(admin, '/config/environment-types', anEnvironmentType())).EnvironmentType;
    prod = (
      await created(admin, '/config/environment-types', anEnvironmentType({ protectedActions: ['deploy'] }))
    ).EnvironmentType;
    for (const [key, lifecycle] of [
      ['web', 'production'],
      ['shared', 'production'],
      ['bg', 'production'],
      ['old', 'deprecated'],
      ['gone', 'production'],
      ['unmapped', 'production'],
    ] as const) {
      svc[key] = (
        await created(admin, '/config/services', aService({ cluster: team, lifecycle }))
      ).ServiceName;
    }
    const map = await created(admin, '/config/deployment-maps', {
      DeploymentMapName: unique('map'),
      Value: {
        DeploymentTarget: [
          role('web', team, [svc['web']!, svc['shared']!, svc['old']!]),
          role('api', otherTeam, [svc['shared']!]),
          role('search', team, [svc['bg']!], true),
        ],
      },
    });
    await admin.delete(`/config/service/${svc['gone']}`, 1);
    env = (
      await created(
        admin,
        '/config/environments',
        anEnvironment({ type: nonProd, cluster: team, map: map.DeploymentMapName }),
      )
    ).EnvironmentName;
    prodEnv = (
      await created(
        admin,
        '/config/environments',
        anEnvironment({ type: prod, cluster: team, map: map.DeploymentMapName }),
      )
    ).EnvironmentName;
  });
  afterAll(async () => {
    await tp.close();
    await sim.close();
  });

  const deploymentItems = async () =>
    (
      await tp.portal.db.doc.send(
        new QueryCommand({
          TableName: tableNames(tp.tablePrefix).deployments,
          IndexName: 'Due',
          KeyConditionExpression: 'Active = :a',
          ExpressionAttributeValues: { ':a': 'active' },
        }),
      )
    ).Items ?? [];
  const request = (body: Record<string, unknown>) => ({ environment: env, version: '1.2.3', ...body });

  it('answers a dry run with what would happen and changes nothing', async () => {
    const before = await deploymentItems();
    const res = await admin.post('/deployments?dry_run=true', request({ service: svc['web'] }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      jasmine.objectContaining({
        environment: env,
        service: svc['web'],
        version: '1.2.3',
        mode: 'overwrite',
        slice: 'none',
        serverRole: 'web',
        owningCluster: team,
        autoScalingGroupName: `${env}-co-web`,
        requireApproval: false,
      }),
    );
    expect(res.body.steps).toContain('scale-out');
    expect(res.body.currentVersions).toEqual([]);
    expect(res.body.instances).toBeNull();
    expect(res.body.warnings).toEqual([`Auto Scaling group ${env}-co-web does not exist`]);
    expect(await deploymentItems()).toEqual(before);
    expect(
      (await admin.get(`/deployments?environment=${env}`)).body.filter(
        (d: any) => d.Value.ServiceName === svc['web'],
      ),
    ).toEqual([]);
  });

  it('accepts a deployment with 202, a Location, a Queued record, its steps and its log', async () => {
    const res = await admin.post(
      '/deployments',
      request({
        service: svc['bg'],
        mode: 'bg',
        slice: 'green',
        canarySteps: [10, 50, 100],
        bakeSeconds: 30,
        reason: 'release',
        ticket: 'OPS-42',
      }),
    );
    expect(res.status).toBe(202);
    const id = res.body.DeploymentID;
    expect(res.headers.get('location')).toBe(`/api/v1/deployments/${id}`);
    // the original's deployment object first: its scripts read `.id` to wait on the deployment
    expect(Object.keys(res.body).slice(0, 11)).toEqual([
      'id',
      'environmentName',
      'environmentTypeName',
      'serviceName',
      'serviceVersion',
      'serviceSlice',
      'serverRole',
      'serverRoleName',
      'clusterName',
      'accountName',
      'username',
    ]);
    expect(res.body).toEqual(
      jasmine.objectContaining({
        id,
        environmentName: env,
        environmentTypeName: nonProd,
        serviceName: svc['bg'],
        serviceVersion: '1.2.3',
        serviceSlice: 'green',
        serverRole: 'search-green',
        serverRoleName: 'search',
        clusterName: team,
        // the type names no AWS account
        accountName: null,
        username: 'admin',
      }),
    );
    expect(res.body.Value).toEqual(
      jasmine.objectContaining({
        EnvironmentName: env,
        ServiceName: svc['bg'],
        ServiceVersion: '1.2.3',
        ServiceSlice: 'green',
        DeploymentType: 'bg',
        AutoScalingGroupName: `${env}-co-search-green`,
        Status: 'Queued',
        User: 'admin',
        CanarySteps: [10, 50, 100],
        BakeSeconds: 30,
        Ticket: 'OPS-42',
      }),
    );
    expect(res.body.Value.Steps.map((s: { name: string }) => s.name)).toEqual([
      'prepare-inactive-slice',
      'scale-inactive-slice',
      'wait-for-inactive-slice',
      'shift-traffic-10',
      'bake-10',
      'shift-traffic-50',
      'bake-50',
      'shift-traffic-100',
      'keep-old-slice-warm',
      'scale-down-old-slice',
    ]);
    // the record the reply carries after the original's fields is the one stored
    const { DeploymentID, Value, Version } = res.body;
    expect((await admin.get(`/deployments/${id}`)).body).toEqual({ DeploymentID, Value, Version });
    const log = await admin.get(`/deployments/${id}/log`);
    expect(log.body[0].message).toContain(`${svc['bg']}@1.2.3`);
    const all = await admin.get('/deployments');
    expect(all.status).toBe(200);
    expect(all.body.map((d: any) => d.DeploymentID)).toContain(id);
    const listed = await admin.get(`/deployments?environment=${env}&service=${svc['bg']}&status=Queued`);
    expect(listed.body.map((d: any) => d.DeploymentID)).toEqual([id]);
    const cancelled = await admin.call('PATCH', `/deployments/${id}`, { body: { Status: 'Cancelled' } });
    expect(cancelled.body.Value.Status).toBe('Cancelled');
  });

  describe('refuses, with the reason', () => {
    const refusal = async (
      client: ApiClient,
      body: Record<string, unknown>,
      status: number,
      text: string,
    ) => {
      const before = await deploymentItems();
      const res = await client.post('/deployments', request(body));
      expect(res.status).withContext(JSON.stringify(res.body)).toBe(status);
      expect(res.contentType).toContain('application/problem+json');
      expect(JSON.stringify(res.body)).toContain(text);
      expect(await deploymentItems()).toEqual(before);
      return res.body;
    };

    it('a service not in the catalogue, or deleted from it', async () => {
      await refusal(admin, { service: 'NoSuchService' }, 404, 'is not in the catalogue');
      await refusal(admin, { service: svc['gone'] }, 404, 'was deleted');
    });

    it('a deprecated service', async () => {
      await refusal(admin, { service: svc['old'] }, 409, 'deprecated');
    });

    it('a service the environment map does not host, and an unknown environment', async () => {
      await refusal(admin, { service: svc['unmapped'] }, 404, 'has no server role hosting');
      await refusal(
        admin,
        { service: svc['web'], environment: 'nowhere' },
        404,
        'environment nowhere does not exist',
      );
    });

    it('a service on several roles without serverRole, naming the roles', async () => {
      const body = await refusal(admin, { service: svc['shared'] }, 400, 'several server roles');
      expect(body.errors).toEqual([{ field: 'body.serverRole', message: 'is required: one of web, api' }]);
      await refusal(admin, { service: svc['shared'], serverRole: 'search' }, 400, 'must be one of web, api');
    });

    it('a caller without deploy for the role cluster and environment type', async () => {
      const plain = await givenUser(admin);
      await refusal(plain, { service: svc['web'] }, 403, `permission for cluster ${team}`);
      const wrongTeam = await givenUser(admin, { grants: [{ Action: 'deploy', Clusters: [otherTeam] }] });
      await refusal(wrongTeam, { service: svc['web'] }, 403, 'deploy');
      const nonProdOnly = await givenUser(admin, {
        grants: [{ Action: 'deploy', Clusters: [team], EnvironmentTypes: [nonProd] }],
      });
      await refusal(
        nonProdOnly,
        { service: svc['web'], environment: prodEnv },
        403,
        `environment type ${prod}`,
      );
      const res = await nonProdOnly.post('/deployments?dry_run=true', request({ service: svc['web'] }));
      expect(res.status).toBe(200);
    });

    it('a locked environment with 423', async () => {
      const lockedEnv = (await admin.get(`/config/environments/${env}`)).body;
      const other = (
        await created(
          admin,
          '/config/environments',
          anEnvironment({ type: nonProd, cluster: team, map: lockedEnv.Value.DeploymentMap }),
        )
      ).EnvironmentName;
      await admin.put(`/environments/${other}/deploy-lock`, { DeploymentsLocked: true, Reason: 'Freeze' }, 0);
      await refusal(admin, { service: svc['web'], environment: other }, 423, 'locked');
    });

    // Pending until server/governance/deployability.ts builds its 423 with deployLockRefusal
    // (server/environments/deploy-lock-refusal.ts); then make this an `it`.
    it('a locked environment with 423 naming who locked it and why', async () => {
      const lockedEnv = (await admin.get(`/config/environments/${env}`)).body;
      const other = (
        await created(
          admin,
          '/config/environments',
          anEnvironment({ type: nonProd, cluster: team, map: lockedEnv.Value.DeploymentMap }),
        )
      ).EnvironmentName;
      const reason = 'Release freeze for the data-centre move';
      await admin.put(`/environments/${other}/deploy-lock`, { DeploymentsLocked: true, Reason: reason }, 0);
      const refused = await refusal(admin, { service: svc['web'], environment: other }, 423, 'locked');
      expect(refused.detail).toBe(`${other} is locked by admin: "${reason}"`);
    });

    it('an environment in a deployment freeze window, with 423 naming its end', async () => {
      const current = (await admin.get(`/config/environments/${env}`)).body;
      const start = new Date(Date.now() - 60_000).toISOString();
      const end = new Date(Date.now() + 3_600_000).toISOString();
      const frozen = await admin.put(
        `/config/environments/${env}`,
        { ...current.Value, FreezeWindows: [{ Start: start, End: end, Reason: 'peak sales' }] },
        current.Version,
      );
      expect(frozen.status).toBe(200);
      try {
        await refusal(admin, { service: svc['web'] }, 423, 'peak sales');
      } finally {
        await admin.put(`/config/environments/${env}`, current.Value, frozen.body.Version);
      }
      const bad = await admin.put(
        `/config/environments/${env}`,
        { ...current.Value, FreezeWindows: [{ Start: end, End: start }] },
        frozen.body.Version + 1,
      );
      expect(bad.body.errors[0].field).toBe('body.FreezeWindows.0.End');
    });

    it('modes and slices that disagree', async () => {
      await refusal(admin, { service: svc['web'], slice: 'blue' }, 400, 'body.slice');
      await refusal(admin, { service: svc['bg'], mode: 'bg' }, 400, 'must be blue or green');
      await refusal(admin, { service: svc['web'], mode: 'bg', slice: 'blue' }, 400, 'FleetPerSlice');
      await refusal(admin, { service: svc['web'], canarySteps: [50, 100] }, 400, 'needs mode bg');
      await refusal(
        admin,
        { service: svc['bg'], mode: 'bg', slice: 'blue', canarySteps: [50, 20] },
        400,
        'body.canarySteps',
      );
      await refusal(admin, { service: svc['web'], version: '1.0 beta' }, 400, 'body.version');
      await refusal(admin, { service: svc['web'], force: true }, 400, 'body.force');
    });
  });

  it('needs approval in a protected environment type from a deployer who may not approve', async () => {
    const deployer = await givenUser(admin, { grants: [{ Action: 'deploy', Clusters: [team] }] });
    const res = await deployer.post(
      '/deployments?dry_run=true',
      request({ service: svc['web'], environment: prodEnv }),
    );
    expect(res.body.requireApproval).toBeTrue();
    expect(res.body.steps[0]).toBe('await-approval');
    const approver = await givenUser(admin, {
      grants: [
        { Action: 'deploy', Clusters: [team] },
        { Action: 'approve-deployments', Clusters: [team] },
      ],
    });
    expect(
      (
        await approver.post(
          '/deployments?dry_run=true',
          request({ service: svc['web'], environment: prodEnv }),
        )
      ).body.requireApproval,
    ).toBeFalse();
  });

  it('accepts exactly one of 20 concurrent requests for one service and environment across two portal processes', async () => {
    const second = await startTestPortal({ tablePrefix: tp.tablePrefix, awsEndpoint: sim.sim.endpoint });
    try {
      const other = await new ApiClient(second.baseUrl).signIn('admin', ADMIN_PASSWORD);
      const body = request({ service: svc['web'] });
      const replies = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? other : admin).post('/deployments', body)),
      );
      const statuses = replies.map((r) => r.status);
      expect(statuses.filter((s) => s === 202).length).toBe(1);
      expect(statuses.filter((s) => s === 409).length).toBe(19);
      const winner = replies.find((r) => r.status === 202)!.body.DeploymentID;
      expect(replies.find((r) => r.status === 409)!.body.detail).toContain(winner);
      const cancel = await admin.call('PATCH', `/deployments/${winner}`, { body: { Status: 'Cancelled' } });
      expect(cancel.status).toBe(200);
      expect(
        (await admin.call('PATCH', `/deployments/${winner}`, { body: { Status: 'Cancelled' } })).status,
      ).toBe(409);
      const again = await admin.post('/deployments', body);
      expect(again.status).toBe(202);
      // leaves the role's group free for the specs after this one
      await admin.call('PATCH', `/deployments/${again.body.id}`, { body: { Status: 'Cancelled' } });
    } finally {
      await second.close();
    }
  });

  it('lets only a deployer of the target cancel, and pages the history with a Link', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const d = await admin.post('/deployments', request({ service: svc['bg'], mode: 'bg', slice: 'blue' }));
      expect(d.status).toBe(202);
      ids.unshift(d.body.DeploymentID);
      const plain = await givenUser(admin);
      expect(
        (await plain.call('PATCH', `/deployments/${d.body.DeploymentID}`, { body: { Status: 'Cancelled' } }))
          .status,
      ).toBe(403);
      expect(
        (await admin.call('PATCH', `/deployments/${d.body.DeploymentID}`, { body: { Status: 'Cancelled' } }))
          .status,
      ).toBe(200);
    }
    const first = await admin.get(`/deployments?service=${svc['bg']}&status=Cancelled&per_page=2`);
    expect(first.body.length).toBe(2);
    const link = /<\/api\/v1([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')![1]!;
    const rest = await admin.get(link);
    const seen = [...first.body, ...rest.body].map((d: any) => d.DeploymentID);
    expect(seen.slice(0, 3)).toEqual(ids);
  });

  it('keeps two services of one role from changing its Auto Scaling group at once', async () => {
    const first = await admin.post('/deployments', request({ service: svc['shared'], serverRole: 'web' }));
    expect(first.status).toBe(202);
    const group = first.body.Value.Resources.AutoScalingGroup;
    const lock = async () =>
      (
        await tp.portal.db.doc.send(
          new GetCommand({
            TableName: tableNames(tp.tablePrefix).deployments,
            Key: { PK: `LOCK#GROUP#${group}`, SK: 'LOCK' },
            ConsistentRead: true,
          }),
        )
      ).Item;
    expect(await lock()).toEqual(jasmine.objectContaining({ DeploymentID: first.body.id }));
    // another service on the same role: its deployment would patch the same group
    const other = await admin.post('/deployments', request({ service: svc['web'] }));
    expect(other.status).toBe(409);
    expect(other.body.detail).toContain(first.body.id);
    expect(other.body.detail).toContain(group);
    const cancel = await admin.call('PATCH', `/deployments/${first.body.id}`, {
      body: { Status: 'Cancelled' },
    });
    expect(cancel.status).toBe(200);
    expect(await lock()).toBeUndefined();
  });
});
