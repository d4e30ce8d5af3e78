import type { AsgReadiness } from '@shared/fleet/asg-readiness';
import type { AsgSize, AsgSizeChange } from '@shared/fleet/asg-size';
import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import type { AsgServersState } from '@shared/fleet/asg-servers-state';
import type { AsgUpdate } from '@shared/fleet/asg-update';
import type { EnvironmentServers } from '@shared/fleet/environment-servers';
import type { Image } from '@shared/fleet/image';
import type { ImageReport } from '@shared/fleet/image-report';
import type { Instance } from '@shared/fleet/instance';
import type { LaunchConfig, LaunchConfigChange } from '@shared/fleet/launch-config';
import type {
  AsgIp,
  InstallationCheck,
  ServiceHealth,
  ServiceInEnvironment,
  ServiceStatusSummary,
} from '@shared/fleet/service-health';
import type { RunningService } from '@shared/fleet/running-service';
import type { ServiceSlice } from '@shared/fleet/service-slice';
import type { SliceName, SliceOrNone } from '@shared/fleet/slice-name';
import type { Principal } from '../auth/principal';
import type { Actor } from '../catalogue/record-store';
import type { Fleet } from '../fleet/fleet';
import type { InstanceQuery } from '../fleet/fleet-instances';
import type { ServiceFleet } from '../fleet/service-fleet';
import { authorizeProtectable, type Protects } from './authorize';

/**
 * The fleet as routes use it: resizing, changing or deleting an ASG, or changing what it launches with,
 * needs `operate-asgs` and toggling a service's slices
 * `toggle-slices`, each for the role's owning cluster and the environment type (what does not exist is a
 * 404 first). The views need only a signed-in caller.
 */
export class AuthorizedFleet {
  constructor(
    private readonly fleet: Fleet,
    private readonly serviceFleet: ServiceFleet,
    private readonly protects: Protects,
  ) {}

  groups(environment?: string, account?: string): Promise<AutoScalingGroup[]> {
    return this.fleet.groups(environment, account);
  }

  group(name: string, environment?: string): Promise<AutoScalingGroup> {
    return this.fleet.group(name, environment);
  }

  readiness(name: string, environment?: string): Promise<AsgReadiness> {
    return this.fleet.readiness(name, environment);
  }

  servers(environment: string): Promise<EnvironmentServers> {
    return this.fleet.servers(environment);
  }

  groupServers(environment: string, name: string): Promise<AsgServersState> {
    return this.fleet.groupServers(environment, name);
  }

  ips(name: string, environment?: string): Promise<AsgIp[]> {
    return this.fleet.ips(name, environment);
  }

  services(environment?: string, account?: string): Promise<RunningService[]> {
    return this.serviceFleet.running(environment, account);
  }

  service(environment: string, service: string): Promise<ServiceInEnvironment> {
    return this.serviceFleet.service(environment, service);
  }

  serviceGroups(environment: string, service: string, slice?: SliceOrNone): Promise<AutoScalingGroup[]> {
    return this.serviceFleet.groups(environment, service, slice);
  }

  serviceHealth(environment: string, service: string): Promise<ServiceHealth> {
    return this.serviceFleet.health(environment, service);
  }

  serviceSliceHealth(
    environment: string,
    service: string,
    slice: SliceOrNone,
  ): Promise<ServiceStatusSummary[]> {
    return this.serviceFleet.sliceHealth(environment, service, slice);
  }

  installationCheck(environment: string, service: string, slice: SliceOrNone): Promise<InstallationCheck> {
    return this.serviceFleet.installationCheck(environment, service, slice);
  }

  accountName(environment: string): Promise<string> {
    return this.fleet.accountName(environment);
  }

  async update(
    principal: Principal,
    name: string,
    body: AsgUpdate,
    environment?: string,
  ): Promise<AutoScalingGroup> {
    const target = await this.fleet.groupTarget(name, environment);
    await authorizeProtectable(principal, this.protects, 'operate-asgs', target.scope);
    return this.fleet.update(target, body);
  }

  async remove(principal: Principal, name: string, environment?: string): Promise<{ Ok: true }> {
    const target = await this.fleet.groupTarget(name, environment);
    await authorizeProtectable(principal, this.protects, 'operate-asgs', target.scope);
    return this.fleet.remove(target);
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
    await authorizeProtectable(principal, this.protects, 'operate-asgs', target.scope);
    return this.fleet.resize(target, change);
  }

  async toggle(
    principal: Principal,
    environment: string,
    service: string,
    to?: SliceName,
  ): Promise<ServiceSlice[]> {
    const target = await this.fleet.sliceTarget(environment, service);
    await authorizeProtectable(principal, this.protects, 'toggle-slices', target.scope);
    return this.fleet.toggle(target, to);
  }
  images(query: { readonly account?: string; readonly stable?: boolean }): Promise<Image[]> {
    return this.fleet.machines().images.list(query);
  }

  imageReport(environment: string, olderThanDays?: number): Promise<ImageReport> {
    return this.fleet.machines().reports.report(environment, olderThanDays);
  }

  instances(query: InstanceQuery): Promise<Instance[]> {
    return this.fleet.machines().instances.list(query);
  }

  instance(instanceId: string): Promise<Instance> {
    return this.fleet.machines().instances.get(instanceId);
  }

  launchConfig(name: string, environment?: string): Promise<LaunchConfig> {
    return this.fleet.machines().launchConfigs.get(name, environment);
  }

  async changeLaunchConfig(
    principal: Principal,
    actor: Actor,
    name: string,
    body: LaunchConfigChange,
    environment?: string,
  ): Promise<LaunchConfig> {
    const target = await this.fleet.groupTarget(name, environment);
    await authorizeProtectable(principal, this.protects, 'operate-asgs', target.scope);
    return this.fleet.machines().launchConfigs.change(target, body, actor);
  }
}
