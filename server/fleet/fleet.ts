import type { AsgReadiness } from '@shared/fleet/asg-readiness';
import type { AsgSize, AsgSizeChange } from '@shared/fleet/asg-size';
import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import type { EnvironmentServers } from '@shared/fleet/environment-servers';
import type { RunningService } from '@shared/fleet/running-service';
import type { ServiceSlice } from '@shared/fleet/service-slice';
import type { SliceName } from '@shared/fleet/slice-name';
import type { ResourceScope } from '@shared/auth/permission';
import type { Catalogue } from '../catalogue/catalogue';
import type { EnvironmentOperations } from '../environments/operations-state';
import { deployLockRefusal } from '../environments/deploy-lock-refusal';
import { ConflictError, NotFoundError } from '../errors/domain-errors';
import { environmentServersView } from './environment-servers-view';
import {
  loadEnvironmentLayout,
  roleOfGroup,
  type EnvironmentLayout,
  type RoleLayout,
} from './environment-layout';
import { otherSlice } from './fleet-names';
import { FleetPass, type FleetPorts, type TemplateVersionCache } from './fleet-pass';
import { observeRoles } from './fleet-observer';
import { readinessOf } from './readiness-of';
import { runningServicesView } from './running-services-view';
import { serviceSlicesView } from './service-slices-view';
import { sliceTrafficRefusal } from './slice-may-take-traffic';

/** What the Fleet is built from. */
export interface FleetParts {
  readonly catalogue: Catalogue;
  readonly operations: EnvironmentOperations;
  readonly ports: FleetPorts;
  readonly templates: TemplateVersionCache;
}

/** An ASG of an environment's role, as a change to it is checked: where it is and whose it is. */
export interface GroupTarget {
  readonly name: string;
  readonly environment: string;
  /** The permission scope of changing it: its role's owning cluster and the environment type. */
  readonly scope: ResourceScope;
}

/** The blue/green role that hosts a service in an environment, as a slice toggle is checked. */
export interface SliceTarget {
  readonly environment: string;
  readonly service: string;
  readonly layout: EnvironmentLayout;
  readonly role: RoleLayout;
  readonly scope: ResourceScope;
}

/**
 * The runtime views over what is deployed, and the few operations on it (resize, toggle slices). Who may
 * change what is checked around it (AuthorizedFleet), not here.
 */
export class Fleet {
  constructor(private readonly parts: FleetParts) {}

  /** One request's view of AWS (the one cache policy: see FleetPass). */
  private pass(): FleetPass {
    return new FleetPass(this.parts.ports, this.parts.templates);
  }

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
    return this.pass().groups(layout.roles.flatMap((r) => r.groups.map((g) => g.name)));
  }

  /** One ASG; with an environment, only when it is one of that environment's. */
  async group(name: string, environment?: string): Promise<AutoScalingGroup> {
    if (environment !== undefined && !roleOfGroup(await this.layout(environment), name)) {
      throw new NotFoundError(`ASG ${name} is not one of environment ${environment}`);
    }
    const group = await this.pass().group(name);
    if (!group) throw new NotFoundError(`ASG ${name} does not exist`);
    return group;
  }

  /** Whether the ASG is ready to deploy to. */
  async readiness(name: string, environment?: string): Promise<AsgReadiness> {
    return readinessOf(await this.group(name, environment));
  }

  /** The ASG as a change to it is checked: its environment (given, or its `Environment` tag) and role. */
  async groupTarget(name: string, environment?: string): Promise<GroupTarget> {
    const group = await this.group(name);
    const envName = environment ?? group.Tags.find((t) => t.Key === 'Environment')?.Value;
    if (envName === undefined) throw new NotFoundError(`ASG ${name} belongs to no environment`);
    const layout = await this.layout(envName);
    const role = roleOfGroup(layout, name);
    if (!role) throw new NotFoundError(`ASG ${name} is not one of environment ${envName}`);
    return { name, environment: envName, scope: { cluster: role.cluster, environmentType: layout.type } };
  }

  /** Resizes an ASG while the environment's deployments are unlocked; answers its size after. */
  async resize(target: GroupTarget, change: AsgSizeChange): Promise<AsgSize> {
    await this.assertUnlocked(target.environment);
    await this.parts.ports.autoScaling.updateGroup(target.name, {
      minSize: change.min,
      desiredCapacity: change.desired,
      maxSize: change.max,
    });
    const after = await this.group(target.name);
    return { min: after.MinSize, desired: after.DesiredCapacity, max: after.MaxSize };
  }

  /** Every server role of the environment as it runs. */
  async servers(environment: string): Promise<EnvironmentServers[]> {
    const layout = await this.layout(environment);
    return environmentServersView(environment, await observeRoles(this.pass(), layout));
  }

  /** The services running in the environment, with their versions, slices and roles. */
  async services(environment: string): Promise<RunningService[]> {
    const layout = await this.layout(environment);
    return runningServicesView(await observeRoles(this.pass(), layout));
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
    const [observed] = await observeRoles(this.pass(), layout, [role]);
    const slices = serviceSlicesView(environment, service, observed!);
    return active === undefined ? slices : slices.filter((s) => (s.State === 'Active') === active);
  }

  /** The blue/green role hosting the service, as a toggle is checked (404 unknown, 409 no slices). */
  async sliceTarget(environment: string, service: string): Promise<SliceTarget> {
    const layout = await this.layout(environment);
    const role = this.hostingRole(layout, service);
    if (!role) throw new ConflictError(`service ${service} has no blue/green slices in ${environment}`);
    return {
      environment,
      service,
      layout,
      role,
      scope: { cluster: role.cluster, environmentType: layout.type },
    };
  }

  /**
   * Sends all of the service's traffic to the other slice (or to `to`), while deployments are unlocked
   * and only when the slice may take it (the one gate blue/green uses too).
   */
  async toggle(target: SliceTarget, to?: SliceName): Promise<ServiceSlice[]> {
    const { environment, service, layout, role } = target;
    await this.assertUnlocked(environment);
    const [observed] = await observeRoles(this.pass(), layout, [role]);
    const routing = observed?.routing;
    if (!routing) {
      throw new ConflictError(
        `the load balancer or target groups of ${role.role} in ${environment} do not exist`,
      );
    }
    const active: SliceName = routing.slices.green.weight > routing.slices.blue.weight ? 'green' : 'blue';
    const next = to ?? otherSlice(active);
    const alreadyThere = routing.slices[otherSlice(next)].weight === 0 && routing.slices[next].weight > 0;
    if (!alreadyThere) {
      const refusal = sliceTrafficRefusal(next, routing.slices[next]);
      if (refusal) throw new ConflictError(refusal);
      await this.parts.ports.loadBalancing.setWeights(routing.listenerArn, [
        { targetGroupArn: routing.slices[next].arn, weight: 100 },
        { targetGroupArn: routing.slices[otherSlice(next)].arn, weight: 0 },
      ]);
    }
    return this.slices(environment, service);
  }
}
