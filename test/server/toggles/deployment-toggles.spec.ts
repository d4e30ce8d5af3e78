import { DescribeListenersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { eventually, startTestSim, type TestSim } from '../../aws-sim/support/test-sim';
import { anEnvironmentType, created, givenUser, unique } from '../../fixtures/builders';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { givenFleetEstate, type FleetEstate } from '../fleet/support/fleet-estate';

interface Setting {
  environment: string;
  state: string;
  percentage?: number;
  include: { users: string[]; groups: string[] };
  deploymentId?: string;
  pending: { state: string; reason: string; requestedBy: string } | null;
  reason: string;
  version: number;
}

/**
 * Feature toggles tied to deployments: a deployment request carries toggle changes of its service in its
 * environment, checked and authorized when it is asked for, applied by the engine only when it ends
 * Success (linked both ways), never on a rollback; a blue/green canary can move one toggle with its weights.
 * Against aws-sim through the SDK, with the records in DynamoDB Local.
 */
describe('feature toggles tied to deployments', () => {
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let estate: FleetEstate;

  beforeAll(async () => {
    sim = await startTestSim();
    tp = await startTestPortal({ awsEndpoint: sim.sim.endpoint, engineTickMs: 40 });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    estate = await givenFleetEstate(admin, sim);
  }, 60_000);
  afterAll(async () => {
    await tp.close();
    await sim.close();
  });
  afterEach(async () => {
    await sim.control('DELETE', '/_sim/faults');
  });

  async function aToggle(service: string): Promise<string> {
    const name = unique('flag').toLowerCase();
    const res = await admin.post('/feature-toggles', { service, name });
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(201);
    return name;
  }
  const settingOf = async (service: string, name: string): Promise<Setting | undefined> =>
    ((await admin.get(`/feature-toggles/${service}/${name}`)).body.environments as Setting[]).find(
      (e) => e.environment === estate.environment,
    );
  const deployWeb = (body: Record<string, unknown>, client = admin) =>
    client.post('/deployments', { environment: estate.environment, service: estate.webService, ...body });
  const deployApi = (body: Record<string, unknown>, client = admin) =>
    client.post('/deployments', {
      environment: estate.environment,
      service: estate.apiService,
      mode: 'bg',
      slice: 'green',
      ...body,
    });
  const accepted = async (res: { status: number; body: any }): Promise<string> => {
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(202);
    return res.body.DeploymentID as string;
  };
  const finished = (id: string) =>
    eventually(
      `deployment ${id} to end`,
      async () => {
        const d = (await admin.get(`/deployments/${id}`)).body;
        return ['Success', 'Failed', 'Cancelled', 'Rolled Back', 'Rollback Failed'].includes(d.Value.Status)
          ? d
          : undefined;
      },
      60_000,
    );
  const greenWeight = async (): Promise<number> => {
    const l = await sim.elbv2.send(new DescribeListenersCommand({ ListenerArns: [estate.listenerArn] }));
    const groups = l.Listeners![0]!.DefaultActions![0]!.ForwardConfig!.TargetGroups!;
    return groups.find((g) => g.TargetGroupArn === estate.targetGroups.green)!.Weight ?? 0;
  };
  /** The toggle's audit history in the environment, oldest first. */
  const history = async (service: string, name: string) => {
    const res = await admin.get('/audit?Entity.Type=FeatureToggleState&per_page=1000');
    const entries = (res.body.Items ?? res.body) as {
      Entity: { Key: string; Version: number };
      TransactionID: string;
      ChangedBy: string;
      NewValue: { State: string; Percentage?: number; DeploymentId?: string; Reason: string };
    }[];
    return entries
      .filter((e) => e.Entity.Key === `${service}/${name}/${estate.environment}`)
      .sort((a, b) => a.Entity.Version - b.Entity.Version);
  };
  const deploymentsOf = async (service: string) =>
    ((await admin.get(`/deployments?service=${service}`)).body as unknown[]).length;

  it('shows the toggle changes in a dry run, with the setting now, and writes nothing', async () => {
    const name = await aToggle(estate.webService);
    const before = await deploymentsOf(estate.webService);
    const dry = await admin.post('/deployments?dry_run=true', {
      environment: estate.environment,
      service: estate.webService,
      version: '1.5.0',
      toggles: [{ name, state: 'percentage', percentage: 5, include: { users: ['alice'] } }],
    });
    expect(dry.status).withContext(JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.featureToggles).toEqual([
      {
        name,
        state: 'percentage',
        percentage: 5,
        include: { users: ['alice'], groups: [] },
        exclude: { users: [], groups: [] },
        current: null,
        onSuccess: 'applied',
      },
    ]);
    expect(dry.body.steps[dry.body.steps.length - 1]).toBe('apply-feature-toggles');
    expect(await deploymentsOf(estate.webService)).toBe(before);
    expect(await settingOf(estate.webService, name)).toBeUndefined();
  });

  it('refuses toggles that are not live toggles of the service, naming the field, with nothing written', async () => {
    const ours = await aToggle(estate.webService);
    const theirs = await aToggle(estate.apiService);
    const archived = await aToggle(estate.webService);
    expect((await admin.delete(`/feature-toggles/${estate.webService}/${archived}`, undefined)).status).toBe(
      200,
    );
    const before = await deploymentsOf(estate.webService);
    for (const [toggles, extra, fields] of [
      [[{ name: 'no-such-flag', state: 'on' }], {}, ['body.toggles.0.name']],
      [
        [
          { name: ours, state: 'on' },
          { name: theirs, state: 'on' },
        ],
        {},
        ['body.toggles.1.name'],
      ],
      [[{ name: archived, state: 'off' }], {}, ['body.toggles.0.name']],
      [
        [
          { name: ours, state: 'on' },
          { name: ours, state: 'off' },
        ],
        {},
        ['body.toggles.1.name'],
      ],
      [[{ name: ours, state: 'percentage' }], {}, ['body.toggles.0.percentage']],
      [[{ name: 'Bad Name', state: 'on' }], {}, ['body.toggles.0.name']],
      [undefined, { canaryToggle: ours }, ['body.canaryToggle']],
    ] as const) {
      for (const dryRun of ['?dry_run=true', '']) {
        const res = await admin.post(`/deployments${dryRun}`, {
          environment: estate.environment,
          service: estate.webService,
          version: '1.6.0',
          ...(toggles ? { toggles } : {}),
          ...extra,
        });
        const context = JSON.stringify({ toggles, extra, dryRun, body: res.body });
        expect(res.status).withContext(context).toBe(400);
        expect(res.body.errors.map((e: { field: string }) => e.field))
          .withContext(context)
          .toEqual(fields);
      }
    }
    expect(await deploymentsOf(estate.webService)).toBe(before);
    expect(await settingOf(estate.webService, ours)).toBeUndefined();
  });

  it("needs manage-feature-toggles for the service's team and the environment type (403), with nothing written", async () => {
    const name = await aToggle(estate.webService);
    const deployer = await givenUser(admin, {
      grants: [{ Action: 'deploy', Clusters: [estate.cluster], EnvironmentTypes: [estate.type] }],
    });
    const otherType = (await created(admin, '/config/environment-types', anEnvironmentType()))
      .EnvironmentType as string;
    const elsewhere = await givenUser(admin, {
      grants: [
        { Action: 'deploy', Clusters: [estate.cluster], EnvironmentTypes: [estate.type] },
        { Action: 'manage-feature-toggles', Clusters: [estate.cluster], EnvironmentTypes: [otherType] },
      ],
    });
    const before = await deploymentsOf(estate.webService);
    for (const client of [deployer, elsewhere]) {
      for (const dryRun of ['?dry_run=true', '']) {
        const res = await client.post(`/deployments${dryRun}`, {
          environment: estate.environment,
          service: estate.webService,
          version: '1.6.0',
          toggles: [{ name, state: 'on' }],
        });
        expect(res.status).withContext(JSON.stringify(res.body)).toBe(403);
        expect(res.body.detail).toContain('manage-feature-toggles');
      }
    }
    // the deploy permission alone is enough for a deployment without toggles
    const plain = await deployer.post('/deployments?dry_run=true', {
      environment: estate.environment,
      service: estate.webService,
      version: '1.6.0',
    });
    expect(plain.status).toBe(200);
    expect(await deploymentsOf(estate.webService)).toBe(before);
    expect(await settingOf(estate.webService, name)).toBeUndefined();
  });

  it('does not apply them when the deployment rolls back, and the record says so', async () => {
    const name = await aToggle(estate.apiService);
    await sim.control('PUT', '/_sim/faults/unhealthy-versions', [
      { service: estate.apiService, version: '6.6.6' },
    ]);
    const id = await accepted(
      await deployApi({
        version: '6.6.6',
        canarySteps: [10, 100],
        bakeSeconds: 1,
        toggles: [{ name, state: 'on' }],
      }),
    );
    const d = await finished(id);
    expect(d.Value.Status).toBe('Rolled Back');
    expect(d.Value.FeatureToggles.Changes).toEqual([jasmine.objectContaining({ Name: name, State: 'on' })]);
    expect(d.Value.FeatureToggles.Outcome).toEqual({
      Applied: false,
      Reason: 'not applied: the deployment ended Rolled Back',
      Settings: [],
    });
    expect(d.Value.Steps.find((s: { name: string }) => s.name === 'apply-feature-toggles').status).toBe(
      'pending',
    );
    expect(await settingOf(estate.apiService, name)).toBeUndefined();
    expect(await history(estate.apiService, name)).toEqual([]);
  }, 90_000);

  it('puts the canary toggle back as it was when the deployment rolls back', async () => {
    const name = await aToggle(estate.apiService);
    const path = `/feature-toggles/${estate.apiService}/${name}/environments/${estate.environment}`;
    const set = await admin.put(
      path,
      { state: 'percentage', percentage: 3, include: { users: ['alice'] }, reason: 'a few' },
      0,
    );
    expect(set.status).toBe(200);
    const id = await accepted(
      await deployApi({ version: '7.0.0', canarySteps: [10, 50, 100], bakeSeconds: 3, canaryToggle: name }),
    );
    await eventually('the toggle at 10%', async () => {
      const s = await settingOf(estate.apiService, name);
      return s?.percentage === 10 && (await greenWeight()) === 10 ? true : undefined;
    });
    await sim.control('PUT', '/_sim/faults/unhealthy-versions', [
      { service: estate.apiService, version: '7.0.0' },
    ]);
    const d = await finished(id);
    expect(d.Value.Status).toBe('Rolled Back');
    const back = (await settingOf(estate.apiService, name))!;
    expect(back).toEqual(
      jasmine.objectContaining({
        state: 'percentage',
        percentage: 3,
        include: { users: ['alice'], groups: [] },
      }),
    );
    expect(back.deploymentId).toBeUndefined();
    const written = await history(estate.apiService, name);
    expect(written.map((e) => e.NewValue.Percentage)).toEqual([3, 10, 3]);
    expect(written[1]!.NewValue.DeploymentId).toBe(id);
    expect(d.Value.FeatureToggles.Outcome.Applied).toBeFalse();
  }, 90_000);

  it('moves the canary toggle with the traffic weights, on at 100, linked to the deployment', async () => {
    const name = await aToggle(estate.apiService);
    const id = await accepted(
      await deployApi({ version: '3.0.0', canarySteps: [10, 50, 100], bakeSeconds: 1, canaryToggle: name }),
    );
    const d = await finished(id);
    expect(d.Value.Status).withContext(d.Value.ErrorReason).toBe('Success');
    const written = await history(estate.apiService, name);
    expect(written.map((e) => [e.NewValue.State, e.NewValue.Percentage])).toEqual([
      ['percentage', 10],
      ['percentage', 50],
      ['on', undefined],
    ]);
    expect(written.every((e) => e.NewValue.DeploymentId === id)).toBeTrue();
    const steps = d.Value.Steps.map((s: { name: string }) => s.name);
    // each toggle step right after its traffic shift
    expect(steps.indexOf('canary-toggle-10')).toBe(steps.indexOf('shift-traffic-10') + 1);
    expect(steps.indexOf('canary-toggle-100')).toBe(steps.indexOf('shift-traffic-100') + 1);
    expect(await settingOf(estate.apiService, name)).toEqual(
      jasmine.objectContaining({ state: 'on', deploymentId: id }),
    );
    expect(d.Value.FeatureToggles.Outcome.Settings).toEqual([
      jasmine.objectContaining({ Name: name, Result: 'applied' }),
    ]);
  }, 90_000);

  it('applies them when the deployment ends Success: the setting carries its id, the record links the setting, the history leads back', async () => {
    const dark = await aToggle(estate.webService);
    const off = await aToggle(estate.webService);
    const id = await accepted(
      await deployWeb({
        version: '2.4.0',
        toggles: [
          { name: dark, state: 'percentage', percentage: 5, exclude: { groups: ['staff'] } },
          { name: off, state: 'off' },
        ],
      }),
    );
    // nothing before the deployment ends
    expect(await settingOf(estate.webService, dark)).toBeUndefined();
    const d = await finished(id);
    expect(d.Value.Status).withContext(d.Value.ErrorReason).toBe('Success');
    const setting = (await settingOf(estate.webService, dark))!;
    expect(setting).toEqual(
      jasmine.objectContaining({
        state: 'percentage',
        percentage: 5,
        exclude: { users: [], groups: ['staff'] },
        deploymentId: id,
        reason: `deployment ${id} succeeded`,
        version: 1,
        pending: null,
      }),
    );
    expect((await settingOf(estate.webService, off))!.deploymentId).toBe(id);
    expect(d.Value.FeatureToggles.Outcome).toEqual({
      Applied: true,
      Reason: 'the deployment succeeded: 2 applied, 0 waiting for approval, 0 refused',
      Settings: [
        {
          Name: dark,
          Result: 'applied',
          SettingVersion: 1,
          Link: `/api/v1/feature-toggles/${estate.webService}/${dark}`,
          Detail: `deployment ${id} succeeded`,
        },
        jasmine.objectContaining({ Name: off, Result: 'applied', SettingVersion: 1 }),
      ],
    });
    const [entry] = await history(estate.webService, dark);
    expect(entry!.TransactionID).toBe(`deployment-${id}`);
    expect(entry!.ChangedBy).toBe('admin');
    expect(entry!.NewValue.DeploymentId).toBe(id);
    const evaluated = await admin.get(
      `/feature-toggles/evaluate?service=${estate.webService}&environment=${estate.environment}&userId=u1&groups=staff`,
    );
    expect(evaluated.body[dark]).toBeFalse();
  }, 90_000);

  it("where the type protects toggle changes: the deployment's approver is the second person; without one the change waits", async () => {
    const type = (await admin.get(`/config/environment-types/${estate.type}`)).body;
    const protect = await admin.put(
      `/config/environment-types/${estate.type}`,
      { ...type.Value, ProtectedActions: ['manage-feature-toggles'] },
      type.Version,
    );
    expect(protect.status).withContext(JSON.stringify(protect.body)).toBe(200);
    const approvedFlag = await aToggle(estate.webService);
    const waitingFlag = await aToggle(estate.webService);
    const scope = { Clusters: [estate.cluster], EnvironmentTypes: [estate.type] };
    const approverWithoutToggles = await givenUser(admin, {
      grants: [{ Action: 'approve-deployments', ...scope }],
    });
    const approverName = unique('approver');
    const approver = await givenUser(admin, {
      username: approverName,
      grants: [
        { Action: 'approve-deployments', ...scope },
        { Action: 'manage-feature-toggles', ...scope },
      ],
    });

    const dry = await admin.post('/deployments?dry_run=true', {
      environment: estate.environment,
      service: estate.webService,
      version: '2.5.0',
      toggles: [{ name: waitingFlag, state: 'on' }],
    });
    expect(dry.body.featureToggles[0].onSuccess).toBe('pending');

    const approved = await accepted(
      await deployWeb({
        version: '2.5.0',
        requireApproval: true,
        toggles: [{ name: approvedFlag, state: 'on' }],
      }),
    );
    // approving it approves its toggle changes: that needs manage-feature-toggles too
    expect((await approverWithoutToggles.post(`/deployments/${approved}/approve`, undefined)).status).toBe(
      403,
    );
    expect((await approver.post(`/deployments/${approved}/approve`, undefined)).status).toBe(200);
    const d1 = await finished(approved);
    expect(d1.Value.Status).withContext(d1.Value.ErrorReason).toBe('Success');
    const applied = (await settingOf(estate.webService, approvedFlag))!;
    expect(applied).toEqual(jasmine.objectContaining({ state: 'on', deploymentId: approved, pending: null }));
    expect(applied.reason).toContain(`approved by ${approverName}`);

    const unapproved = await accepted(
      await deployWeb({ version: '2.6.0', toggles: [{ name: waitingFlag, state: 'on' }] }),
    );
    const d2 = await finished(unapproved);
    expect(d2.Value.Status).withContext(d2.Value.ErrorReason).toBe('Success');
    const waiting = (await settingOf(estate.webService, waitingFlag))!;
    expect(waiting.state).toBe('off');
    expect(waiting.pending).toEqual(
      jasmine.objectContaining({
        state: 'on',
        reason: `deployment ${unapproved} succeeded`,
        requestedBy: 'admin',
      }),
    );
    expect(d2.Value.FeatureToggles.Outcome.Settings).toEqual([
      jasmine.objectContaining({ Name: waitingFlag, Result: 'pending' }),
    ]);
    // someone else approves it on the toggle, as any waiting change
    const ok = await approver.post(
      `/feature-toggles/${estate.webService}/${waitingFlag}/environments/${estate.environment}/approve`,
      undefined,
      { headers: { 'expected-version': String(waiting.version) } },
    );
    expect(ok.status).withContext(JSON.stringify(ok.body)).toBe(200);
  }, 120_000);
});
