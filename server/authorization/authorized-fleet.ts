import type { AsgReadiness } from '@shared/fleet/asg-readiness';
import type { AsgSize, AsgSizeChange } from '@shared/fleet/asg-size';
import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import type { EnvironmentServers } from '@shared/fleet/environment-servers';
import type { RunningService } from '@shared/fleet/running-service';
import type { ServiceSlice } from '@shared/fleet/service-slice';
import type { SliceName } from '@shared/fleet/slice-name';
import type { Principal } from '../auth/principal';
import type { Fleet } from '../fleet/fleet';
import { authorize } from './authorize';

/**
 * The fleet as routes use it: resizing an ASG needs `operate-asgs` and toggling a service's slices
 * `toggle-slices`, each for the role's owning cluster and the environment type (what does not exist is a
 * 404 first). The views need only a signed-in caller.
 */
export class AuthorizedFleet {
  constructor(private readonly fleet: Fleet) {}

  groups(environment: string): Promise<AutoScalingGroup[]> {
    return this.fleet.groups(environment);
  }

  group(name: string, environment?: string): Promise<AutoScalingGroup> {
    return this.fleet.group(name, environment);
  }

  readiness(name: string, environment?: string): Promise<AsgReadiness> {
    return this.fleet.readiness(name, environment);
  }

  servers(environment: string): Promise<EnvironmentServers[]> {
    return this.fleet.servers(environment);
  }

  services(environment: string): Promise<RunningService[]> {
    return this.fleet.services(environment);
  }

  slices(environment: string, service: string, active?: boolean): Promise<ServiceSlice[]> {
    return this.fleet.slices(environment, service, active);
  }

  async resize(
    principal: Principal,
    name: string,
    change: AsgSizeChange,
    environment?: string,
  ): Promise<AsgSize> {
    const target = await this.fleet.groupTarget(name, environment);
    await authorize(principal, { action: 'operate-asgs', scopes: [target.scope] });
    return this.fleet.resize(target, change);
  }

  async toggle(
    principal: Principal,
    environment: string,
    service: string,
    to?: SliceName,
  ): Promise<ServiceSlice[]> {
    const target = await this.fleet.sliceTarget(environment, service);
    await authorize(principal, { action: 'toggle-slices', scopes: [target.scope] });
    return this.fleet.toggle(target, to);
  }
}
