import { DescribeAutoScalingGroupsCommand, type AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplateVersionsCommand,
} from '@aws-sdk/client-ec2';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { IMAGE_PATCH_SERVICE, type Deployment } from '@shared/deployments/deployment';
import { DynamoDbDeploymentStore } from '../../../server/adapters/dynamodb/dynamodb-deployment-store';
import { tableNames } from '../../../server/adapters/dynamodb/tables';
import { stepNames } from '../../../server/deployments/strategies/strategy-for';
import { eventually, startTestSim, type TestSim } from '../../aws-sim/support/test-sim';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { givenFleetEstate, type FleetEstate } from '../fleet/support/fleet-estate';

/**
 * One group's image patch, run by the engine like any deployment (`DeploymentType: patch`): the group
 * doubled onto a launch template version with the new image and the same services, then halved. The
 * operation that starts these per group comes later; here the record is written to the store directly.
 */
describe('image patch of one group (the engine)', () => {
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let estate: FleetEstate;
  let store: DynamoDbDeploymentStore;
  let from: { id: string; name: string };
  let to: { id: string; name: string };

  beforeAll(async () => {
    sim = await startTestSim();
    tp = await startTestPortal({ awsEndpoint: sim.sim.endpoint, engineTickMs: 40 });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    estate = await givenFleetEstate(admin, sim);
    store = new DynamoDbDeploymentStore(tp.portal.db, tableNames(tp.tablePrefix));
    const images = (await sim.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images!;
    from = { id: images[0]!.ImageId!, name: images[0]!.Name! };
    const next = images.find((i) => i.Name === 'em-base-2026.10.0')!;
    to = { id: next.ImageId!, name: next.Name! };
  });
  afterAll(async () => {
    await tp.close();
    await sim.close();
  });

  const describe1 = async (name: string): Promise<AutoScalingGroup> =>
    (await sim.autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] })))
      .AutoScalingGroups![0]!;
  const templateOf = async (g: AutoScalingGroup, version?: string) =>
    (
      await sim.ec2.send(
        new DescribeLaunchTemplateVersionsCommand({
          LaunchTemplateId: g.LaunchTemplate!.LaunchTemplateId!,
          Versions: [version ?? g.LaunchTemplate!.Version!],
        }),
      )
    ).LaunchTemplateVersions![0]!;
  const userData = (v: { LaunchTemplateData?: { UserData?: string } }) =>
    JSON.parse(Buffer.from(v.LaunchTemplateData!.UserData!, 'base64').toString('utf8'));

  /** Writes a group's image patch as the operation will, due at once. */
  const patch = async (group: string, role: string) => {
    const id = `P${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    const value: Deployment['Value'] = {
      EnvironmentName: estate.environment,
      EnvironmentType: estate.type,
      ServiceName: IMAGE_PATCH_SERVICE,
      ServiceVersion: to.name,
      ServiceSlice: 'none',
      ServerRoleName: role,
      OwningCluster: estate.cluster,
      AutoScalingGroupName: group,
      Resources: { AutoScalingGroup: group },
      DeploymentType: 'patch',
      Patch: {
        PatchID: 'patch-spec',
        ImageId: to.id,
        ImageName: to.name,
        FromImageId: from.id,
        FromImageName: from.name,
      },
      Status: 'Queued',
      User: 'admin',
      StartTimestamp: new Date().toISOString(),
      CanarySteps: [],
      BakeSeconds: 0,
      RequireApproval: false,
      Steps: stepNames({ DeploymentType: 'patch', CanarySteps: [], RequireApproval: false }).map((name) => ({
        name,
        status: 'pending',
        attempts: 0,
        outputs: {},
      })),
    };
    await store.create(id, value, {
      log: [{ at: new Date().toISOString(), level: 'info', message: 'patch requested' }],
      dueAt: Date.now(),
    });
    return id;
  };
  const finished = (id: string) =>
    eventually(
      `patch ${id} to end`,
      async () => {
        const d = await store.get(id);
        return d && ['Success', 'Failed', 'Rolled Back', 'Rollback Failed'].includes(d.value.Status)
          ? d
          : undefined;
      },
      60_000,
    );
  const groupLock = async (group: string) =>
    (
      await tp.portal.db.doc.send(
        new GetCommand({
          TableName: tableNames(tp.tablePrefix).deployments,
          Key: { PK: `LOCK#GROUP#${group}`, SK: 'LOCK' },
          ConsistentRead: true,
        }),
      )
    ).Item;

  it('replaces every instance with one on the new image, the services and versions unchanged, and restores the group', async () => {
    const before = await describe1(estate.webGroup);
    const servicesBefore = userData(await templateOf(before)).services;
    const oldIds = before.Instances!.map((i) => i.InstanceId!);
    const id = await patch(estate.webGroup, 'web');
    // a deployment of the group's service waits for the patch: one change at a time per group
    const refused = await admin.post('/deployments', {
      environment: estate.environment,
      service: estate.webService,
      version: '1.0.1',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain(id);

    const d = await finished(id);
    expect(d.value.Status)
      .withContext(JSON.stringify(d.value.Steps.map((s) => [s.name, s.status])))
      .toBe('Success');
    const after = await describe1(estate.webGroup);
    expect([after.MinSize, after.DesiredCapacity, after.MaxSize]).toEqual([
      before.MinSize,
      before.DesiredCapacity,
      before.MaxSize,
    ]);
    expect(after.SuspendedProcesses).toEqual([]);
    expect(after.Instances!.length).toBe(2);
    expect(
      after.Instances!.every((i) => !oldIds.includes(i.InstanceId!) && i.LifecycleState === 'InService'),
    ).toBeTrue();
    const version = await templateOf(after, after.Instances![0]!.LaunchTemplate!.Version);
    expect(version.LaunchTemplateData!.ImageId).toBe(to.id);
    expect(userData(version).services).toEqual(servicesBefore);
    const reservations = (
      await sim.ec2.send(
        new DescribeInstancesCommand({ InstanceIds: after.Instances!.map((i) => i.InstanceId!) }),
      )
    ).Reservations!;
    expect(reservations.flatMap((r) => r.Instances!.map((i) => i.ImageId))).toEqual([to.id, to.id]);
    expect(await groupLock(estate.webGroup)).toBeUndefined();
    // the engine kept the patch's log, as a deployment's
    expect((await store.log(id)).map((l) => l.message)).toContain('patch requested');
  });

  it('gives an idle blue/green slice (no instances) only the new launch template version', async () => {
    const before = await describe1(estate.greenGroup);
    expect(before.DesiredCapacity).toBe(0);
    const d = await finished(await patch(estate.greenGroup, 'api'));
    expect(d.value.Status).toBe('Success');
    const after = await describe1(estate.greenGroup);
    expect(after.DesiredCapacity).toBe(0);
    expect(after.Instances).toEqual([]);
    expect((await templateOf(after)).LaunchTemplateData!.ImageId).toBe(to.id);
    expect(after.LaunchTemplate!.Version).not.toBe(before.LaunchTemplate!.Version);
  });
});
