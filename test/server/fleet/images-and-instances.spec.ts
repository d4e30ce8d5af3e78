import {
  EnterStandbyCommand,
  UpdateAutoScalingGroupCommand,
  type AutoScalingGroup,
  DescribeAutoScalingGroupsCommand,
} from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateVersionCommand } from '@aws-sdk/client-ec2';
import { created, unique } from '../../fixtures/builders';
import { startTestSim, type TestSim } from '../../aws-sim/support/test-sim';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { givenFleetEstate, type FleetEstate } from './support/fleet-estate';

const DAY = 24 * 60 * 60 * 1000;
const ageOf = (iso: string) => Math.floor((Date.now() - Date.parse(iso)) / DAY);

/** GET /images (and -ec2), /images/report, /instances (and -ec2) and /instances/{id} against aws-sim. */
describe('the images of the account and the instances that run them', () => {
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let estate: FleetEstate;
  let account: string;

  beforeAll(async () => {
    sim = await startTestSim();
    tp = await startTestPortal({ awsEndpoint: sim.sim.endpoint });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    estate = await givenFleetEstate(admin, sim);
    account = unique('sim').toLowerCase();
    // the number aws-sim's account has: its images and instances are this account's
    await created(admin, '/config/accounts', { AccountName: account, AccountNumber: '123456789012' });
    await sim.control('POST', '/_sim/images', [
      {
        name: 'spec-win-base-2.0.0',
        platform: 'windows',
        creationDate: '2026-07-01T09:00:00.000Z',
        tags: { Stable: 'True' },
        rootVolumeSize: 60,
      },
      {
        name: 'spec-win-base-2.1.0',
        platform: 'windows',
        creationDate: '2026-08-15T21:00:00.000Z',
        tags: { Stable: 'false' },
        rootVolumeSize: 60,
      },
    ]);
  });
  afterAll(async () => {
    await tp.close();
    await sim.close();
  });

  const group = async (name: string): Promise<AutoScalingGroup> =>
    (await sim.autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] })))
      .AutoScalingGroups![0]!;

  it("lists the account's images with the original's fields, ranked by type then version, newest first", async () => {
    const res = await admin.get('/images');
    expect(res.status).toBe(200);
    expect(res.body.map((i: { Name: string }) => i.Name)).toEqual([
      'em-base-2026.11.0',
      'em-base-2026.10.0',
      'em-base-2026.9.0',
      'spec-win-base-2.1.0',
      'spec-win-base-2.0.0',
    ]);
    const base = {
      Platform: 'Linux',
      AmiType: 'em-base',
      IsCompatibleImage: true,
      Encrypted: true,
      RootVolumeSize: 20,
      AccountName: account,
    };
    expect(res.body.slice(0, 3)).toEqual([
      {
        ...base,
        ImageId: 'ami-0e5b1a2c3d4e5f603',
        Name: 'em-base-2026.11.0',
        CreationDate: '2026-11-01T08:00:00.000Z',
        Description: 'Environment Manager base image 2026.11.0',
        AmiVersion: '2026.11.0',
        IsStable: false,
        Rank: 1,
        IsLatest: true,
        IsLatestStable: false,
        DaysBehindLatest: 0,
      },
      {
        ...base,
        ImageId: 'ami-0e5b1a2c3d4e5f602',
        Name: 'em-base-2026.10.0',
        CreationDate: '2026-10-01T08:00:00.000Z',
        Description: 'Environment Manager base image 2026.10.0',
        AmiVersion: '2026.10.0',
        IsStable: true,
        Rank: 2,
        IsLatest: false,
        IsLatestStable: true,
        DaysBehindLatest: 0,
      },
      {
        ...base,
        ImageId: 'ami-0e5b1a2c3d4e5f601',
        Name: 'em-base-2026.9.0',
        CreationDate: '2026-09-01T08:00:00.000Z',
        Description: 'Environment Manager base image 2026.9.0',
        AmiVersion: '2026.9.0',
        IsStable: true,
        Rank: 3,
        IsLatest: false,
        IsLatestStable: false,
        DaysBehindLatest: 30,
      },
    ]);
    // a Stable tag of "false" is not stable; days behind are whole days (45.5 here)
    const [w21, w20] = res.body.slice(3);
    expect([
      w21.Platform,
      w21.AmiType,
      w21.IsStable,
      w21.IsLatest,
      w21.IsLatestStable,
      w21.DaysBehindLatest,
    ]).toEqual(['Windows', 'spec-win-base', false, true, false, 0]);
    expect([w20.IsStable, w20.IsLatestStable, w20.DaysBehindLatest, w20.RootVolumeSize]).toEqual([
      true,
      true,
      0,
      60,
    ]);
    expect((await admin.get('/images-ec2')).body).toEqual(res.body);
  });

  it('filters by stability and account, 404 for an account the catalogue lacks, 400 for a bad flag', async () => {
    const stable = await admin.get('/images?stable=true');
    expect(stable.body.map((i: { Name: string }) => i.Name)).toEqual([
      'em-base-2026.10.0',
      'em-base-2026.9.0',
      'spec-win-base-2.0.0',
    ]);
    // ranks are those among all images, as the original filtered after ranking
    expect(stable.body[1].DaysBehindLatest).toBe(30);
    const unstable = await admin.get(`/images?stable=false&account=${account}`);
    expect(unstable.body.map((i: { Name: string }) => i.Name)).toEqual([
      'em-base-2026.11.0',
      'spec-win-base-2.1.0',
    ]);
    expect((await admin.get('/images?account=123456789012')).body.length).toBe(5);
    const unknown = await admin.get('/images?account=nobody');
    expect(unknown.status).toBe(404);
    const bad = await admin.get('/images?stable=yes');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('query.stable');
  });

  it('reads the images at most once a minute for the process, however many views name them', async () => {
    await sim.control('DELETE', '/_sim/calls');
    await admin.get('/images');
    await admin.get(`/environments/${estate.environment}/servers`);
    await admin.get(`/instances?environment=${estate.environment}`);
    const calls = (await sim.control('GET', '/_sim/calls')).body as Record<string, number>;
    expect(calls['ec2:DescribeImages'] ?? 0).toBe(0);
  });

  it("shows each ASG's image in the environment's servers: name, age and whether it is the latest stable", async () => {
    const res = await admin.get(`/environments/${estate.environment}/servers`);
    const ami = { Name: 'em-base-2026.9.0', Age: ageOf('2026-09-01T08:00:00.000Z'), IsLatestStable: false };
    expect(res.body.Value.map((g: { Name: string; Ami: unknown }) => [g.Name, g.Ami])).toEqual([
      [estate.webGroup, ami],
      [estate.blueGroup, ami],
      [estate.greenGroup, ami],
    ]);
  });

  it("lists the environment's instances with their ASG, role, image and age, by the original's filters", async () => {
    const res = await admin.get(`/instances?environment=${estate.environment}`);
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    const web = await group(estate.webGroup);
    const blue = await group(estate.blueGroup);
    const ids = [...web.Instances!, ...blue.Instances!].map((i) => i.InstanceId).sort();
    expect(res.body.map((i: { InstanceId: string }) => i.InstanceId).sort()).toEqual(ids);
    const one = res.body.find((i: { InstanceId: string }) => i.InstanceId === web.Instances![0]!.InstanceId);
    expect(one).toEqual({
      InstanceId: web.Instances![0]!.InstanceId,
      ImageId: 'ami-0e5b1a2c3d4e5f601',
      InstanceType: 't3.small',
      LaunchTime: jasmine.stringMatching(/^\d{4}-\d\d-\d\dT/),
      State: { Code: 16, Name: 'running' },
      Placement: { AvailabilityZone: web.Instances![0]!.AvailabilityZone },
      PrivateIpAddress: jasmine.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
      PrivateDnsName: jasmine.stringMatching(/\.compute\.internal$/),
      Tags: jasmine.arrayContaining([
        { Key: 'Environment', Value: estate.environment },
        { Key: 'aws:autoscaling:groupName', Value: estate.webGroup },
      ]),
      Name: '',
      Environment: estate.environment,
      OwningCluster: estate.cluster,
      Role: 'web',
      AccountName: account,
      'aws:autoscaling:groupName': estate.webGroup,
      AutoScalingGroupName: estate.webGroup,
      LifecycleState: 'InService',
      Maintenance: false,
      AgeDays: 0,
      Ami: {
        Name: 'em-base-2026.9.0',
        AmiType: 'em-base',
        AmiVersion: '2026.9.0',
        IsLatestStable: false,
        DaysBehindLatest: 30,
      },
    });
    const ec2 = await admin.get(`/instances-ec2?environment=${estate.environment}`);
    expect(ec2.body.map((i: { InstanceId: string }) => i.InstanceId).sort()).toEqual(ids);

    const byCluster = await admin.get(
      `/instances?environment=${estate.environment}&cluster=${estate.cluster}`,
    );
    expect(byCluster.body.length).toBe(4);
    expect((await admin.get(`/instances?environment=${estate.environment}&cluster=Nobody`)).body).toEqual([]);
    const byId = await admin.get(`/instances?instance_id=${one.InstanceId}`);
    expect(byId.body.map((i: { InstanceId: string }) => i.InstanceId)).toEqual([one.InstanceId]);
    const byIp = await admin.get(`/instances?ip_address=${one.PrivateIpAddress}`);
    expect(byIp.body.map((i: { InstanceId: string }) => i.InstanceId)).toEqual([one.InstanceId]);
    const byAccount = await admin.get(`/instances?account=${account}`);
    expect(byAccount.body.length).toBeGreaterThanOrEqual(0);
    expect((await admin.get('/instances?since=2999-01-01T00:00:00Z')).body).toEqual([]);

    expect((await admin.get(`/instances/${one.InstanceId}`)).body).toEqual(one);
    expect((await admin.get('/instances/i-0123456789abcdef0')).status).toBe(404);
    const bad = await admin.get('/instances/not-an-instance');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('params.id');
    expect((await admin.get('/instances?ip_address=somewhere')).status).toBe(400);
  });

  it('answers maintenance=true with the instances in Standby in their ASG, and false with the others', async () => {
    const web = await group(estate.webGroup);
    const standby = web.Instances![0]!.InstanceId!;
    await sim.autoScaling.send(
      new EnterStandbyCommand({
        AutoScalingGroupName: estate.webGroup,
        InstanceIds: [standby],
        ShouldDecrementDesiredCapacity: true,
      }),
    );
    const inMaintenance = await admin.get(`/instances?environment=${estate.environment}&maintenance=true`);
    expect(
      inMaintenance.body.map((i: { InstanceId: string; LifecycleState: string }) => [
        i.InstanceId,
        i.LifecycleState,
      ]),
    ).toEqual([[standby, 'Standby']]);
    const others = await admin.get(`/instances?environment=${estate.environment}&maintenance=false`);
    expect(others.body.length).toBe(3);
    expect(others.body.every((i: { Maintenance: boolean }) => !i.Maintenance)).toBeTrue();
  });

  it('reports, per cluster, the groups and instances on an image that is not the latest stable or older than N days', async () => {
    const report = await admin.get(`/images/report?environment=${estate.environment}`);
    expect(report.status).withContext(JSON.stringify(report.body)).toBe(200);
    const nine = {
      ImageId: 'ami-0e5b1a2c3d4e5f601',
      Name: 'em-base-2026.9.0',
      AmiType: 'em-base',
      AmiVersion: '2026.9.0',
      AgeDays: ageOf('2026-09-01T08:00:00.000Z'),
      DaysBehindLatest: 30,
    };
    const ten = {
      ImageId: 'ami-0e5b1a2c3d4e5f602',
      Name: 'em-base-2026.10.0',
      AmiType: 'em-base',
      AmiVersion: '2026.10.0',
      AgeDays: ageOf('2026-10-01T08:00:00.000Z'),
      DaysBehindLatest: 0,
    };
    expect(report.body.EnvironmentName).toBe(estate.environment);
    expect(report.body.OlderThanDays).toBeNull();
    expect(report.body.Clusters.length).toBe(1);
    expect(report.body.Clusters[0].Cluster).toBe(estate.cluster);
    const groups = report.body.Clusters[0].Groups;
    expect(groups.map((g: { Name: string }) => g.Name)).toEqual(
      [estate.blueGroup, estate.greenGroup, estate.webGroup].sort(),
    );
    const green = groups.find((g: { Name: string }) => g.Name === estate.greenGroup);
    expect(green).toEqual({
      Name: estate.greenGroup,
      Role: 'api',
      Slice: 'green',
      Image: nine,
      LatestStable: ten,
      Reasons: ['not-latest-stable'],
      Instances: [],
    });
    const blue = groups.find((g: { Name: string }) => g.Name === estate.blueGroup);
    expect(blue.Instances.length).toBe(2);
    expect(blue.Instances[0]).toEqual({
      InstanceId: jasmine.any(String),
      Image: nine,
      Reasons: ['not-latest-stable'],
    });

    // the green group launches the latest stable now: listed again only when older than the limit
    const templateId = (await group(estate.greenGroup)).LaunchTemplate!.LaunchTemplateId!;
    const v = await sim.ec2.send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateId: templateId,
        SourceVersion: '1',
        LaunchTemplateData: { ImageId: 'ami-0e5b1a2c3d4e5f602' },
      }),
    );
    await sim.autoScaling.send(
      new UpdateAutoScalingGroupCommand({
        AutoScalingGroupName: estate.greenGroup,
        LaunchTemplate: {
          LaunchTemplateId: templateId,
          Version: String(v.LaunchTemplateVersion!.VersionNumber),
        },
      }),
    );
    const after = await admin.get(`/images/report?environment=${estate.environment}`);
    expect(after.body.Clusters[0].Groups.map((g: { Name: string }) => g.Name)).toEqual(
      [estate.blueGroup, estate.webGroup].sort(),
    );
    const old = await admin.get(`/images/report?environment=${estate.environment}&olderThanDays=30`);
    expect(old.body.OlderThanDays).toBe(30);
    const greenOld = old.body.Clusters[0].Groups.find((g: { Name: string }) => g.Name === estate.greenGroup);
    expect(greenOld.Image).toEqual(ten);
    expect(greenOld.Reasons).toEqual(['older-than']);
    expect((await admin.get('/images/report?environment=nowhere')).status).toBe(404);
    const bad = await admin.get(`/images/report?environment=${estate.environment}&olderThanDays=-1`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('query.olderThanDays');
    expect((await admin.get('/images/report')).status).toBe(400);
  });
});
