import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CreateAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateCommand, DescribeImagesCommand } from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { eventually, startTestSim, type TestSim } from './support/test-sim';

const run = promisify(execFile);

async function awsCliAvailable(): Promise<boolean> {
  try {
    await run('aws', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/** The AWS CLI (Debian's awscli, a client nobody here wrote) against a running aws-sim. */
describe('the AWS CLI against aws-sim', () => {
  let t: TestSim;
  let available = false;
  const base = { AWS_ACCESS_KEY_ID: 'AKIDCLI', AWS_SECRET_ACCESS_KEY: 'cli-secret' };
  const awsWith = async (credentials: Record<string, string>, ...args: string[]) => {
    const { stdout } = await run(
      'aws',
      ['--endpoint-url', t.sim.endpoint, '--region', 'eu-west-1', '--output', 'json', ...args],
      {
        env: {
          ...process.env,
          ...credentials,
          AWS_PAGER: '',
          AWS_EC2_METADATA_DISABLED: 'true',
        },
      },
    );
    return JSON.parse(stdout || '{}');
  };
  const aws = (...args: string[]) => awsWith(base, ...args);

  beforeAll(async () => {
    available = await awsCliAvailable();
    if (!available) return;
    t = await startTestSim({ accounts: [{ accountId: '210987654321', name: 'prod' }] });
    const userData = Buffer.from(
      JSON.stringify({ services: [{ name: 'Basket', version: '1.0.0' }], healthPath: '/health' }),
    ).toString('base64');
    const image = (await t.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images![0]!.ImageId!;
    await t.ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'cli-lt',
        LaunchTemplateData: { ImageId: image, InstanceType: 't3.small', UserData: userData },
      }),
    );
    const tg = await t.elbv2.send(
      new CreateTargetGroupCommand({
        Name: 'cli-tg',
        Protocol: 'HTTP',
        Port: 80,
        VpcId: 'vpc-0cli',
        HealthCheckPath: '/health',
        HealthCheckIntervalSeconds: 5,
        HealthCheckTimeoutSeconds: 2,
        HealthyThresholdCount: 2,
      }),
    );
    const lb = await t.elbv2.send(
      new CreateLoadBalancerCommand({ Name: 'cli-lb', Subnets: ['subnet-0a', 'subnet-0b'] }),
    );
    await t.elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb.LoadBalancers![0]!.LoadBalancerArn!,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroups![0]!.TargetGroupArn! }],
      }),
    );
    await t.autoScaling.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: 'cli-asg',
        LaunchTemplate: { LaunchTemplateName: 'cli-lt', Version: '$Latest' },
        MinSize: 1,
        MaxSize: 4,
        DesiredCapacity: 1,
        AvailabilityZones: ['eu-west-1a', 'eu-west-1b'],
        TargetGroupARNs: [tg.TargetGroups![0]!.TargetGroupArn!],
      }),
    );
  }, 60_000);
  afterAll(async () => t?.close());

  it('describes groups, sets the desired capacity (and gets AWS validation errors), and describes target health', async () => {
    if (!available) {
      pending('the AWS CLI is not installed (.ci/run installs Debian awscli)');
      return;
    }
    const groups = await aws(
      'autoscaling',
      'describe-auto-scaling-groups',
      '--auto-scaling-group-names',
      'cli-asg',
    );
    expect(groups.AutoScalingGroups[0].AutoScalingGroupName).toBe('cli-asg');
    expect(groups.AutoScalingGroups[0].DesiredCapacity).toBe(1);

    await aws(
      'autoscaling',
      'set-desired-capacity',
      '--auto-scaling-group-name',
      'cli-asg',
      '--desired-capacity',
      '2',
    );
    const after = await aws(
      'autoscaling',
      'describe-auto-scaling-groups',
      '--auto-scaling-group-names',
      'cli-asg',
    );
    expect(after.AutoScalingGroups[0].DesiredCapacity).toBe(2);

    const refused = await aws(
      'autoscaling',
      'set-desired-capacity',
      '--auto-scaling-group-name',
      'cli-asg',
      '--desired-capacity',
      '9',
    ).catch((e: { stderr: string }) => e);
    expect((refused as { stderr: string }).stderr).toContain('ValidationError');
    expect((refused as { stderr: string }).stderr).toContain('above max value 4');

    const tgArn = (await aws('elbv2', 'describe-target-groups', '--names', 'cli-tg')).TargetGroups[0]
      .TargetGroupArn;
    const health = await eventually(
      'two healthy targets',
      async () => {
        const h = await aws('elbv2', 'describe-target-health', '--target-group-arn', tgArn);
        const states = h.TargetHealthDescriptions.map(
          (d: { TargetHealth: { State: string } }) => d.TargetHealth.State,
        );
        return states.length === 2 && states.every((s: string) => s === 'healthy') ? h : undefined;
      },
      30_000,
    );
    expect(health.TargetHealthDescriptions[0].Target.Id).toMatch(/^i-[0-9a-f]{17}$/);
  }, 60_000);
  it('describes the images with their tags and root volume, and tags one stable', async () => {
    if (!available) {
      pending('the AWS CLI is not installed (.ci/run installs Debian awscli)');
      return;
    }
    const id = 'ami-0e5b1a2c3d4e5f603';
    await aws('ec2', 'create-tags', '--resources', id, '--tags', 'Key=Stable,Value=true');
    const out = await aws(
      'ec2',
      'describe-images',
      '--owners',
      'self',
      '--filters',
      'Name=tag:Stable,Values=true',
    );
    const images = out.Images as {
      ImageId: string;
      Name: string;
      Tags: { Key: string; Value: string }[];
      BlockDeviceMappings: { DeviceName: string; Ebs: { VolumeSize: number; Encrypted: boolean } }[];
    }[];
    expect(images.map((i) => i.Name)).toEqual(['em-base-2026.9.0', 'em-base-2026.10.0', 'em-base-2026.11.0']);
    const tagged = images.find((i) => i.ImageId === id)!;
    expect(tagged.Tags).toEqual([{ Key: 'Stable', Value: 'true' }]);
    expect(tagged.BlockDeviceMappings[0]).toEqual(
      jasmine.objectContaining({
        DeviceName: '/dev/xvda',
        Ebs: jasmine.objectContaining({ VolumeSize: 20, Encrypted: true }),
      }),
    );
  }, 60_000);

  it("assumes the Prod account's role and sees that account's resources with its credentials", async () => {
    if (!available) {
      pending('the AWS CLI is not installed (.ci/run installs Debian awscli)');
      return;
    }
    const assumed = await aws(
      'sts',
      'assume-role',
      '--role-arn',
      'arn:aws:iam::210987654321:role/EnvironmentManager',
      '--role-session-name',
      'cli',
      '--duration-seconds',
      '900',
    );
    expect(assumed.AssumedRoleUser.Arn).toBe('arn:aws:sts::210987654321:assumed-role/EnvironmentManager/cli');
    expect(assumed.Credentials.AccessKeyId).toMatch(/^ASIA/);
    const prod = {
      AWS_ACCESS_KEY_ID: assumed.Credentials.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: assumed.Credentials.SecretAccessKey,
      AWS_SESSION_TOKEN: assumed.Credentials.SessionToken,
    };
    expect((await awsWith(prod, 'sts', 'get-caller-identity')).Account).toBe('210987654321');
    expect((await aws('sts', 'get-caller-identity')).Account).toBe('123456789012');
    const groups = await awsWith(prod, 'autoscaling', 'describe-auto-scaling-groups');
    expect(groups.AutoScalingGroups).toEqual([]);

    const refused = await aws(
      'sts',
      'assume-role',
      '--role-arn',
      'arn:aws:iam::999999999999:role/EnvironmentManager',
      '--role-session-name',
      'cli',
    ).catch((e: { stderr: string }) => e);
    expect((refused as { stderr: string }).stderr).toContain('(AccessDenied)');
  }, 60_000);
});
