import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeLaunchTemplateVersionsCommand } from '@aws-sdk/client-ec2';
import { givenUser } from '../../fixtures/builders';
import { startTestSim, type TestSim } from '../../aws-sim/support/test-sim';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { givenFleetEstate, type FleetEstate } from './support/fleet-estate';

const BASE_9 = 'ami-0e5b1a2c3d4e5f601';
const BASE_10 = 'ami-0e5b1a2c3d4e5f602';

/** GET and PUT /asgs/{name}/launch-config: what an ASG's new instances launch with, and its change. */
describe("an ASG's launch configuration", () => {
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let estate: FleetEstate;
  let operator: ApiClient;
  let operatorName: string;

  beforeAll(async () => {
    sim = await startTestSim();
    tp = await startTestPortal({ awsEndpoint: sim.sim.endpoint });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    estate = await givenFleetEstate(admin, sim);
    operatorName = `operator${process.pid}`;
    operator = await givenUser(admin, {
      username: operatorName,
      grants: [{ Action: 'operate-asgs', Clusters: [estate.cluster], EnvironmentTypes: [estate.type] }],
    });
  });
  afterAll(async () => {
    await tp.close();
    await sim.close();
  });

  const path = () => `/asgs/${estate.webGroup}/launch-config?environment=${estate.environment}`;
  const group = async () =>
    (
      await sim.autoScaling.send(
        new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [estate.webGroup] }),
      )
    ).AutoScalingGroups![0]!;
  const versions = async () => {
    const templateId = (await group()).LaunchTemplate!.LaunchTemplateId!;
    const out = await sim.ec2.send(
      new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: templateId }),
    );
    return out.LaunchTemplateVersions!;
  };

  it("answers the original's AWSLaunchConfig fields from the group's launch template version, its user data decoded", async () => {
    const res = await admin.get(path());
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    const templateId = (await group()).LaunchTemplate!.LaunchTemplateId!;
    const userData = JSON.stringify({
      services: [{ name: estate.webService, version: '1.0.0' }],
      healthPath: '/health',
    });
    expect(res.body).toEqual({
      AMI: 'em-base-2026.9.0',
      ImageId: BASE_9,
      InstanceProfileName: null,
      InstanceType: 't3.small',
      SecurityGroups: [],
      UserData: userData,
      Volumes: [],
      AutoScalingGroupName: estate.webGroup,
      LaunchTemplate: { LaunchTemplateId: templateId, Version: '1' },
      DecodedUserData: { services: [{ name: estate.webService, version: '1.0.0' }], healthPath: '/health' },
    });
    expect((await admin.get(`/asgs/${estate.webGroup}/launch-config?environment=nowhere`)).status).toBe(404);
    expect((await admin.get(`/asgs/${estate.webGroup}-nope/launch-config`)).status).toBe(404);
  });

  it('refuses a change without operate-asgs for the cluster and environment type (403), writing nothing', async () => {
    const outsider = await givenUser(admin, {
      grants: [{ Action: 'toggle-slices', Clusters: [estate.cluster], EnvironmentTypes: [estate.type] }],
    });
    const res = await outsider.put(path(), { AMI: 'em-base-2026.10.0' }, undefined);
    expect(res.status).toBe(403);
    expect(res.contentType).toContain('application/problem+json');
    expect((await versions()).length).toBe(1);
    expect((await group()).LaunchTemplate!.Version).toBe('$Latest');
  });

  it('refuses a body it cannot apply (400 naming the field), writing nothing', async () => {
    const cases: [unknown, string][] = [
      [{ InstanceType: 'huge' }, 'body.InstanceType'],
      [{ SecurityGroups: ['web-sg'] }, 'body.SecurityGroups.0'],
      [{ Volumes: [{ Name: 'OS', Size: 0, Type: 'SSD' }] }, 'body.Volumes.0.Size'],
      [{ Colour: 'blue' }, 'body.Colour'],
      [{ AMI: 'em-base-1999.1.0' }, 'body.AMI'],
      [{ ImageId: 'ami-0123456789abcdef0' }, 'body.ImageId'],
      [{ AMI: 'em-base-2026.10.0', ImageId: BASE_9 }, 'body.AMI'],
      [{ UserData: 'echo hello' }, 'body.UserData'],
    ];
    for (const [body, field] of cases) {
      const res = await operator.put(path(), body, undefined);
      expect(res.status).withContext(JSON.stringify(body)).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field))
        .withContext(JSON.stringify(body))
        .toContain(field);
    }
    expect((await versions()).length).toBe(1);
    expect((await group()).LaunchTemplate!.Version).toBe('$Latest');
  });

  it('refuses a change while the environment is locked (423), writing nothing', async () => {
    await admin.put(
      `/environments/${estate.environment}/deploy-lock`,
      { DeploymentsLocked: true, Reason: 'Audit' },
      0,
    );
    try {
      const res = await operator.put(path(), { AMI: 'em-base-2026.10.0' }, undefined);
      expect(res.status).toBe(423);
      expect(res.body.detail).toContain('Audit');
    } finally {
      await admin.put(`/environments/${estate.environment}/deploy-lock`, { DeploymentsLocked: false }, 1);
    }
    expect((await versions()).length).toBe(1);
  });

  it('changes what new instances launch with: a new version from the current one, the group pointed at it, audited', async () => {
    const instancesBefore = (await group()).Instances!.map((i) => [i.InstanceId, i.LaunchTemplate?.Version]);
    const res = await operator.put(
      path(),
      {
        AMI: 'em-base-2026.10.0',
        InstanceType: 't3.medium',
        InstanceProfileName: 'em-web',
        SecurityGroups: ['sg-0aaaaaaaaaaaaaaa1', 'sg-0aaaaaaaaaaaaaaa2'],
        Volumes: [
          { Name: 'OS', Size: 40, Type: 'SSD' },
          { Name: 'Data', Size: 100, Type: 'Disk' },
        ],
      },
      undefined,
    );
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual(
      jasmine.objectContaining({
        AMI: 'em-base-2026.10.0',
        ImageId: BASE_10,
        InstanceProfileName: 'em-web',
        InstanceType: 't3.medium',
        SecurityGroups: ['sg-0aaaaaaaaaaaaaaa1', 'sg-0aaaaaaaaaaaaaaa2'],
        Volumes: [
          { Name: 'OS', Size: 40, Type: 'SSD', DeviceName: '/dev/xvda' },
          { Name: 'Data', Size: 100, Type: 'Disk', DeviceName: '/dev/xvdb' },
        ],
        LaunchTemplate: jasmine.objectContaining({ Version: '2' }),
        DecodedUserData: { services: [{ name: estate.webService, version: '1.0.0' }], healthPath: '/health' },
      }),
    );
    // what aws-sim stored: version 2 from version 1, and the group launching from it
    const all = await versions();
    expect(all.map((v) => v.VersionNumber)).toEqual([2, 1]);
    const data = all[0]!.LaunchTemplateData!;
    expect(data.ImageId).toBe(BASE_10);
    expect(data.InstanceType).toBe('t3.medium');
    expect(data.IamInstanceProfile).toEqual({ Name: 'em-web' });
    expect(data.SecurityGroupIds).toEqual(['sg-0aaaaaaaaaaaaaaa1', 'sg-0aaaaaaaaaaaaaaa2']);
    expect(data.BlockDeviceMappings).toEqual([
      { DeviceName: '/dev/xvda', Ebs: { VolumeSize: 40, VolumeType: 'gp3', DeleteOnTermination: true } },
      {
        DeviceName: '/dev/xvdb',
        Ebs: { VolumeSize: 100, VolumeType: 'standard', Encrypted: true, DeleteOnTermination: true },
      },
    ]);
    expect(data.UserData).toBe(all[1]!.LaunchTemplateData!.UserData);
    const after = await group();
    expect(after.LaunchTemplate!.Version).toBe('2');
    // the running instances are left as they are
    expect(after.Instances!.map((i) => [i.InstanceId, i.LaunchTemplate?.Version])).toEqual(instancesBefore);

    const audit = await admin.get(`/audit?Entity.Type=LaunchConfig&Entity.Key=${estate.webGroup}`);
    expect(audit.status).toBe(200);
    expect(audit.body.length).toBe(1);
    const entry = audit.body[0];
    expect(entry.Entity).toEqual({ Type: 'LaunchConfig', Key: estate.webGroup, Version: 2 });
    expect(entry.ChangeType).toBe('Updated');
    expect(entry.ChangedBy).toBe(operatorName);
    expect(entry.OldValue.AMI).toBe('em-base-2026.9.0');
    expect(entry.OldValue.InstanceType).toBe('t3.small');
    expect(entry.NewValue).toEqual(res.body);

    // the same body again changes nothing: no version, no entry
    const again = await operator.put(path(), res.body, undefined);
    expect(again.status).withContext(JSON.stringify(again.body)).toBe(200);
    expect((await versions()).length).toBe(2);
    expect(
      (await admin.get(`/audit?Entity.Type=LaunchConfig&Entity.Key=${estate.webGroup}`)).body.length,
    ).toBe(1);
  });

  it("changes the user data's services, as this portal's JSON, keeping the rest", async () => {
    const userData = JSON.stringify({
      services: [{ name: estate.webService, version: '1.1.0' }],
      healthPath: '/health',
    });
    const res = await operator.put(path(), { UserData: userData }, undefined);
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    expect(res.body.DecodedUserData).toEqual({
      services: [{ name: estate.webService, version: '1.1.0' }],
      healthPath: '/health',
    });
    expect(res.body.AMI).toBe('em-base-2026.10.0');
    const [latest] = await versions();
    expect(latest!.VersionNumber).toBe(3);
    expect(Buffer.from(latest!.LaunchTemplateData!.UserData!, 'base64').toString('utf8')).toBe(userData);
    expect(latest!.LaunchTemplateData!.InstanceType).toBe('t3.medium');
    expect((await group()).LaunchTemplate!.Version).toBe('3');
  });

  it('refuses a change while a deployment works on the group (409 naming it)', async () => {
    const queued = await admin.post('/deployments', {
      environment: estate.environment,
      service: estate.webService,
      version: '1.2.0',
    });
    expect(queued.status).withContext(JSON.stringify(queued.body)).toBe(202);
    const before = (await versions()).length;
    const busy = await operator.put(path(), { InstanceType: 't3.large' }, undefined);
    expect(busy.status).toBe(409);
    expect(busy.body.detail).toContain(queued.body.id);
    expect((await versions()).some((v) => v.LaunchTemplateData?.InstanceType === 't3.large')).toBeFalse();
    expect((await versions()).length).toBeGreaterThanOrEqual(before);
  });
});
