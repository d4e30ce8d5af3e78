import { FREEZE_WINDOW_PROBLEM } from '@shared/governance/break-glass';
import { aCluster, created, givenUser } from '../../fixtures/builders';
import { startTestSim, type TestSim } from '../../aws-sim/support/test-sim';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { givenFleetEstate, type FleetEstate } from '../fleet/support/fleet-estate';

/** `HH:MM` in UTC, minutes from now: a daily window around the present moment. */
function utcMoment(minutesFromNow: number): string {
  return new Date(Date.now() + minutesFromNow * 60_000).toISOString().slice(11, 16);
}

/**
 * Freeze windows on environments and environment types refuse deployments and image patches (423 naming
 * the window); break-glass, with a reason and its own grant, lets one through, recorded and audited.
 */
describe('freeze windows and break-glass (POST /deployments, POST /patches)', () => {
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let estate: FleetEstate;
  let deployer: ApiClient;
  let breaker: ApiClient;
  let breakerName: string;

  const releaseFreeze = () => ({
    Name: 'Release freeze',
    Start: new Date(Date.now() - 60_000).toISOString(),
    End: new Date(Date.now() + 3_600_000).toISOString(),
    Reason: 'the data-centre move',
  });
  const setWindows = async (path: string, windows: unknown[] | undefined) => {
    const current = (await admin.get(path)).body;
    const res = await admin.put(path, { ...current.Value, FreezeWindows: windows }, current.Version);
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
  };
  const environmentPath = () => `/config/environments/${estate.environment}`;
  const typePath = () => `/config/environment-types/${estate.type}`;
  const deploy = (body: Record<string, unknown> = {}, as: ApiClient = admin, dryRun = false) =>
    as.post(`/deployments${dryRun ? '?dry_run=true' : ''}`, {
      environment: estate.environment,
      service: estate.webService,
      version: '1.1.0',
      ...body,
    });
  const patch = (body: Record<string, unknown> = {}, as: ApiClient = admin, dryRun = false) =>
    as.post(`/patches${dryRun ? '?dry_run=true' : ''}`, { environment: estate.environment, ...body });
  const activeDeployments = async () =>
    (await admin.get(`/deployments?environment=${estate.environment}`)).body.filter(
      (d: { Value: { Status: string } }) => d.Value.Status === 'Queued',
    ).length;

  beforeAll(async () => {
    sim = await startTestSim();
    tp = await startTestPortal({ awsEndpoint: sim.sim.endpoint });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    estate = await givenFleetEstate(admin, sim);
    const scope = { Clusters: [estate.cluster], EnvironmentTypes: [estate.type] };
    deployer = await givenUser(admin, {
      grants: [
        { Action: 'deploy', ...scope },
        { Action: 'patch-images', ...scope },
      ],
    });
    breakerName = `breaker-${Date.now()}`;
    breaker = await givenUser(admin, {
      username: breakerName,
      grants: [
        { Action: 'deploy', ...scope },
        { Action: 'patch-images', ...scope },
        { Action: 'break-glass', ...scope },
      ],
    });
  });
  afterAll(async () => {
    await tp.close();
    await sim.close();
  });

  describe("inside the environment's one-off window", () => {
    beforeAll(() => setWindows(environmentPath(), [releaseFreeze()]));
    afterAll(() => setWindows(environmentPath(), undefined));

    it('refuses a deployment with 423 naming the window, when it ends, and that break-glass overrides it', async () => {
      const res = await deploy();
      expect(res.status).toBe(423);
      expect(res.contentType).toContain('application/problem+json');
      expect(res.body.type).toBe(FREEZE_WINDOW_PROBLEM);
      expect(res.body.freezeWindow).toEqual({
        Name: 'Release freeze',
        Scope: 'environment',
        SetOn: estate.environment,
        EndsAt: jasmine.stringMatching(/^\d{4}-\d\d-\d\dT/),
        Reason: 'the data-centre move',
      });
      expect(res.body.detail).toContain('"Release freeze"');
      expect(res.body.detail).toContain(`until ${res.body.freezeWindow.EndsAt}`);
      expect(res.body.detail).toContain('break-glass');
      expect(await activeDeployments()).toBe(0);
    });

    it('refuses a patch with 423 naming the window; its dry run leaves every group out as freeze-window', async () => {
      const plan = await patch({}, admin, true);
      expect(plan.status).toBe(200);
      expect(plan.body.Groups).toEqual([]);
      expect(plan.body.LeftOut.map((g: { Reason: string }) => g.Reason)).toEqual(
        Array(3).fill('freeze-window'),
      );
      expect(plan.body.LeftOut[0].Detail).toContain('"Release freeze"');
      expect(plan.body.FreezeWindow).toEqual(
        jasmine.objectContaining({ Name: 'Release freeze', Overridden: false }),
      );
      const res = await patch();
      expect(res.status).toBe(423);
      expect(res.body.type).toBe(FREEZE_WINDOW_PROBLEM);
      expect(res.body.freezeWindow.Name).toBe('Release freeze');
    });

    it('refuses break-glass without a reason with 400 naming the field', async () => {
      for (const breakGlass of [{}, { reason: '   ' }]) {
        const res = await deploy({ breakGlass }, breaker);
        expect(res.status).toBe(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.breakGlass.reason']);
        const patched = await patch({ breakGlass }, breaker);
        expect(patched.status).toBe(400);
        expect(patched.body.errors.map((e: { field: string }) => e.field)).toEqual([
          'body.breakGlass.reason',
        ]);
      }
      expect(await activeDeployments()).toBe(0);
    });

    it('refuses break-glass from a caller without the break-glass permission with 403', async () => {
      const res = await deploy({ breakGlass: { reason: 'hotfix' } }, deployer);
      expect(res.status).toBe(403);
      expect(res.body.detail).toContain('"break-glass" permission for cluster');
      const dry = await deploy({ breakGlass: { reason: 'hotfix' } }, deployer, true);
      expect(dry.status).toBe(403);
      const patched = await patch({ breakGlass: { reason: 'hotfix' } }, deployer);
      expect(patched.status).toBe(403);
      expect(patched.body.detail).toContain('break-glass');
      // break-glass for another team's cluster does not reach this one's groups
      const otherTeam = (await created(admin, '/config/clusters', aCluster({ shortName: 'ot' }))).ClusterName;
      const elsewhere = await givenUser(admin, {
        grants: [
          { Action: 'deploy', Clusters: [estate.cluster], EnvironmentTypes: [estate.type] },
          { Action: 'patch-images', Clusters: [estate.cluster], EnvironmentTypes: [estate.type] },
          { Action: 'break-glass', Clusters: [otherTeam], EnvironmentTypes: 'all' },
        ],
      });
      expect((await deploy({ breakGlass: { reason: 'hotfix' } }, elsewhere)).status).toBe(403);
      const wrongTeam = await patch({ breakGlass: { reason: 'hotfix' } }, elsewhere);
      expect(wrongTeam.status).toBe(403);
      expect(wrongTeam.body.detail).toContain(`cluster ${estate.cluster}`);
      expect(await activeDeployments()).toBe(0);
    });

    it('lets a dry run with break-glass say it would override the window', async () => {
      const res = await deploy({ breakGlass: { reason: 'hotfix' } }, breaker, true);
      expect(res.status).toBe(200);
      expect(res.body.freezeWindow).toEqual(
        jasmine.objectContaining({ Name: 'Release freeze', Scope: 'environment', Overridden: true }),
      );
      const plan = await patch({ breakGlass: { reason: 'hotfix' } }, breaker, true);
      expect(plan.body.Groups.length).toBe(3);
      expect(plan.body.FreezeWindow.Overridden).toBeTrue();
    });

    it('accepts a deployment with break-glass and a reason: recorded, logged and audited with the reason', async () => {
      const reason = 'payment outage INC-4711';
      const res = await deploy({ breakGlass: { reason: `  ${reason} ` } }, breaker);
      expect(res.status).withContext(JSON.stringify(res.body)).toBe(202);
      const id = res.body.DeploymentID as string;
      const record = (await admin.get(`/deployments/${id}`)).body;
      expect(record.Value.BreakGlass).toEqual({
        By: breakerName,
        Reason: reason,
        At: jasmine.any(String),
        Window: jasmine.objectContaining({ Name: 'Release freeze', Scope: 'environment' }),
      });
      const log = (await admin.get(`/deployments/${id}/log`)).body as { message: string }[];
      expect(log.map((l) => l.message)).toContain(
        jasmine.stringMatching(`break-glass: ${breakerName} overrode the freeze window "Release freeze"`),
      );
      const audit = (await admin.get(`/audit?Entity.Type=Deployment&Entity.Key=${id}`)).body as {
        ChangeType: string;
        ChangedBy: string;
        NewValue: { BreakGlass?: { Reason: string } };
      }[];
      const created = audit.find((a) => a.ChangeType === 'Created');
      expect(created?.ChangedBy).toBe(breakerName);
      expect(created?.NewValue.BreakGlass?.Reason).toBe(reason);
      // done with it: cancelled before it starts, so the group is free for the patches
      expect(
        (await admin.call('PATCH', `/deployments/${id}`, { body: { Status: 'Cancelled' } })).status,
      ).toBe(200);
    });

    it('accepts a patch with break-glass: the operation records the override', async () => {
      const res = await patch({ breakGlass: { reason: 'CVE-2026-9999' } }, breaker);
      expect(res.status).withContext(JSON.stringify(res.body)).toBe(202);
      expect(res.body.BreakGlass).toEqual(
        jasmine.objectContaining({
          By: breakerName,
          Reason: 'CVE-2026-9999',
          Window: jasmine.objectContaining({ Name: 'Release freeze' }),
        }),
      );
      const again = await admin.get(`/patches/${res.body.PatchID}`);
      expect(again.body.BreakGlass.Reason).toBe('CVE-2026-9999');
      expect((await admin.post(`/patches/${res.body.PatchID}/cancel`, {})).status).toBe(200);
    });
  });

  it("refuses a deployment inside the environment type's recurring window, naming it", async () => {
    await setWindows(typePath(), [
      {
        Name: 'Daily batch',
        Recurring: { Start: utcMoment(-60), End: utcMoment(60), TimeZone: 'UTC' },
      },
    ]);
    try {
      const res = await deploy();
      expect(res.status).toBe(423);
      expect(res.body.freezeWindow).toEqual(
        jasmine.objectContaining({ Name: 'Daily batch', Scope: 'environment-type', SetOn: estate.type }),
      );
      expect(Date.parse(res.body.freezeWindow.EndsAt) - Date.now()).toBeGreaterThan(55 * 60_000);
    } finally {
      await setWindows(typePath(), undefined);
    }
    const open = await deploy({}, admin, true);
    expect(open.status).toBe(200);
    expect(open.body.freezeWindow).toBeUndefined();
  });

  it('refuses bad window definitions with 400 naming the field, and stores nothing', async () => {
    for (const path of [environmentPath(), typePath()]) {
      const before = (await admin.get(path)).body;
      const res = await admin.put(
        path,
        {
          ...before.Value,
          FreezeWindows: [
            {
              Name: 'Weekend',
              Recurring: { Start: 'Fri 16:00', End: 'Mon 08:00', TimeZone: 'Europe/Londn' },
            },
          ],
        },
        before.Version,
      );
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        jasmine.objectContaining({ field: 'body.FreezeWindows.0.Recurring.TimeZone' }),
      ]);
      const after = (await admin.get(path)).body;
      expect(after.Version).toBe(before.Version);
      expect(after.Value.FreezeWindows).toBeUndefined();
    }
  });
});
