import {
  CreateAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
  type AutoScalingClient,
} from '@aws-sdk/client-auto-scaling';
import {
  CreateLaunchTemplateCommand,
  DescribeImagesCommand,
  type DescribeImagesCommandOutput,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ModifyTargetGroupAttributesCommand,
  type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsClients } from '../adapters/aws/aws-clients';
import { groupFor, roleNames, type SliceRoutingNames } from '../fleet/fleet-names';
import { encodeUserData } from '../fleet/instance-user-data';
import { demoEnvironments, demoMaps, demoTeams, type DemoEnvironment, type DemoRole } from './demo-estate';

async function groupExists(autoScaling: AutoScalingClient, name: string): Promise<boolean> {
  const res = await autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }));
  return (res.AutoScalingGroups ?? []).length > 0;
}

/** The security groups of the demo: one every instance has, one per team. */
const SECURITY_GROUPS: Readonly<Record<string, string>> = {
  base: 'sg-0a1b2c3d4e5f60000',
  Checkout: 'sg-0a1b2c3d4e5f60001',
  Search: 'sg-0a1b2c3d4e5f60002',
  Platform: 'sg-0a1b2c3d4e5f60003',
};

/** What DescribeImages answers of an account's images. */
type LaunchImageOf = NonNullable<DescribeImagesCommandOutput['Images']>;

/** A demo image as a group launches from it: its id and its root device. */
interface LaunchImage {
  readonly imageId: string;
  readonly rootDeviceName: string;
}

async function createGroup(
  clients: { ec2: EC2Client; autoScaling: AutoScalingClient },
  image: LaunchImage,
  name: string,
  options: {
    env: DemoEnvironment;
    role: DemoRole;
    desired: number;
    targetGroupArns?: string[];
    slice?: string;
  },
): Promise<void> {
  const { env, role } = options;
  const services = role.services.map((s) => ({ name: s, version: env.versions[s] ?? '1.0.0' }));
  await clients.ec2.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: name,
      VersionDescription: services.map((s) => `${s.name}@${s.version}`).join(', '),
      LaunchTemplateData: {
        ImageId: image.imageId,
        InstanceType: 't3.small',
        UserData: encodeUserData({ services, healthPath: '/health' }),
        IamInstanceProfile: { Name: `em-${role.cluster.toLowerCase()}-instance` },
        SecurityGroupIds: [SECURITY_GROUPS['base']!, SECURITY_GROUPS[role.cluster]!],
        BlockDeviceMappings: [
          {
            DeviceName: image.rootDeviceName,
            Ebs: { VolumeSize: 40, VolumeType: 'gp3', Encrypted: true, DeleteOnTermination: true },
          },
        ],
      },
    }),
  );
  await clients.autoScaling.send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: name,
      LaunchTemplate: { LaunchTemplateName: name, Version: '$Latest' },
      MinSize: 0,
      MaxSize: 6,
      DesiredCapacity: options.desired,
      AvailabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
      HealthCheckType: options.targetGroupArns ? 'ELB' : 'EC2',
      HealthCheckGracePeriod: 60,
      TargetGroupARNs: options.targetGroupArns,
      Tags: [
        { Key: 'Environment', Value: env.name },
        { Key: 'Role', Value: role.role },
        { Key: 'OwningCluster', Value: role.cluster },
        ...(options.slice ? [{ Key: 'Slice', Value: options.slice }] : []),
      ].map((t) => ({ ...t, PropagateAtLaunch: true })),
    }),
  );
}

async function createSlices(
  elbv2: ElasticLoadBalancingV2Client,
  routing: SliceRoutingNames,
): Promise<{ blue: string; green: string }> {
  const arns: Record<string, string> = {};
  for (const slice of ['blue', 'green'] as const) {
    const res = await elbv2.send(
      new CreateTargetGroupCommand({
        Name: routing.targetGroups[slice],
        Protocol: 'HTTP',
        Port: 80,
        VpcId: 'vpc-0sandbox',
        HealthCheckPath: '/health',
        HealthCheckIntervalSeconds: 10,
        HealthyThresholdCount: 2,
        UnhealthyThresholdCount: 2,
      }),
    );
    const arn = res.TargetGroups![0]!.TargetGroupArn!;
    await elbv2.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: arn,
        Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '15' }],
      }),
    );
    arns[slice] = arn;
  }
  const lb = await elbv2.send(
    new CreateLoadBalancerCommand({
      Name: routing.loadBalancer,
      Type: 'application',
      Scheme: 'internal',
      Subnets: ['subnet-0sandboxa', 'subnet-0sandboxb'],
    }),
  );
  await elbv2.send(
    new CreateListenerCommand({
      LoadBalancerArn: lb.LoadBalancers![0]!.LoadBalancerArn!,
      Protocol: 'HTTP',
      Port: routing.listenerPort,
      DefaultActions: [
        {
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: arns['blue']!, Weight: 100 },
              { TargetGroupArn: arns['green']!, Weight: 0 },
            ],
          },
        },
      ],
    }),
  );
  return { blue: arns['blue']!, green: arns['green']! };
}

/**
 * Seeds the demo estate's running fleet in aws-sim: for every environment and server role an ASG named
 * `{environment}-{clusterShort}-{role}` running the environment's versions; roles with FleetPerSlice get a
 * blue ASG (live, 100% of the listener's traffic) and an empty green one behind one load balancer. Each
 * group launches from its environment's demo image (some on an older one than the latest stable), with an
 * instance profile, security groups and an encrypted root volume, as a real launch template would.
 * Groups that exist already are left alone, so an interrupted seeding completes on the next start.
 * Each environment's groups are made in its account, through `clientsOf` its environment.
 */
export async function seedCloud(
  clientsOf: (environment: string) => AwsClients | Promise<AwsClients>,
): Promise<number> {
  const imagesOf = new Map<AwsClients, Promise<LaunchImageOf>>();
  // each account's own images (an image id is its account's)
  const imageFor = async (
    clients: AwsClients,
    env: DemoEnvironment,
    role: DemoRole,
  ): Promise<LaunchImage> => {
    let read = imagesOf.get(clients);
    if (!read) {
      read = clients.ec2.send(new DescribeImagesCommand({ Owners: ['self'] })).then((r) => r.Images ?? []);
      imagesOf.set(clients, read);
    }
    const name = env.images.byRole?.[role.role] ?? env.images.default;
    const found = (await read).find((i) => i.Name === name);
    if (!found?.ImageId || !found.RootDeviceName)
      throw new Error(
        `aws-sim has no image ${name} to launch ${env.name}'s ${role.role} from (see seed-images.ts)`,
      );
    return { imageId: found.ImageId, rootDeviceName: found.RootDeviceName };
  };
  let created = 0;
  for (const env of demoEnvironments) {
    const clients = await clientsOf(env.name);
    for (const role of demoMaps[env.map] ?? []) {
      const image = await imageFor(clients, env, role);
      const names = roleNames({
        environment: env.name,
        clusterShortName: demoTeams.find((t) => t.cluster === role.cluster)!.shortName,
        role: role.role,
        fleetPerSlice: role.fleetPerSlice === true,
      });
      if (!names.routing) {
        if (await groupExists(clients.autoScaling, names.baseName)) continue;
        await createGroup(clients, image, names.baseName, { env, role, desired: 2 });
        created += 1;
        continue;
      }
      if (await groupExists(clients.autoScaling, groupFor(names, 'blue'))) continue;
      const slices = await createSlices(clients.elbv2, names.routing);
      await createGroup(clients, image, groupFor(names, 'blue'), {
        env,
        role,
        desired: 2,
        targetGroupArns: [slices.blue],
        slice: 'blue',
      });
      await createGroup(clients, image, groupFor(names, 'green'), {
        env,
        role,
        desired: 0,
        targetGroupArns: [slices.green],
        slice: 'green',
      });
      created += 2;
    }
  }
  return created;
}
