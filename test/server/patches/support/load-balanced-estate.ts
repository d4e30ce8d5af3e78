import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  type Action,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  aCluster,
  aService,
  anEnvironment,
  anEnvironmentType,
  created,
  unique,
} from '../../../fixtures/builders';
import type { TestSim } from '../../../aws-sim/support/test-sim';
import type { ApiClient } from '../../../support/api-client';
import {
  createGroup,
  createTargetGroup,
  groupsInService,
  targetsHealthy,
} from '../../fleet/support/fleet-estate';

/** A group with instances, behind a listener of its own: where its load goes and what it answers. */
export interface ServedGroup {
  readonly name: string;
  readonly service: string;
  readonly version: string;
  /** The listener's local URL (aws-sim's proxy on a loopback port). */
  readonly url: string;
}

/** An estate whose every group with instances serves through a load balancer. */
export interface LoadBalancedEstate {
  readonly environment: string;
  readonly type: string;
  readonly cluster: string;
  /** Every group of the estate, served or idle. */
  readonly groups: readonly string[];
  /** The groups with instances, each taking the traffic of its listener. */
  readonly served: readonly ServedGroup[];
  /** The idle blue/green slice: no instances, weight 0, launching `idleVersion` of the slice role's service. */
  readonly idleGroup: string;
  readonly idleService: string;
  readonly idleVersion: string;
  /** The image every group launches from at the start (the account's first, em-base-2026.9.0). */
  readonly imageId: string;
}

/** What shapes the estate: how many plain roles, each of one group. */
export interface LoadBalancedEstateOptions {
  readonly plainRoles: number;
  /** Instances per group with instances. */
  readonly size: number;
}

/**
 * A target group that finds a new instance healthy in two 10 s checks, with the default 300 s drain. At
 * aws-sim's 10 ms per second a check times out in 90 real ms; five failures in a row take half a real
 * second, so a busy machine stalling the instances' thread for a moment (all the checks of the estate
 * time out together) does not have Auto Scaling replace every instance, as two tighter checks did.
 */
const targetGroup = (sim: TestSim, name: string): Promise<string> =>
  createTargetGroup(sim, name, {
    intervalSeconds: 10,
    timeoutSeconds: 9,
    healthyThreshold: 2,
    unhealthyThreshold: 5,
  });

/** A load balancer named `name` with an HTTP listener on port 80 doing `action`; the listener's local URL. */
async function listener(sim: TestSim, name: string, action: Action): Promise<string> {
  const lb = await sim.elbv2.send(
    new CreateLoadBalancerCommand({
      Name: name,
      Type: 'application',
      Subnets: ['subnet-0loada', 'subnet-0loadb'],
    }),
  );
  const created = await sim.elbv2.send(
    new CreateListenerCommand({
      LoadBalancerArn: lb.LoadBalancers![0]!.LoadBalancerArn!,
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [action],
    }),
  );
  const arn = created.Listeners![0]!.ListenerArn!;
  const local = (await sim.control('GET', '/_sim/listeners')).body as { listenerArn: string; url: string }[];
  return local.find((l) => l.listenerArn === arn)!.url;
}

/**
 * Seeds the catalogue (through the API, as admin) and aws-sim (through the SDK): `plainRoles` roles
 * `web1..n` of one group each, every one behind a load balancer of its own, and a blue/green role `api`
 * whose blue slice takes all of its listener's traffic and whose green slice is idle (no instances,
 * weight 0). Waits until every group with instances is healthy in its target group.
 */
export async function givenLoadBalancedEstate(
  admin: ApiClient,
  sim: TestSim,
  options: LoadBalancedEstateOptions,
): Promise<LoadBalancedEstate> {
  const cluster = (await created(admin, '/config/clusters', aCluster({ shortName: 'lb' })))
    .ClusterName as string;
  const type = (await created(admin, '/config/environment-types', anEnvironmentType()))
    .EnvironmentType as string;
  const newService = async () =>
    (await created(admin, '/config/services', aService({ cluster }))).ServiceName as string;
  const plain = await Promise.all(
    Array.from({ length: options.plainRoles }, async (_, i) => ({
      role: `web${i + 1}`,
      service: await newService(),
      version: `1.${i + 1}.0`,
    })),
  );
  const apiService = await newService();
  const role = (name: string, service: string, fleetPerSlice: boolean) => ({
    ServerRoleName: name,
    OwningCluster: cluster,
    Services: [{ ServiceName: service }],
    AutoScalingSettings: { MinCapacity: 0, DesiredCapacity: options.size, MaxCapacity: 4 },
    InstanceType: 't3.small',
    FleetPerSlice: fleetPerSlice,
  });
  const map = (
    await created(admin, '/config/deployment-maps', {
      DeploymentMapName: unique('Map'),
      Value: {
        DeploymentTarget: [
          ...plain.map((p) => role(p.role, p.service, false)),
          role('api', apiService, true),
        ],
      },
    })
  ).DeploymentMapName as string;
  const environment = unique('lb').toLowerCase();
  await created(admin, '/config/environments', anEnvironment({ name: environment, type, cluster, map }));

  const images = (await sim.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images!;
  const imageId = images.find((i) => i.Name === 'em-base-2026.9.0')!.ImageId!;
  const served: ServedGroup[] = [];
  const healthy: Promise<void>[] = [];
  for (const p of plain) {
    // the naming rule: {environment}-{cluster short name}-{role}
    const name = `${environment}-lb-${p.role}`;
    const tg = await targetGroup(sim, `${environment}-${p.role}`);
    const url = await listener(sim, `${environment}-${p.role}`, { Type: 'forward', TargetGroupArn: tg });
    await createGroup(sim, {
      name,
      imageId,
      service: { name: p.service, version: p.version },
      desired: options.size,
      environment,
      targetGroupArn: tg,
    });
    served.push({ name, service: p.service, version: p.version, url });
    healthy.push(targetsHealthy(sim, tg, options.size));
  }
  // a blue/green role's load balancer is {environment}-{role}, its target groups {environment}-{role}-{slice}
  const blue = await targetGroup(sim, `${environment}-api-blue`);
  const green = await targetGroup(sim, `${environment}-api-green`);
  const apiUrl = await listener(sim, `${environment}-api`, {
    Type: 'forward',
    ForwardConfig: {
      TargetGroups: [
        { TargetGroupArn: blue, Weight: 100 },
        { TargetGroupArn: green, Weight: 0 },
      ],
    },
  });
  const blueGroup = `${environment}-lb-api-blue`;
  const idleGroup = `${environment}-lb-api-green`;
  await createGroup(sim, {
    name: blueGroup,
    imageId,
    service: { name: apiService, version: '2.0.0' },
    desired: options.size,
    environment,
    targetGroupArn: blue,
  });
  await createGroup(sim, {
    name: idleGroup,
    imageId,
    service: { name: apiService, version: '2.1.0' },
    desired: 0,
    environment,
    targetGroupArn: green,
  });
  served.push({ name: blueGroup, service: apiService, version: '2.0.0', url: apiUrl });
  healthy.push(targetsHealthy(sim, blue, options.size));
  await groupsInService(
    sim,
    served.map((s) => s.name),
  );
  await Promise.all(healthy);
  return {
    environment,
    type,
    cluster,
    groups: [...served.map((s) => s.name), idleGroup],
    served,
    idleGroup,
    idleService: apiService,
    idleVersion: '2.1.0',
    imageId,
  };
}
