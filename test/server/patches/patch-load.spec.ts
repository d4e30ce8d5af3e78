import {
  DescribeAutoScalingGroupsCommand,
  DescribeScalingActivitiesCommand,
  type AutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplateVersionsCommand,
  type ResponseLaunchTemplateData,
} from '@aws-sdk/client-ec2';
import { z } from 'zod';
import { DeploymentLogLine } from '@shared/deployments/deployment';
import { EnvironmentServers } from '@shared/fleet/environment-servers';
import { isPatchOver, PatchOperation } from '@shared/patches/patch';
import { eventually, startTestSim, type TestSim } from '../../aws-sim/support/test-sim';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { givenLoadBalancedEstate, type LoadBalancedEstate } from './support/load-balanced-estate';
import { startLoad } from './support/load-stream';

const NEW_IMAGE = 'em-base-2026.10.0';
/** Group statuses of a patch that are neither waiting to start nor ended: the group is being patched. */
const isPatching = (status: string) =>
  !['Not started', 'Success', 'Failed', 'Cancelled', 'Rolled Back', 'Rollback Failed'].includes(status);

/**
 * The proof of image patching (issue 11), against aws-sim: an environment of six groups, patched two at a
 * time while load runs through the load balancers. "Six groups (two blue/green)" is read as six ASGs of
 * which two are the blue and green slices of one role: four plain roles and one blue/green role whose
 * blue slice is live and green slice idle. That puts five of the six groups under load (more than two
 * blue/green roles would, whose idle slices take none) and still covers both actions of a patch: scale-up
 * patching of the groups with instances, the new launch template version only for the idle slice.
 */
describe('an image patch under load (issue 11)', () => {
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let estate: LoadBalancedEstate;

  beforeAll(async () => {
    sim = await startTestSim();
    tp = await startTestPortal({ awsEndpoint: sim.sim.endpoint, engineTickMs: 40 });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    estate = await givenLoadBalancedEstate(admin, sim, { plainRoles: 4, size: 2 });
  }, 60_000);
  afterAll(async () => {
    await tp.close();
    await sim.close();
  });

  const groups = async (): Promise<AutoScalingGroup[]> =>
    (
      await sim.autoScaling.send(
        new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [...estate.groups] }),
      )
    ).AutoScalingGroups!;
  const patch = async (id: string): Promise<PatchOperation> =>
    PatchOperation.parse((await admin.get(`/patches/${id}`)).body);

  /**
   * Runs the patch (every group, two at a time, onto NEW_IMAGE) while load runs through every listener,
   * from a second before it to a second after; samples how many groups patch at once.
   */
  const patchUnderLoad = async () => {
    // 5 listeners x 2 clients, one request each every 250 ms: about 40 requests a second in all
    const load = startLoad(new Map(estate.served.map((s) => [s.name, s.url])), {
      clientsPerTarget: 2,
      intervalMs: 250,
      maxRequests: 20_000,
      timeoutMs: 5_000,
    });
    let mostAtOnce = 0;
    try {
      // a second of load first: the stream is steady before anything changes
      await new Promise((r) => setTimeout(r, 1_000));
      const patchStart = Date.now();
      const accepted = await admin.post('/patches', {
        environment: estate.environment,
        toImage: NEW_IMAGE,
        maxParallel: 2,
        reason: 'issue 11: patch under load',
      });
      expect(accepted.status).withContext(JSON.stringify(accepted.body)).toBe(202);
      const started = PatchOperation.parse(accepted.body);
      expect(started.LeftOut).toEqual([]);
      expect(started.Groups.map((g) => [g.AutoScalingGroupName, g.Action]).sort()).toEqual(
        estate.groups.map((n) => [n, n === estate.idleGroup ? 'template-only' : 'scale-up']).sort(),
      );
      const done = await eventually(
        `patch ${started.PatchID} to end`,
        async () => {
          const p = await patch(started.PatchID);
          mostAtOnce = Math.max(mostAtOnce, p.Groups.filter((g) => isPatching(g.Status)).length);
          return isPatchOver(p.Status) ? p : undefined;
        },
        80_000,
      );
      const patchEnd = Date.now();
      // a second more: the new instances alone take the traffic once the old ones are gone
      await new Promise((r) => setTimeout(r, 1_000));
      return { done, report: await load.stop(), mostAtOnce, patchStart, patchEnd };
    } finally {
      await load.stop();
    }
  };

  it('patches six groups two at a time with no request lost, onto the new image, services and sizes as they were', async () => {
    const next = (await sim.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images!.find(
      (i) => i.Name === NEW_IMAGE,
    )!.ImageId!;
    const before = new Map((await groups()).map((g) => [g.AutoScalingGroupName!, g]));
    const oldInstances = new Set([...before.values()].flatMap((g) => g.Instances!.map((i) => i.InstanceId!)));
    expect(oldInstances.size).toBe(10);

    const userData = new Map(
      await Promise.all(
        estate.groups.map(async (n) => [n, (await launchDataOf(sim, before.get(n)!)).UserData] as const),
      ),
    );
    const { done, report, mostAtOnce, patchStart, patchEnd } = await patchUnderLoad();
    console.log(
      `\n  patch-load: patch ${((patchEnd - patchStart) / 1000).toFixed(1)} s, ${report.total} requests in ` +
        `${(report.elapsedMs / 1000).toFixed(1)} s (${((report.total * 1000) / report.elapsedMs).toFixed(0)}/s), ` +
        `${report.failed.length} failed, at most ${mostAtOnce} groups at once`,
    );
    for (const [name, t] of report.targets)
      console.log(
        `    ${name}: ${t.requests} requests, ${t.instances.size} instances answered, ` +
          `longest gap ${t.longestGapMs} ms, versions ${JSON.stringify(Object.fromEntries(t.versions))}`,
      );
    for (const f of report.failed)
      console.log(`    failed at ${f.at} ms: ${f.target} ${f.status} ${f.error}`);

    // a group that did not succeed: its log and its scaling activities say why
    await explainFailures(admin, sim, done);
    expect(done.Groups.map((g) => [g.AutoScalingGroupName, g.Status, g.ErrorReason ?? ''])).toEqual(
      done.Groups.map((g) => [g.AutoScalingGroupName, 'Success', '']),
    );
    expect(done.Status).toBe('Success');
    expect(mostAtOnce).toBe(2);

    // no request lost, and the load really ran, on every listener, before the patch to after it
    expect(report.failed).toEqual([]);
    expect(report.total).toBeGreaterThan(300);
    for (const s of estate.served) {
      const t = report.targets.get(s.name)!;
      expect(t.requests).withContext(s.name).toBeGreaterThan(50);
      expect(t.firstAt).withContext(s.name).toBeLessThan(patchStart);
      expect(t.lastAt).withContext(s.name).toBeGreaterThan(patchEnd);
      // the service's version all along: the patch changes the image, never what runs on it
      expect([...t.versions.keys()])
        .withContext(s.name)
        .toEqual([s.version]);
    }

    const after = await groups();
    for (const g of after) {
      const name = g.AutoScalingGroupName!;
      const was = before.get(name)!;
      expect([g.MinSize, g.MaxSize, g.DesiredCapacity])
        .withContext(name)
        .toEqual([was.MinSize, was.MaxSize, was.DesiredCapacity]);
      expect(g.SuspendedProcesses).withContext(name).toEqual([]);
      // the group, and $Latest (what a group on $Latest would launch), carry the new image and the same services
      for (const version of [g.LaunchTemplate!.Version!, '$Latest']) {
        const data = await launchDataOf(sim, g, version);
        expect([data.ImageId, data.UserData])
          .withContext(`${name} ${version}`)
          .toEqual([next, userData.get(name)]);
      }
    }
    for (const s of estate.served) {
      const g = after.find((a) => a.AutoScalingGroupName === s.name)!;
      const ids = g.Instances!.map((i) => i.InstanceId!);
      expect(ids.length).withContext(s.name).toBe(2);
      expect(ids.filter((i) => oldInstances.has(i)))
        .withContext(s.name)
        .toEqual([]);
      expect(g.Instances!.every((i) => i.LifecycleState === 'InService' && !i.ProtectedFromScaleIn))
        .withContext(s.name)
        .toBeTrue();
      const described = await sim.ec2.send(new DescribeInstancesCommand({ InstanceIds: ids }));
      expect(described.Reservations!.flatMap((r) => r.Instances!.map((i) => i.ImageId)))
        .withContext(s.name)
        .toEqual([next, next]);
      // the new instances took load through the load balancer
      const answered = report.targets.get(s.name)!.instances;
      expect(ids.filter((i) => !answered.has(i)))
        .withContext(s.name)
        .toEqual([]);
    }
    const idle = after.find((g) => g.AutoScalingGroupName === estate.idleGroup)!;
    expect(idle.Instances).toEqual([]);

    // the portal's own view: every group on the new image, every service on its version
    const servers = EnvironmentServers.parse(
      (await admin.get(`/environments/${estate.environment}/servers`)).body,
    );
    expect(servers.Value.map((g) => [g.Name, g.Ami?.Name]).sort()).toEqual(
      estate.groups.map((n) => [n, NEW_IMAGE]).sort(),
    );
    for (const s of estate.served) {
      const g = servers.Value.find((v) => v.Name === s.name)!;
      expect(g.Services.map((v) => [v.Name, v.Version]))
        .withContext(s.name)
        .toEqual([[s.service, s.version]]);
      expect(g.Status.Status).withContext(s.name).toBe('Healthy');
    }
  }, 120_000);
});

/** What a version of the group's launch template launches (the group's own version when none is named). */
async function launchDataOf(
  sim: TestSim,
  g: AutoScalingGroup,
  version = g.LaunchTemplate!.Version!,
): Promise<ResponseLaunchTemplateData> {
  const v = await sim.ec2.send(
    new DescribeLaunchTemplateVersionsCommand({
      LaunchTemplateId: g.LaunchTemplate!.LaunchTemplateId!,
      Versions: [version],
    }),
  );
  return v.LaunchTemplateVersions![0]!.LaunchTemplateData!;
}

/** Prints the log and the scaling activities of every group of the patch that started and did not succeed. */
async function explainFailures(admin: ApiClient, sim: TestSim, done: PatchOperation): Promise<void> {
  for (const g of done.Groups.filter((g) => !['Success', 'Not started'].includes(g.Status))) {
    const log = z
      .array(DeploymentLogLine)
      .parse((await admin.get(`/deployments/${g.DeploymentID}/log`)).body);
    console.log(
      `    ${g.AutoScalingGroupName} ${g.Status}:\n      ${log.map((l) => `${l.at} ${l.message}`).join('\n      ')}`,
    );
    const activities = await sim.autoScaling.send(
      new DescribeScalingActivitiesCommand({ AutoScalingGroupName: g.AutoScalingGroupName }),
    );
    console.log(
      `      activities:\n      ${activities.Activities!.map((a) => `${a.StartTime?.toISOString()} ${a.StatusCode} ${a.Description} (${a.Cause})`).join('\n      ')}`,
    );
  }
}
