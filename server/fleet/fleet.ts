import type { AsgReadiness } from '@shared/fleet/asg-readiness';
import type { AsgSize, AsgSizeChange } from '@shared/fleet/asg-size';
import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import type { EnvironmentServers } from '@shared/fleet/environment-servers';
import type { RunningService } from '@shared/fleet/running-service';
import type { ServiceSlice } from '@shared/fleet/service-slice';
import type { SliceName } from '@shared/fleet/slice-name';
import type { Principal } from '../auth/principal';
import type { Catalogue } from '../catalogue/catalogue';
import type { EnvironmentOperations } from '../environments/operations-state';
import { deployLockRefusal } from '../environments/deploy-lock-refusal';
import { ConflictError, NotFoundError } from '../errors/domain-errors';
import { authorize } from '../authorization/authorize';
import { assertSliceCanTakeTraffic } from './assert-slice-can-take-traffic';
import type { AutoScalingGateway } from './auto-scaling-gateway';
import { environmentServersView } from './environment-servers-view';
import {
  loadEnvironmentLayout,
  roleOfGroup,
  type EnvironmentLayout,
  type RoleLayout,
} from './environment-layout';
import type { FleetObserver } from './fleet-observer';
import type { LoadBalancerGateway } from './load-balancer-gateway';
import { readinessOf } from './readiness-of';
import { runningServicesView } from './running-services-view';
import { serviceSlicesView } from './service-slices-view';

/** What the Fleet is built from. */
export interface FleetParts {
  readonly catalogue: Catalogue;
  readonly operations: EnvironmentOperations;
  readonly autoScaling: AutoScalingGateway;
  readonly loadBalancers: LoadBalancerGateway;
  readonly observer: FleetObserver;
}

const otherSlice = (s: SliceName): SliceName => (s === 'blue' ? 'green' : 'blue');

/** The runtime views over what is deployed, and the few operations on it (resize, toggle slices). */
export class Fleet {
  constructor(private readonly parts: FleetParts) {}

  private layout(environment: string): Promise<EnvironmentLayout> {
    return loadEnvironmentLayout(this.parts.catalogue, environment);
  }

  private async assertUnlocked(environment: string): Promise<void> {
    const refusal = deployLockRefusal(environment, (await this.parts.operations.get(environment)).Value);
    if (refusal) throw refusal;
  }

  /** The ASGs of the server roles of the environment's deployment map. */
  async groups(environment: string): Promise<AutoScalingGroup[]> {
    const layout = await this.layout(environment);
    return this.parts.autoScaling.describeGroups(layout.roles.flatMap((r) => r.groups.map((g) => g.name)));
  }

  /** One ASG; with an environment, only when it is one of that environment's. */
  async group(name: string, environment?: string): Promise<AutoScalingGroup> {
    if (environment !== undefined && !roleOfGroup(await this.layout(environment), name)) {
      throw new NotFoundError(`ASG ${name} is not one of environment ${environment}`);
    }
    const [group] = await this.parts.autoScaling.describeGroups([name]);
    if (!group) throw new NotFoundError(`ASG ${name} does not exist`);
    return group;
  }

  /** Whether the ASG is ready to deploy to. */
  async readiness(name: string, environment?: string): Promise<AsgReadiness> {
    return readinessOf(await this.group(name, environment));
  }

  /**
   * Resizes an ASG: needs `operate-asgs` for the cluster owning its role and the environment's type, and
   * the environment's deployments unlocked. The environment is the one given or the group's tag.
   */
  async resize(
    principal: Principal,
    name: string,
    change: AsgSizeChange,
    environment?: string,
  ): Promise<AsgSize> {
    const group = await this.group(name);
    const envName = environment ?? group.Tags.find((t) => t.Key === 'Environment')?.Value;
    if (envName === undefined) throw new NotFoundError(`ASG ${name} belongs to no environment`);
    const layout = await this.layout(envName);
    const role = roleOfGroup(layout, name);
    if (!role) throw new NotFoundError(`ASG ${name} is not one of environment ${envName}`);
    await authorize(principal, {
      action: 'operate-asgs',
      scopes: [{ cluster: role.cluster, environmentType: layout.type }],
    });
    await this.assertUnlocked(envName);
    await this.parts.autoScaling.resize(name, change);
    const after = await this.group(name);
    return { min: after.MinSize, desired: after.DesiredCapacity, max: after.MaxSize };
  }

  /** Every server role of the environment as it runs. */
  async servers(environment: string): Promise<EnvironmentServers[]> {
    const layout = await this.layout(environment);
    return environmentServersView(environment, await this.parts.observer.observe(layout));
  }

  /** The services running in the environment, with their versions, slices and roles. */
  async services(environment: string): Promise<RunningService[]> {
    const layout = await this.layout(environment);
    return runningServicesView(await this.parts.observer.observe(layout));
  }

  private hostingRole(layout: EnvironmentLayout, service: string): RoleLayout | undefined {
    const hosts = layout.roles.filter((r) => r.services.includes(service));
    if (!hosts.length) {
      throw new NotFoundError(`service ${service} is not in the deployment map of ${layout.name}`);
    }
    return hosts.find((r) => r.fleetPerSlice);
  }

  /** The blue and green slices of the service (none when its role has no fleet per slice). */
  async slices(environment: string, service: string, active?: boolean): Promise<ServiceSlice[]> {
    const layout = await this.layout(environment);
    const role = this.hostingRole(layout, service);
    if (!role) return [];
    const [observed] = await this.parts.observer.observe(layout, [role]);
    const slices = serviceSlicesView(environment, service, observed!);
    return active === undefined ? slices : slices.filter((s) => (s.State === 'Active') === active);
  }

  /**
   * Sends all of the service's traffic to the other slice (or to `to`): needs `toggle-slices` for the
   * role's cluster and the environment's type, deployments unlocked, and the target slice healthy.
   */
  async toggle(
    principal: Principal,
    environment: string,
    service: string,
    to?: SliceName,
  ): Promise<ServiceSlice[]> {
    const layout = await this.layout(environment);
    const role = this.hostingRole(layout, service);
    if (!role) throw new ConflictError(`service ${service} has no blue/green slices in ${environment}`);
    await authorize(principal, {
      action: 'toggle-slices',
      scopes: [{ cluster: role.cluster, environmentType: layout.type }],
    });
    await this.assertUnlocked(environment);
    const [observed] = await this.parts.observer.observe(layout, [role]);
    const routing = observed?.routing;
    if (!routing) {
      throw new ConflictError(
        `the load balancer or target groups of ${role.role} in ${environment} do not exist`,
      );
    }
    const active: SliceName = routing.slices.green.weight > routing.slices.blue.weight ? 'green' : 'blue';
    const target = to ?? otherSlice(active);
    const alreadyThere = routing.slices[otherSlice(target)].weight === 0 && routing.slices[target].weight > 0;
    if (!alreadyThere) {
      assertSliceCanTakeTraffic(target, routing.slices[target]);
      await this.parts.loadBalancers.setWeights(routing.listenerArn, [
        { targetGroupArn: routing.slices[target].arn, weight: 100 },
        { targetGroupArn: routing.slices[otherSlice(target)].arn, weight: 0 },
      ]);
    }
    return this.slices(environment, service);
  }
}
