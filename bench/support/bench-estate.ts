// The estates the benchmarks deploy and patch: catalogue records through the API, groups in aws-sim.
import {
  CreateAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
} from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateCommand } from '@aws-sdk/client-ec2';
import { aCluster, anEnvironmentType, aService, created } from '../../test/fixtures/builders';
import type { ApiClient } from '../../test/support/api-client';
import type { SimProcess } from '../../test/support/sim-process';

/** A launch template and an EC2-health-checked group of `size` instances running `service`@1.0.0. */
export async function createGroup(
  sim: SimProcess,
  options: { name: string; imageId: string; service: string; size: number; environment: string },
): Promise<void> {
  const userData = Buffer.from(
    JSON.stringify({ services: [{ name: options.service, version: '1.0.0' }], healthPath: '/health' }),
  ).toString('base64');
  await sim.ec2.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: options.name,
      LaunchTemplateData: { ImageId: options.imageId, InstanceType: 't3.small', UserData: userData },
    }),
  );
  await sim.autoScaling.send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: options.name,
      LaunchTemplate: { LaunchTemplateName: options.name, Version: '$Latest' },
      MinSize: 0,
      MaxSize: options.size,
      DesiredCapacity: options.size,
      AvailabilityZones: ['eu-west-1a', 'eu-west-1b'],
      HealthCheckType: 'EC2',
      HealthCheckGracePeriod: 60,
      Tags: [{ Key: 'Environment', Value: options.environment, PropagateAtLaunch: true }],
    }),
  );
}

/** Waits until every named group has all its desired instances InService. */
export async function groupsInService(sim: SimProcess, names: string[]): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    let ready = 0;
    for (let i = 0; i < names.length; i += 50) {
      const res = await sim.autoScaling.send(
        new DescribeAutoScalingGroupsCommand({
          AutoScalingGroupNames: names.slice(i, i + 50),
          MaxRecords: 50,
        }),
      );
      ready += (res.AutoScalingGroups ?? []).filter(
        (g) =>
          g.Instances!.length === g.DesiredCapacity &&
          g.Instances!.every((x) => x.LifecycleState === 'InService'),
      ).length;
    }
    if (ready === names.length) return;
    if (Date.now() > deadline) throw new Error(`only ${ready} of ${names.length} groups came into service`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Catalogue: one environment per map of `roles` (each role one service); returns the environments' roles. */
export async function seedCatalogue(
  admin: ApiClient,
  layout: { environment: string; roles: string[] }[],
): Promise<{ short: string; services: Map<string, string> }> {
  const short = 'bn';
  const cluster = (await created(admin, '/config/clusters', aCluster({ shortName: short }))).ClusterName;
  const type = (await created(admin, '/config/environment-types', anEnvironmentType())).EnvironmentType;
  const services = new Map<string, string>();
  for (const { environment, roles } of layout) {
    const targets = [];
    for (const role of roles) {
      const service = (
        await created(admin, '/config/services', aService({ cluster, name: `${environment}-${role}` }))
      ).ServiceName as string;
      services.set(`${environment}/${role}`, service);
      targets.push({
        ServerRoleName: role,
        OwningCluster: cluster,
        Services: [{ ServiceName: service }],
        AutoScalingSettings: { MinCapacity: 0, DesiredCapacity: 2, MaxCapacity: 100 },
        InstanceType: 't3.small',
      });
    }
    const map = (
      await created(admin, '/config/deployment-maps', {
        DeploymentMapName: `map-${environment}`,
        Value: { DeploymentTarget: targets },
      })
    ).DeploymentMapName;
    await created(admin, '/config/environments', {
      EnvironmentName: environment,
      Value: { EnvironmentType: type, OwningCluster: cluster, DeploymentMap: map },
    });
  }
  return { short, services };
}

/** The catalogue for `layout` and a group of `size` in service for each of its roles; answers them. */
export async function givenGroups(
  sim: SimProcess,
  admin: ApiClient,
  imageId: string,
  layout: { environment: string; roles: string[] }[],
  size: number,
): Promise<{ environment: string; group: string; service: string }[]> {
  const { short, services } = await seedCatalogue(admin, layout);
  const targets = layout.flatMap(({ environment, roles }) =>
    roles.map((role) => ({
      environment,
      group: `${environment}-${short}-${role}`,
      service: services.get(`${environment}/${role}`)!,
    })),
  );
  for (const t of targets)
    await createGroup(sim, { name: t.group, imageId, service: t.service, size, environment: t.environment });
  await groupsInService(
    sim,
    targets.map((t) => t.group),
  );
  return targets;
}
