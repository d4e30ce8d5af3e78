import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import type { RunningService } from '@shared/fleet/running-service';
import type {
  InstallationCheck,
  ServiceHealth,
  ServiceInEnvironment,
  ServiceStatusSummary,
} from '@shared/fleet/service-health';
import type { SliceOrNone } from '@shared/fleet/slice-name';
import { environmentDefinition } from '../catalogue/definitions';
import { NotFoundError } from '../errors/domain-errors';
import { hostingRoles, loadEnvironmentLayout, type EnvironmentLayout } from './environment-layout';
import { environmentsOfAccount } from './environments-of-account';
import type { FleetParts } from './fleet';
import { observeRoles, type ObservedRole } from './fleet-observer';
import type { FleetPass } from './fleet-pass';
import { passOf } from './accounts';
import { launchServices } from './launch-services';
import { runningServicesView } from './running-services-view';
import {
  installationCheckView,
  serviceHealthView,
  serviceInEnvironmentView,
  serviceStatusSummary,
  slicesOf,
} from './service-health-view';

/**
 * The services as they run: what runs where (in one environment, an account's or all), one service in an
 * environment, its ASGs, its health and whether its version is installed. Read only: it needs no
 * permission beyond a signed-in caller.
 */
export class ServiceFleet {
  constructor(private readonly parts: Pick<FleetParts, 'catalogue' | 'accounts'>) {}

  /** One request's view of the environment's account. */
  private async pass(environment: string): Promise<FleetPass> {
    return passOf(await this.parts.accounts.ofEnvironment(environment));
  }

  private layout(environment: string): Promise<EnvironmentLayout> {
    return loadEnvironmentLayout(this.parts.catalogue, environment);
  }

  /**
   * The services running in the environment, with their versions, slices and roles; without one, in
   * every environment (or every environment of the `account`), through one pass over each account.
   */
  async running(environment?: string, account?: string): Promise<RunningService[]> {
    const names =
      environment !== undefined
        ? [environment]
        : account !== undefined
          ? [...(await environmentsOfAccount(this.parts.catalogue, account))]
          : (await this.parts.catalogue.list(environmentDefinition)).map((e) => e.value.EnvironmentName);
    const layouts = await Promise.all(
      names.sort().map(async (n) => ({
        layout: await this.layout(n),
        account: await this.parts.accounts.ofEnvironment(n),
      })),
    );
    // one pass per account (its fleet ports tell it, whatever name it was reached under)
    const passes = new Map<object, FleetPass>();
    for (const { account } of layouts)
      if (!passes.has(account.fleet)) passes.set(account.fleet, passOf(account));
    await Promise.all(
      [...passes].map(([fleet, pass]) =>
        pass.prefetch(
          layouts
            .filter((l) => l.account.fleet === fleet)
            .flatMap((l) => l.layout.roles.flatMap((r) => r.groups.map((g) => g.name))),
        ),
      ),
    );
    const views = await Promise.all(
      layouts.map(async ({ layout, account }) =>
        runningServicesView(layout.name, await observeRoles(passes.get(account.fleet)!, layout)),
      ),
    );
    return views.flat();
  }

  /** The observed roles of the environment, after checking the service is in its map (404 otherwise). */
  private async observed(
    environment: string,
    service: string,
  ): Promise<{ pass: FleetPass; roles: ObservedRole[] }> {
    const layout = await this.layout(environment);
    hostingRoles(layout, service);
    const pass = await this.pass(environment);
    return { pass, roles: await observeRoles(pass, layout) };
  }

  /** Where a service runs in the environment, role by role. */
  async service(environment: string, service: string): Promise<ServiceInEnvironment> {
    const { roles } = await this.observed(environment, service);
    return serviceInEnvironmentView(environment, roles, service);
  }

  /** The ASGs of the roles hosting the service (those of one slice, when given). */
  async groups(environment: string, service: string, slice?: SliceOrNone): Promise<AutoScalingGroup[]> {
    const layout = await this.layout(environment);
    const names = hostingRoles(layout, service)
      .flatMap((r) => r.groups.filter((g) => slice === undefined || (g.slice ?? 'none') === slice))
      .map((g) => g.name);
    return (await this.pass(environment)).groups(names);
  }

  /** The health of the service over its slices. */
  async health(environment: string, service: string): Promise<ServiceHealth> {
    const { roles } = await this.observed(environment, service);
    return serviceHealthView(environment, roles, service);
  }

  /** The health of one slice of the service (404 for a slice it does not have). */
  async sliceHealth(
    environment: string,
    service: string,
    slice: SliceOrNone,
  ): Promise<ServiceStatusSummary[]> {
    const { roles } = await this.observed(environment, service);
    assertSlice(roles, environment, service, slice);
    return [serviceStatusSummary(environment, roles, service, slice)];
  }

  /** Whether every instance of the slice runs the version its ASG launches new instances with. */
  async installationCheck(
    environment: string,
    service: string,
    slice: SliceOrNone,
  ): Promise<InstallationCheck> {
    const { pass, roles } = await this.observed(environment, service);
    assertSlice(roles, environment, service, slice);
    const groups = roles.flatMap((r) => r.groups.flatMap((g) => (g.group ? [g.group] : [])));
    const launches = await launchServices(pass, groups);
    const expected = new Map(
      [...launches].map(([name, services]) => [name, services.find((s) => s.name === service)?.version]),
    );
    return installationCheckView(environment, roles, service, slice, expected);
  }
}

function assertSlice(
  roles: readonly ObservedRole[],
  environment: string,
  service: string,
  slice: SliceOrNone,
): void {
  const slices = slicesOf(roles, service);
  if (!slices.includes(slice)) {
    throw new NotFoundError(
      `service ${service} has no slice ${slice} in ${environment} (it has ${slices.join(', ')})`,
    );
  }
}
