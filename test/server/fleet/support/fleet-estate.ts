import {
  CreateAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateCommand, DescribeImagesCommand } from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  aCluster,
  aService,
  anEnvironment,
  anEnvironmentType,
  created,
  unique,
} from '../../../fixtures/builders';
import { eventually, type TestSim } from '../../../aws-sim/support/test-sim';
import type { ApiClient } from '../../../support/api-client';

/** A small estate: one cluster, a plain `web` role and a blue/green `api` role, seeded in the catalogue and aws-sim. */
export interface FleetEstate {
  readonly environment: string;
  readonly type: string;
  readonly cluster: string;
  readonly webService: string;
  readonly apiService: string;
  /** `{environment}-fe-web`, 2 instances of webService 1.0.0. */
  readonly webGroup: string;
  /** `{environment}-fe-api-blue`, 2 instances of apiService 2.0.0, all the traffic. */
  readonly blueGroup: string;
  /** `{environment}-fe-api-green`, empty, launching apiService 2.1.0. */
  readonly greenGroup: string;
  readonly listenerArn: string;
  readonly targetGroups: { readonly blue: string; readonly green: string };
}

const userData = (services: { name: string; version: string }[]) =>
  Buffer.from(JSON.stringify({ services, healthPath: '/health' })).toString('base64');

/** A launch template and a group of `desired` instances from it (ELB health checks when it has a target group). */
export async function createGroup(
  sim: TestSim,
  options: {
    name: string;
    imageId: string;
    service: { name: string; version: string };
    desired: number;
    environment: string;
    targetGroupArn?: string;
  },
): Promise<void> {
  await sim.ec2.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: options.name,
      LaunchTemplateData: {
        ImageId: options.imageId,
        InstanceType: 't3.small',
        UserData: userData([options.service]),
      },
    }),
  );
  await sim.autoScaling.send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: options.name,
      LaunchTemplate: { LaunchTemplateName: options.name, Version: '$Latest' },
      MinSize: 0,
      MaxSize: 4,
      DesiredCapacity: options.desired,
      AvailabilityZones: ['eu-west-1a', 'eu-west-1b'],
      HealthCheckType: options.targetGroupArn ? 'ELB' : 'EC2',
      HealthCheckGracePeriod: 60,
      TargetGroupARNs: options.targetGroupArn ? [options.targetGroupArn] : undefined,
      Tags: [{ Key: 'Environment', Value: options.environment, PropagateAtLaunch: true }],
    }),
  );
}

/** How a target group checks its targets, where a spec needs other than quick checks (5 s, 2 and 2). */
export interface HealthChecks {
  readonly intervalSeconds: number;
  readonly timeoutSeconds?: number;
  readonly healthyThreshold: number;
  readonly unhealthyThreshold: number;
}

/** A target group checking `/health` on port 80. */
export async function createTargetGroup(
  sim: TestSim,
  name: string,
  checks: HealthChecks = { intervalSeconds: 5, healthyThreshold: 2, unhealthyThreshold: 2 },
): Promise<string> {
  const res = await sim.elbv2.send(
    new CreateTargetGroupCommand({
      Name: name,
      Protocol: 'HTTP',
      Port: 80,
      VpcId: 'vpc-0spec',
      HealthCheckPath: '/health',
      HealthCheckIntervalSeconds: checks.intervalSeconds,
      ...(checks.timeoutSeconds !== undefined ? { HealthCheckTimeoutSeconds: checks.timeoutSeconds } : {}),
      HealthyThresholdCount: checks.healthyThreshold,
      UnhealthyThresholdCount: checks.unhealthyThreshold,
    }),
  );
  return res.TargetGroups![0]!.TargetGroupArn!;
}

/** Seeds the catalogue (through the API, as admin) and the matching fleet (through the SDK), and waits until it serves. */
export async function givenFleetEstate(admin: ApiClient, sim: TestSim): Promise<FleetEstate> {
  const cluster = (await created(admin, '/config/clusters', aCluster({ shortName: 'fe' })))
    .ClusterName as string;
  const type = (await created(admin, '/config/environment-types', anEnvironmentType()))
    .EnvironmentType as string;
  const webService = (await created(admin, '/config/services', aService({ cluster }))).ServiceName as string;
  const apiService = (await created(admin, '/config/services', aService({ cluster }))).ServiceName as string;
  const role = (name: string, services: string[], fleetPerSlice: boolean) => ({
    ServerRoleName: name,
    OwningCluster: cluster,
    Services: services.map((ServiceName) => ({ ServiceName })),
    AutoScalingSettings: { MinCapacity: 0, DesiredCapacity: 2, MaxCapacity: 4 },
    InstanceType: 't3.small',
    FleetPerSlice: fleetPerSlice,
  });
  const map = (
    await created(admin, '/config/deployment-maps', {
      DeploymentMapName: unique('Map'),
      Value: { DeploymentTarget: [role('web', [webService], false), role('api', [apiService], true)] },
    })
  ).DeploymentMapName as string;
  const environment = unique('fe').toLowerCase();
  await created(admin, '/config/environments', anEnvironment({ name: environment, type, cluster, map }));

  const imageId = (await sim.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images![0]!.ImageId!;
  const webGroup = `${environment}-fe-web`;
  await createGroup(sim, {
    name: webGroup,
    imageId,
    service: { name: webService, version: '1.0.0' },
    desired: 2,
    environment,
  });
  const blue = await createTargetGroup(sim, `${environment}-api-blue`);
  const green = await createTargetGroup(sim, `${environment}-api-green`);
  const lb = await sim.elbv2.send(
    new CreateLoadBalancerCommand({
      Name: `${environment}-api`,
      Type: 'application',
      Subnets: ['subnet-0sandboxa', 'subnet-0sandboxb'],
    }),
  );
  const listener = await sim.elbv2.send(
    new CreateListenerCommand({
      LoadBalancerArn: lb.LoadBalancers![0]!.LoadBalancerArn!,
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [
        {
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: blue, Weight: 100 },
              { TargetGroupArn: green, Weight: 0 },
            ],
          },
        },
      ],
    }),
  );
  const blueGroup = `${environment}-fe-api-blue`;
  const greenGroup = `${environment}-fe-api-green`;
  await createGroup(sim, {
    name: blueGroup,
    imageId,
    service: { name: apiService, version: '2.0.0' },
    desired: 2,
    environment,
    targetGroupArn: blue,
  });
  await createGroup(sim, {
    name: greenGroup,
    imageId,
    service: { name: apiService, version: '2.1.0' },
    desired: 0,
    environment,
    targetGroupArn: green,
  });
  const estate: FleetEstate = {
    environment,
    type,
    cluster,
    webService,
    apiService,
    webGroup,
    blueGroup,
    greenGroup,
    listenerArn: listener.Listeners![0]!.ListenerArn!,
    targetGroups: { blue, green },
  };
  await groupsInService(sim, [webGroup, blueGroup]);
  await targetsHealthy(sim, blue, 2);
  return estate;
}

/** Waits until every named group has its desired count of InService, Healthy instances. */
export async function groupsInService(sim: TestSim, names: string[]): Promise<void> {
  await eventually(`${names.join(', ')} in service`, async () => {
    const res = await sim.autoScaling.send(
      new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: names }),
    );
    const groups = res.AutoScalingGroups ?? [];
    const ready = groups.every(
      (g) =>
        g.Instances!.length === g.DesiredCapacity &&
        g.Instances!.every((i) => i.LifecycleState === 'InService' && i.HealthStatus === 'Healthy'),
    );
    return groups.length === names.length && ready ? true : undefined;
  });
}

/** Waits until the target group has `count` targets in `state`. */
export async function targetsHealthy(
  sim: TestSim,
  targetGroupArn: string,
  count: number,
  state = 'healthy',
): Promise<void> {
  await eventually(`${count} ${state} targets`, async () => {
    const res = await sim.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }));
    const matching = (res.TargetHealthDescriptions ?? []).filter((d) => d.TargetHealth?.State === state);
    return matching.length === count ? true : undefined;
  });
}

/** Sets a group's desired count (and nothing else) through the SDK. */
export async function scaleGroup(sim: TestSim, name: string, desired: number): Promise<void> {
  await sim.autoScaling.send(
    new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: name, DesiredCapacity: desired }),
  );
}

/** The version the listener's local proxy answers with. */
export async function versionBehind(sim: TestSim, listenerArn: string): Promise<string> {
  const listeners = (await sim.control('GET', '/_sim/listeners')).body as {
    listenerArn: string;
    url: string;
  }[];
  const url = listeners.find((l) => l.listenerArn === listenerArn)!.url;
  const res = await fetch(`${url}/`);
  return ((await res.json()) as { version: string }).version;
}
