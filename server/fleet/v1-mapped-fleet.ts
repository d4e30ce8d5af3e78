import type { ServiceSlice } from '@shared/fleet/service-slice';
import type { SliceName } from '@shared/fleet/slice-name';
import type { Principal } from '../auth/principal';
import type { Catalogue } from '../catalogue/catalogue';
import { environmentDefinition, serviceDefinition } from '../catalogue/definitions';
import { NotFoundError } from '../errors/domain-errors';
import { loadEnvironmentLayout, type EnvironmentLayout, type RoleLayout } from './environment-layout';
import type { SliceRoutingNames } from './fleet-names';
import { passOf, type AccountPorts, type Accounts } from './accounts';
import { lbSettingView, type LBSetting } from './v1-lb-setting';
import { loadBalancerUpstreamsView, type LoadBalancerUpstream } from './v1-load-balancer-upstream';
import type { ServiceUpstream } from './v1-service-upstream';
import { groupTemplateRef, targetStateView, type TargetState } from './v1-target-state';
import { upstreamConfigView, type UpstreamConfig } from './v1-upstream-config';
import { environmentOfUpstreamKey, serviceCandidates } from './v1-upstream-names';
import { upstreamSlicesView, type UpstreamSlice } from './v1-upstream-slice';

/** The slice views and the gated toggle of blue/green services (AuthorizedFleet is one). */
export interface SliceOperations {
  slices(environment: string, service: string, active?: boolean): Promise<ServiceSlice[]>;
  toggle(principal: Principal, environment: string, service: string, to?: SliceName): Promise<ServiceSlice[]>;
}

/** Which environments a listing covers: all, those named, or those of the named types (load balancer groups). */
export interface EnvironmentFilter {
  readonly environments?: readonly string[];
  readonly environmentTypes?: readonly string[];
}

/** What the v1 views of the original's Consul and NGINX records read from. */
export interface V1MappedFleetParts {
  readonly catalogue: Catalogue;
  readonly accounts: Accounts;
  readonly slices: SliceOperations;
}

/** A service upstream as found in an environment: the role that hosts it and its routing names. */
interface UpstreamTarget {
  readonly layout: EnvironmentLayout;
  readonly role: RoleLayout & { readonly routing: SliceRoutingNames };
  readonly service: string;
}

/** The value of a read, or undefined when what it reads does not exist. */
async function unlessNotFound<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

function blueGreenRoles(layout: EnvironmentLayout): (RoleLayout & { routing: SliceRoutingNames })[] {
  return layout.roles.filter(
    (r): r is RoleLayout & { routing: SliceRoutingNames } => r.routing !== undefined,
  );
}

/**
 * The original's target state (Consul) and upstreams, virtual hosts and load balancer status (NGINX),
 * mapped onto what this portal observes: each ASG's launch template and each blue/green role's load
 * balancer. Read only, but for the upstream toggle, which is the slice toggle with its permission and gate.
 */
export class V1MappedFleet {
  constructor(private readonly parts: V1MappedFleetParts) {}

  private layout(environment: string): Promise<EnvironmentLayout> {
    return loadEnvironmentLayout(this.parts.catalogue, environment);
  }

  /** What each ASG of the environment's roles should run: its launch template version's services. */
  async targetState(environment: string, serverRole?: string): Promise<TargetState> {
    const layout = await this.layout(environment);
    const roles = layout.roles.filter((r) => serverRole === undefined || r.role === serverRole);
    const pass = passOf(await this.parts.accounts.ofEnvironment(layout.name));
    const groups = await pass.groups(roles.flatMap((r) => r.groups.map((g) => g.name)));
    const versions = await pass.templateVersions(groups.flatMap((g) => groupTemplateRef(g) ?? []));
    return targetStateView(
      environment,
      roles,
      new Map(groups.map((g) => [g.AutoScalingGroupName, g])),
      versions,
    );
  }

  /** The layouts of the environments the filter covers; environments whose map cannot be read are left out. */
  private async layouts(filter: EnvironmentFilter): Promise<EnvironmentLayout[]> {
    const all = await this.parts.catalogue.list(environmentDefinition);
    const wanted = all.filter(
      (e) =>
        (!filter.environments || filter.environments.includes(e.key)) &&
        (!filter.environmentTypes || filter.environmentTypes.includes(e.value.Value.EnvironmentType)),
    );
    const layouts = await Promise.all(
      // an environment whose deployment map or cluster is missing has no upstreams to show
      wanted.map((e) => unlessNotFound(this.layout(e.key))),
    );
    return layouts.filter((l): l is EnvironmentLayout => l !== undefined);
  }

  /** The service's catalogue ports by slice (none for a service no longer in the catalogue). */
  private async ports(service: string): Promise<Partial<Record<SliceName, number>>> {
    const record = await unlessNotFound(this.parts.catalogue.get(serviceDefinition, service));
    if (!record) return {};
    const value = record.value.Value;
    return {
      ...(value.BluePort !== undefined ? { blue: value.BluePort } : {}),
      ...(value.GreenPort !== undefined ? { green: value.GreenPort } : {}),
    };
  }

  private async upstreamsOf(layout: EnvironmentLayout, only?: string): Promise<ServiceUpstream[]> {
    const roles = blueGreenRoles(layout).filter((r) => only === undefined || r.services.includes(only));
    const { loadBalancers } = await this.parts.accounts.ofEnvironment(layout.name);
    const perRole = await Promise.all(
      roles.map(async (role) => {
        const loadBalancer = await loadBalancers.describe(role.routing.loadBalancer);
        const services = role.services.filter((s) => only === undefined || s === only);
        return Promise.all(
          services.map(async (service): Promise<ServiceUpstream> => ({
            environment: layout.name,
            environmentType: layout.type,
            service,
            role,
            routing: role.routing,
            ports: await this.ports(service),
            ...(loadBalancer ? { loadBalancer } : {}),
          })),
        );
      }),
    );
    return perRole.flat();
  }

  /** The upstream records of the environments the filter covers: one per service of a blue/green role. */
  async upstreamConfigs(filter: EnvironmentFilter): Promise<UpstreamConfig[]> {
    const layouts = await this.layouts(filter);
    const upstreams = (await Promise.all(layouts.map((l) => this.upstreamsOf(l)))).flat();
    return upstreams.map(upstreamConfigView).sort((a, b) => a.key.localeCompare(b.key));
  }

  /** An upstream record by its key (`/{env}_{env}-{service}/config`) or its name (`{env}-{service}`). */
  async upstreamConfig(name: string): Promise<UpstreamConfig> {
    const fromKey = environmentOfUpstreamKey(name);
    const environments = fromKey
      ? [fromKey]
      : (await this.parts.catalogue.list(environmentDefinition))
          .map((e) => e.key)
          .filter((env) => name.startsWith(`${env}-`));
    for (const environment of environments) {
      const target = await unlessNotFound(this.upstreamTarget(name, environment));
      if (target) {
        const [upstream] = await this.upstreamsOf(target.layout, target.service);
        if (upstream) return upstreamConfigView(upstream);
      }
    }
    throw new NotFoundError(`no upstream ${name}: upstreams are the services of blue/green roles`);
  }

  /** The service an upstream name stands for in the environment, and the blue/green role hosting it. */
  private async upstreamTarget(name: string, environment: string): Promise<UpstreamTarget> {
    const layout = await this.layout(environment);
    for (const service of serviceCandidates(name, environment)) {
      const role = blueGreenRoles(layout).find((r) => r.services.includes(service));
      if (role) return { layout, role, service };
    }
    throw new NotFoundError(
      `no upstream ${name} in ${environment}: upstreams are the services of its blue/green roles, named {environment}-{service}`,
    );
  }

  /** The slices behind an upstream's listener. */
  async upstreamSlices(name: string, environment: string, active?: boolean): Promise<UpstreamSlice[]> {
    const target = await this.upstreamTarget(name, environment);
    const slices = await this.parts.slices.slices(environment, target.service, active);
    return upstreamSlicesView(slices, target.role.routing, await this.ports(target.service));
  }

  /** Toggles an upstream's slices: the service's slice toggle, with its permission check and health gate. */
  async toggleUpstream(
    principal: Principal,
    name: string,
    environment: string,
    to?: SliceName,
  ): Promise<UpstreamSlice[]> {
    const target = await this.upstreamTarget(name, environment);
    const slices = await this.parts.slices.toggle(principal, environment, target.service, to);
    return upstreamSlicesView(slices, target.role.routing, await this.ports(target.service));
  }

  /** The virtual hosts (the blue/green roles' load balancers) of the environments the filter covers. */
  async lbSettings(filter: EnvironmentFilter & { readonly frontEnd?: boolean }): Promise<LBSetting[]> {
    const layouts = await this.layouts(filter);
    const settings = await Promise.all(
      layouts.flatMap((layout) =>
        blueGreenRoles(layout).map(async (role) => {
          const { loadBalancers } = await this.parts.accounts.ofEnvironment(layout.name);
          const lb = await loadBalancers.describe(role.routing.loadBalancer);
          return lb ? lbSettingView(layout.name, role.services, lb) : undefined;
        }),
      ),
    );
    return settings
      .filter((s): s is LBSetting => s !== undefined)
      .filter((s) => filter.frontEnd === undefined || s.Value.FrontEnd === filter.frontEnd)
      .sort(
        (a, b) =>
          a.EnvironmentName.localeCompare(b.EnvironmentName) || a.VHostName.localeCompare(b.VHostName),
      );
  }

  /** One virtual host of an environment by its name (the load balancer's). */
  async lbSetting(environment: string, vHostName: string): Promise<LBSetting> {
    const found = (await this.lbSettings({ environments: [environment] })).find(
      (s) => s.VHostName === vHostName,
    );
    if (!found) {
      await this.layout(environment); // an unknown environment is its own 404
      throw new NotFoundError(`environment ${environment} has no load balancer ${vHostName}`);
    }
    return found;
  }

  /** A load balancer's target groups and targets, by its name or DNS name, in the first account that has it. */
  async loadBalancer(id: string): Promise<LoadBalancerUpstream[]> {
    let lb: Awaited<ReturnType<AccountPorts['loadBalancers']['describe']>>;
    for (const account of await this.parts.accounts.all()) {
      lb = await account.loadBalancers.describe(id);
      if (lb) break;
    }
    if (!lb) throw new NotFoundError(`no load balancer named ${id} (give its name or DNS name)`);
    return loadBalancerUpstreamsView(lb);
  }
}
