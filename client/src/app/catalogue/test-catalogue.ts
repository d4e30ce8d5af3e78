import type { DeploymentMap } from '@shared/catalogue/deployment-map';
import type { Environment } from '@shared/catalogue/environment';
import type { Lifecycle, Service, ServiceValue } from '@shared/catalogue/service';

/** Builds a service for specs; pass only what the spec is about. */
export function testService(
  options: {
    name?: string;
    team?: string;
    lifecycle?: Lifecycle;
    tags?: string[];
    description?: string;
    version?: number;
    deleted?: boolean;
    value?: Partial<ServiceValue>;
  } = {},
): Service {
  return {
    ServiceName: options.name ?? 'checkout',
    OwningCluster: options.team ?? 'Infra',
    Value: {
      Lifecycle: options.lifecycle ?? 'production',
      ...(options.description === undefined ? {} : { Description: options.description }),
      ...(options.tags === undefined ? {} : { Tags: options.tags }),
      ...options.value,
    },
    Version: options.version ?? 3,
    ...(options.deleted ? { Deleted: true } : {}),
  };
}

const teams = ['Infra', 'Payments', 'Search', 'Tango'];
const lifecycles: Lifecycle[] = ['experimental', 'production', 'deprecated'];
const tags = ['public-api', 'batch', 'pci', 'internal', 'eu'];

/**
 * `count` services whose team, lifecycle and tag follow the index, so a spec can count the matches:
 * service i is `svc-{i}` (zero-padded to 3), team `teams[i % 4]`, lifecycle `lifecycles[i % 3]`,
 * tag `tags[i % 5]`, and every tenth says "ledger" in its description.
 */
export function generatedServices(count: number): Service[] {
  return Array.from({ length: count }, (_, i) =>
    testService({
      name: `svc-${String(i).padStart(3, '0')}`,
      team: teams[i % teams.length],
      lifecycle: lifecycles[i % lifecycles.length],
      tags: [tags[i % tags.length]!],
      description: i % 10 === 0 ? `Keeps the ledger, part ${i}` : `Service number ${i}`,
    }),
  );
}

/** Builds an environment for specs. */
export function testConfigEnvironment(name: string, deploymentMap: string): Environment {
  return {
    EnvironmentName: name,
    Value: { EnvironmentType: 'Staging', OwningCluster: 'Infra', DeploymentMap: deploymentMap },
    Version: 1,
  };
}

/** Builds a deployment map for specs whose one server role hosts `services`. */
export function testDeploymentMap(name: string, services: string[]): DeploymentMap {
  return {
    DeploymentMapName: name,
    Value: {
      DeploymentTarget: [
        {
          ServerRoleName: 'Web',
          OwningCluster: 'Infra',
          Services: services.map((ServiceName) => ({ ServiceName })),
          AutoScalingSettings: { MinCapacity: 1, DesiredCapacity: 2, MaxCapacity: 4 },
          InstanceType: 't3.small',
        },
      ],
    },
    Version: 1,
  };
}
