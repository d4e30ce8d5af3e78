import type { AsgReadiness } from '@shared/fleet/asg-readiness';
import type { AsgSize, AsgSizeChange } from '@shared/fleet/asg-size';
import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import type { AsgServersState } from '@shared/fleet/asg-servers-state';
import { ASG_SETTINGS, ASG_STATE, type AsgUpdate } from '@shared/fleet/asg-update';
import type { EnvironmentServers } from '@shared/fleet/environment-servers';
import type { AsgIp } from '@shared/fleet/service-health';
import type { ServiceSlice } from '@shared/fleet/service-slice';
import type { SliceName } from '@shared/fleet/slice-name';
import type { ResourceScope } from '@shared/auth/permission';
import { isDeepStrictEqual } from 'node:util';
import { deployLockRefusal } from '../environments/deploy-lock-refusal';
import { ConflictError, InputError, NotFoundError } from '../errors/domain-errors';
import { environmentDefinition } from '../catalogue/definitions';
import { locateGroup, passOf, type AccountPorts } from './accounts';
import type { FleetPass } from './fleet-pass';
import { asgServersStateView } from './asg-servers-state-view';
import { environmentsOfAccount, environmentTag } from './environments-of-account';
import type { GroupChange } from './auto-scaling';
import { launchServices } from './launch-services';
import { environmentServersView } from './environment-servers-view';
import {
  loadEnvironmentLayout,
  roleOfGroup,
  sliceRoleOf,
  type EnvironmentLayout,
  type RoleLayout,
} from './environment-layout';
import { otherSlice } from './fleet-names';
import { assertGroupMayChange } from './group-change-refusal';
import { machinesOf, type MachineParts, type Machines } from './machines';
import { observeRoles } from './fleet-observer';
import { readinessOf } from './readiness-of';
import { serviceSlicesView } from './service-slices-view';
import { sliceTrafficRefusal } from './slice-may-take-traffic';

/** What the Fleet is built from: the parts of its machine views. */
export type FleetParts = MachineParts;

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
  private machinesOnce: Machines | undefined;

  constructor(private readonly parts: FleetParts) {}

  /** The images, the instances, what ASGs launch with and the image report, over the same parts. */
  machines(): Machines {
    return (this.machinesOnce ??= machinesOf(this.parts, (name, environment) =>
      this.group(name, environment),
    ));
  }

  /** One request's view of an environment's AWS account (the one cache policy: see FleetPass). */
  private async pass(environment: string): Promise<FleetPass> {
    return passOf(await this.parts.accounts.ofEnvironment(environment));
  }

  /** The ports of the account an environment lives in. */
  private account(environment: string): Promise<AccountPorts> {
    return this.parts.accounts.ofEnvironment(environment);
  }

  private layout(environment: string): Promise<EnvironmentLayout> {
    return loadEnvironmentLayout(this.parts.catalogue, environment);
  }

  private async assertUnlocked(environment: string): Promise<void> {
    const refusal = deployLockRefusal(environment, (await this.parts.operations.get(environment)).Value);
    if (refusal) throw refusal;
  }

  /**
   * The ASGs of the server roles of the environment's deployment map; without an environment, every ASG
   * of every account the portal works in, or (`account`) those of that account tagged with an
   * environment of its environment types, as the original listed them.
   */
  async groups(environment?: string, account?: string): Promise<AutoScalingGroup[]> {
    if (environment !== undefined) {
      const layout = await this.layout(environment);
      return (await this.pass(environment)).groups(layout.roles.flatMap((r) => r.groups.map((g) => g.name)));
    }
    if (account === undefined) {
      const all = await Promise.all(
        (await this.parts.accounts.all()).map((a) => a.fleet.autoScaling.listGroups()),
      );
      return all.flat();
    }
    const [all, environments] = await Promise.all([
      this.parts.accounts.named(account).then((a) => a.fleet.autoScaling.listGroups()),
      environmentsOfAccount(this.parts.catalogue, account),
    ]);
    return all.filter((g) => environments.has(environmentTag(g.Tags) ?? ''));
  }

  /**
   * One ASG; with an environment, only when it is one of that environment's (read in its account);
   * without one, the first of the portal's accounts that has a group of that name.
   */
  async group(name: string, environment?: string): Promise<AutoScalingGroup> {
    if (environment !== undefined && !roleOfGroup(await this.layout(environment), name)) {
      throw new NotFoundError(`ASG ${name} is not one of environment ${environment}`);
    }
    const group =
      environment === undefined
        ? (await locateGroup(this.parts.accounts, name))?.group
        : await (await this.pass(environment)).group(name);
    if (!group) throw new NotFoundError(`ASG ${name} does not exist`);
    return group;
  }

  /** Whether the ASG is ready to deploy to. */
  async readiness(name: string, environment?: string): Promise<AsgReadiness> {
    return readinessOf(await this.group(name, environment));
  }

  /** The ASG as a change to it is checked: its environment (given, or its `Environment` tag) and role. */
  async groupTarget(name: string, environment?: string): Promise<GroupTarget> {
    const envName = environment ?? environmentTag((await this.group(name)).Tags);
    if (envName === undefined) throw new NotFoundError(`ASG ${name} belongs to no environment`);
    const layout = await this.layout(envName);
    const role = roleOfGroup(layout, name);
    if (!role) throw new NotFoundError(`ASG ${name} is not one of environment ${envName}`);
    // named with its environment: it must exist in that environment's account (the layout is read once)
    if (environment !== undefined && !(await (await this.pass(environment)).group(name))) {
      throw new NotFoundError(`ASG ${name} does not exist`);
    }
    return { name, environment: envName, scope: { cluster: role.cluster, environmentType: layout.type } };
  }

  /** Resizes an ASG while the environment's deployments are unlocked; answers its size after. */
  async resize(target: GroupTarget, change: AsgSizeChange): Promise<AsgSize> {
    await this.assertUnlocked(target.environment);
    await (
      await this.account(target.environment)
    ).fleet.autoScaling.updateGroup(target.name, {
      minSize: change.min,
      desiredCapacity: change.desired,
      maxSize: change.max,
    });
    const after = await this.group(target.name, target.environment);
    return { min: after.MinSize, desired: after.DesiredCapacity, max: after.MaxSize };
  }

  /** The environment's ASGs and server roles as they run. */
  async servers(environment: string): Promise<EnvironmentServers> {
    const [layout, account] = await Promise.all([this.layout(environment), this.account(environment)]);
    const pass = passOf(account);
    const roles = await observeRoles(pass, layout);
    return environmentServersView(
      environment,
      roles,
      await this.machines().images.launchImages(account, pass, roles),
    );
  }

  /** One ASG of the environment: what it should run against what each of its instances runs. */
  async groupServers(environment: string, name: string): Promise<AsgServersState> {
    const layout = await this.layout(environment);
    const role = roleOfGroup(layout, name);
    if (!role) throw new NotFoundError(`ASG ${name} is not one of environment ${environment}`);
    const pass = await this.pass(environment);
    const [observed] = await observeRoles(pass, layout, [role]);
    const group = observed!.groups.find((g) => g.name === name)!;
    if (!group.group) throw new NotFoundError(`ASG ${name} does not exist`);
    const expected = await launchServices(pass, [group.group]);
    return asgServersStateView(environment, observed!, group, expected.get(name) ?? []);
  }

  /** The private addresses of an ASG's instances. */
  async ips(name: string, environment?: string): Promise<AsgIp[]> {
    const { group, account } =
      environment === undefined
        ? ((await locateGroup(this.parts.accounts, name)) ?? { group: undefined, account: undefined })
        : { group: await this.group(name, environment), account: await this.account(environment) };
    if (!group || !account) throw new NotFoundError(`ASG ${name} does not exist`);
    const found = new Map(
      (await account.instances.describe(group.Instances.map((i) => i.InstanceId))).map((i) => [
        i.instanceId,
        i,
      ]),
    );
    return group.Instances.map((i) => {
      const ec2 = found.get(i.InstanceId);
      return {
        InstanceId: i.InstanceId,
        PrivateIpAddress: ec2?.privateIpAddress ?? null,
        AvailabilityZone: i.AvailabilityZone,
        LifecycleState: i.LifecycleState,
        State: ec2?.state ?? 'terminated',
      };
    });
  }

  /**
   * The AWS account name of the environment: its type's account (`AWSAccountName`, or the account of its
   * `AWSAccountNumber`), as /config/accounts names it.
   */
  async accountName(environment: string): Promise<string> {
    const account = await this.parts.accounts.accountOfEnvironment(environment);
    if (!account) {
      const env = (await this.parts.catalogue.get(environmentDefinition, environment)).value.Value;
      throw new NotFoundError(
        `environment type ${env.EnvironmentType} of ${environment} names no account (AWSAccountName or AWSAccountNumber)`,
      );
    }
    return account.AccountName;
  }

  /**
   * Changes an ASG's settings (`PUT /asgs/{name}`) while the environment's deployments are unlocked:
   * the ASG_SETTINGS given; the group's state is ignored; any other field must be what the group has.
   */
  async update(target: GroupTarget, body: AsgUpdate): Promise<AutoScalingGroup> {
    await this.assertUnlocked(target.environment);
    const current = await this.group(target.name, target.environment);
    const ignored = new Set<string>([...ASG_SETTINGS, ...ASG_STATE]);
    const fixed = Object.entries(body).filter(
      ([key, value]) =>
        !ignored.has(key) &&
        value !== undefined &&
        !(key === 'LaunchConfigurationName' && !value) &&
        !isDeepStrictEqual(value, (current as Record<string, unknown>)[key]),
    );
    if (fixed.length) {
      throw new InputError(
        `PUT /asgs/{name} changes only ${ASG_SETTINGS.join(', ')}; the group's zones, subnets, tags, launch template and target groups are the catalogue's and the deployments'`,
        fixed.map(([key]) => ({
          field: `body.${key}`,
          message: 'cannot be changed here: send the value the group has, or leave it out',
        })),
      );
    }
    const min = body.MinSize ?? current.MinSize;
    const max = body.MaxSize ?? current.MaxSize;
    const desired = body.DesiredCapacity ?? Math.min(Math.max(current.DesiredCapacity, min), max);
    const sizeErrors = [
      ...(min > max ? [{ field: 'body.MinSize', message: `must not be above MaxSize (${max})` }] : []),
      ...(desired < min || desired > max
        ? [
            {
              field: 'body.DesiredCapacity',
              message: `must be between MinSize (${min}) and MaxSize (${max})`,
            },
          ]
        : []),
    ];
    if (sizeErrors.length) throw new InputError('the sizes do not fit together', sizeErrors);
    const change: GroupChange = {
      minSize: body.MinSize,
      maxSize: body.MaxSize,
      desiredCapacity: body.DesiredCapacity,
      defaultCooldown: body.DefaultCooldown,
      healthCheckType: body.HealthCheckType,
      healthCheckGracePeriod: body.HealthCheckGracePeriod,
      terminationPolicies: body.TerminationPolicies,
      newInstancesProtectedFromScaleIn: body.NewInstancesProtectedFromScaleIn,
    };
    await (await this.account(target.environment)).fleet.autoScaling.updateGroup(target.name, change);
    return this.group(target.name, target.environment);
  }

  /**
   * Deletes an ASG with its instances, while the environment's deployments are unlocked and no
   * deployment works on it (409 naming the deployment).
   */
  async remove(target: GroupTarget): Promise<{ Ok: true }> {
    await assertGroupMayChange(this.parts, target);
    await (await this.account(target.environment)).fleet.autoScaling.deleteGroup(target.name);
    return { Ok: true };
  }

  /** The blue and green slices of the service (none when its role has no fleet per slice). */
  async slices(environment: string, service: string, active?: boolean): Promise<ServiceSlice[]> {
    const layout = await this.layout(environment);
    const role = sliceRoleOf(layout, service);
    if (!role) return [];
    const [observed] = await observeRoles(await this.pass(environment), layout, [role]);
    const slices = serviceSlicesView(environment, service, observed!);
    return active === undefined ? slices : slices.filter((s) => (s.State === 'Active') === active);
  }

  /** The blue/green role hosting the service, as a toggle is checked (404 unknown, 409 no slices). */
  async sliceTarget(environment: string, service: string): Promise<SliceTarget> {
    const layout = await this.layout(environment);
    const role = sliceRoleOf(layout, service);
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
    const account = await this.account(environment);
    const [observed] = await observeRoles(passOf(account), layout, [role]);
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
      await account.fleet.loadBalancing.setWeights(routing.listenerArn, [
        { targetGroupArn: routing.slices[next].arn, weight: 100 },
        { targetGroupArn: routing.slices[otherSlice(next)].arn, weight: 0 },
      ]);
    }
    return this.slices(environment, service);
  }
}
