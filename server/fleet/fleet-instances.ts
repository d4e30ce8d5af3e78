import type { Instance } from '@shared/fleet/instance';
import { isInMaintenance } from '@shared/fleet/instance-maintenance';
import type { Catalogue } from '../catalogue/catalogue';
import { accountDefinition } from '../catalogue/definitions';
import { NotFoundError } from '../errors/domain-errors';
import { environmentsOfAccount } from './environments-of-account';
import { loadEnvironmentLayout, roleOfGroup, type EnvironmentLayout } from './environment-layout';
import { locateInstance, passOf, type AccountPorts, type Accounts } from './accounts';
import type { ImageFleet } from './image-fleet';
import { daysBetween } from './image-summary';
import type { InstanceAddress } from './instances';

/** The original's filters of `GET /instances` (all optional; each given must hold). */
export interface InstanceQuery {
  readonly account?: string;
  readonly environment?: string;
  readonly cluster?: string;
  /** True: only instances in maintenance (entering standby or in Standby in their ASG); false: only the others. */
  readonly maintenance?: boolean;
  readonly ipAddress?: string;
  readonly instanceId?: string;
  /** Only instances launched at or after this time (ISO 8601). */
  readonly since?: string;
}

/** What the instance views are built from. */
export interface FleetInstancesParts {
  readonly catalogue: Catalogue;
  readonly accounts: Accounts;
}

const GROUP_TAG = 'aws:autoscaling:groupName';

/** The accounts' EC2 instances as the original's `/instances` showed them, with their ASG and image. */
export class FleetInstances {
  constructor(
    private readonly parts: FleetInstancesParts,
    private readonly images: ImageFleet,
  ) {}

  /**
   * `GET /instances`: in the environment's account, the account asked for, or every account; EC2 filters
   * for the environment, address and id; the rest after describing.
   */
  async list(query: InstanceQuery): Promise<Instance[]> {
    const [accounts, ofAccount] = await Promise.all([
      this.accountsOf(query),
      query.account === undefined ? undefined : environmentsOfAccount(this.parts.catalogue, query.account),
    ]);
    const views = await Promise.all(
      accounts.map(async (account) =>
        this.views(
          account,
          await account.instances.list({
            ...(query.environment !== undefined ? { tags: { Environment: query.environment } } : {}),
            ...(query.ipAddress !== undefined ? { privateIpAddress: query.ipAddress } : {}),
            ...(query.instanceId !== undefined ? { instanceIds: [query.instanceId] } : {}),
          }),
        ),
      ),
    );
    const since = query.since === undefined ? undefined : Date.parse(query.since);
    const shown = views
      .flat()
      .filter(
        (i) =>
          (ofAccount === undefined || ofAccount.has(i.Environment ?? '')) &&
          (query.cluster === undefined || i.OwningCluster === query.cluster) &&
          (query.maintenance === undefined || i.Maintenance === query.maintenance) &&
          (since === undefined || Date.parse(i.LaunchTime) >= since),
      );
    return shown;
  }

  /** `GET /instances/{id}`, in whichever of the portal's accounts has it (404 when none does). */
  async get(instanceId: string): Promise<Instance> {
    const found = await locateInstance(this.parts.accounts, instanceId);
    if (!found) throw new NotFoundError(`instance ${instanceId} does not exist`);
    const [view] = await this.views(found.account, [found.instance]);
    return view!;
  }

  private async accountsOf(query: InstanceQuery): Promise<AccountPorts[]> {
    if (query.environment !== undefined) return [await this.parts.accounts.ofEnvironment(query.environment)];
    if (query.account !== undefined) return [await this.parts.accounts.named(query.account)];
    return this.parts.accounts.all();
  }

  /** Each instance with its ASG's lifecycle state, its role and cluster, its image and its age. */
  private async views(account: AccountPorts, instances: readonly InstanceAddress[]): Promise<Instance[]> {
    if (!instances.length) return [];
    const pass = passOf(account);
    const groupNames = [...new Set(instances.flatMap((i) => i.tags[GROUP_TAG] ?? []))];
    const environments = [...new Set(instances.flatMap((i) => i.tags['Environment'] ?? []))];
    const [groups, layouts, images, accounts] = await Promise.all([
      pass.groups(groupNames),
      Promise.all(environments.map((e) => this.layout(e))),
      this.images.ranked(account),
      this.parts.catalogue.list(accountDefinition),
    ]);
    const lifecycle = new Map(
      groups.flatMap((g) => g.Instances.map((i) => [i.InstanceId, i.LifecycleState] as const)),
    );
    const layoutOf = new Map(layouts.flatMap((l) => (l ? [[l.name, l] as const] : [])));
    const accountName = (owner: string) =>
      accounts.find((a) => a.value.AccountNumber === owner)?.value.AccountName ?? owner;
    const now = new Date(this.images.now()).toISOString();
    return instances.map((i): Instance => {
      const group = i.tags[GROUP_TAG];
      const environment = i.tags['Environment'];
      const layout = environment === undefined ? undefined : layoutOf.get(environment);
      const role = group === undefined || !layout ? undefined : roleOfGroup(layout, group);
      const image = images.byId.get(i.imageId);
      const state = lifecycle.get(i.instanceId);
      return {
        InstanceId: i.instanceId,
        ImageId: i.imageId,
        InstanceType: i.instanceType,
        LaunchTime: i.launchTime,
        State: { Code: i.stateCode, Name: i.state },
        Placement: { AvailabilityZone: i.availabilityZone },
        PrivateIpAddress: i.privateIpAddress ?? null,
        PrivateDnsName: i.privateDnsName ?? null,
        Tags: Object.entries(i.tags).map(([Key, Value]) => ({ Key, Value })),
        Name: i.tags['Name'] ?? '',
        Environment: environment ?? null,
        OwningCluster: i.tags['OwningCluster'] ?? role?.cluster ?? null,
        Role: i.tags['Role'] ?? role?.role ?? null,
        AccountName: accountName(i.ownerId),
        ...(group !== undefined ? { [GROUP_TAG]: group } : {}),
        AutoScalingGroupName: group ?? null,
        LifecycleState: state ?? null,
        Maintenance: isInMaintenance(state),
        AgeDays: daysBetween(i.launchTime, now),
        Ami: image
          ? {
              Name: image.Name,
              AmiType: image.AmiType,
              AmiVersion: image.AmiVersion,
              IsLatestStable: image.IsLatestStable,
              DaysBehindLatest: image.DaysBehindLatest,
            }
          : null,
      };
    });
  }

  /** An environment's layout, or undefined when the catalogue no longer has it (its instances still show). */
  private async layout(environment: string): Promise<EnvironmentLayout | undefined> {
    try {
      return await loadEnvironmentLayout(this.parts.catalogue, environment);
    } catch (e) {
      if (e instanceof NotFoundError) return undefined;
      throw e;
    }
  }
}
