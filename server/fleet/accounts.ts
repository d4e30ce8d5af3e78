import type { Catalogue } from '../catalogue/catalogue';
import {
  accountDefinition,
  environmentDefinition,
  environmentTypeDefinition,
} from '../catalogue/definitions';
import type { StoredAccount } from '../catalogue/stored-values';
import { accountOfType } from '@shared/catalogue/account-of-type';
import type { EnvironmentTypeValue } from '@shared/catalogue/environment-type';
import type { AccountStatus } from '@shared/catalogue/account-status';
import { NotFoundError } from '../errors/domain-errors';
import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import { FleetPass, type FleetPorts, type TemplateVersionCache } from './fleet-pass';
import type { ImagesCache } from './images-cache';
import type { InstanceAddress, Instances } from './instances';
import type { LoadBalancerDescriptions } from './v1-load-balancer-descriptions';

/**
 * Everything the portal reads and changes in one AWS account, signed for that account: the fleet's ports,
 * its numbered template versions, its instances, its images (read at most once a minute) and its load
 * balancers. Template ids and image ids are an account's own, so each account has its own caches. Two
 * ports of one account (under its record's name and under none) share their parts: `fleet` tells one
 * account from another.
 */
export interface AccountPorts {
  /** The account's `AccountName` in /config/accounts; undefined for the portal's own when none names it. */
  readonly accountName: string | undefined;
  readonly fleet: FleetPorts;
  readonly templates: TemplateVersionCache;
  readonly instances: Instances;
  readonly images: ImagesCache;
  readonly loadBalancers: LoadBalancerDescriptions;
  /** Who the account's credentials are (STS GetCallerIdentity): which account a call of it reaches. */
  readonly identity: CallerIdentity;
}

/** The caller STS sees for an account's credentials. */
export interface CallerIdentity {
  whoAmI(): Promise<{ readonly account: string; readonly arn: string }>;
}

/**
 * Connects to an account (the AWS adapter): with the account's `RoleArn`, through the role assumed with
 * STS (credentials kept until shortly before they expire); without a record or a role, with the portal's
 * own credentials. The same account and role answer the same ports.
 */
export interface AccountConnector {
  connect(account: StoredAccount | undefined): AccountPorts;
}

/**
 * Which AWS account each AWS call goes to. An environment lives in its type's account (`AWSAccountName`,
 * or the account of its `AWSAccountNumber`); a type that names none is in the portal's own account. A
 * type that names an account /config/accounts does not have is an error, never the portal's own account:
 * a call for a production environment must not reach another account.
 *
 * The account records are read as every catalogue read is (fresh, through the kind's generation), but
 * for the engine's `recorded`, asked on every pass: it keeps what it read for `ttlMs`, so a changed
 * `RoleArn` reaches running deployments within that time.
 */
export class Accounts {
  private read: { readonly at: number; readonly accounts: Promise<readonly StoredAccount[]> } | undefined;

  constructor(
    private readonly catalogue: Catalogue,
    private readonly connector: AccountConnector,
    private readonly ttlMs = 15_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The portal's own account (its own credentials). */
  home(): AccountPorts {
    return this.connector.connect(undefined);
  }

  /** The account named by its `AccountName` or `AccountNumber` (NotFoundError when the portal has none). */
  async named(account: string): Promise<AccountPorts> {
    return this.connector.connect(await this.record(account, await this.accounts()));
  }

  /** The account an environment lives in (NotFoundError for an unknown environment or account). */
  async ofEnvironment(environment: string): Promise<AccountPorts> {
    return this.connector.connect(await this.accountOfEnvironment(environment));
  }

  /**
   * The ports of a recorded account name (a deployment keeps the account it resolved at request time);
   * a record made before deployments kept one is of the portal's own account, where they ran then.
   */
  async recorded(accountName: string | undefined): Promise<AccountPorts> {
    if (accountName === undefined) return this.home();
    return this.connector.connect(await this.record(accountName, await this.kept()));
  }

  /**
   * Every account the portal works in, each once: its own (the record without a role, if there is one),
   * then each account of /config/accounts with a role (one per role: two records of a role are one account).
   */
  async all(): Promise<AccountPorts[]> {
    const records = await this.accounts();
    const own = records.find((a) => !a.RoleArn);
    const roles = new Map<string, StoredAccount>();
    for (const a of records) if (a.RoleArn && !roles.has(a.RoleArn)) roles.set(a.RoleArn, a);
    return [
      own ? this.connector.connect(own) : this.home(),
      ...[...roles.values()].map((a) => this.connector.connect(a)),
    ];
  }

  /**
   * Whether the portal reaches the account (by AccountName or AccountNumber) as recorded: STS says who its
   * credentials are (with the role assumed, for an account with one). An AWS refusal is the answer, not
   * an error of this call; an unknown account is a NotFoundError.
   */
  async status(account: string): Promise<AccountStatus> {
    const [records, types] = await Promise.all([
      this.accounts(),
      this.catalogue.list(environmentTypeDefinition),
    ]);
    const record = await this.record(account, records);
    const base = {
      AccountName: record.AccountName,
      AccountNumber: record.AccountNumber,
      RoleArn: record.RoleArn,
      EnvironmentTypes: types
        .filter((t) => accountOfType(t.value.Value, records) === record)
        .map((t) => t.value.EnvironmentType)
        .sort(),
    };
    try {
      const caller = await this.connector.connect(record).identity.whoAmI();
      const reached = caller.account === record.AccountNumber;
      return {
        ...base,
        Reached: reached,
        CallerAccount: caller.account,
        CallerArn: caller.arn,
        Error: reached
          ? null
          : `the credentials are in account ${caller.account}, not ${record.AccountNumber}${record.RoleArn ? '' : ': give the account a RoleArn the portal can assume'}`,
      };
    } catch (e) {
      const name = e instanceof Error ? e.name : 'Error';
      const text = e instanceof Error ? e.message : String(e);
      return { ...base, Reached: false, CallerAccount: null, CallerArn: null, Error: `${name}: ${text}` };
    }
  }

  /** The account record of an environment's type; undefined when the type names no account. */
  async accountOfEnvironment(environment: string): Promise<StoredAccount | undefined> {
    const env = (await this.catalogue.get(environmentDefinition, environment)).value.Value;
    const type = (await this.catalogue.get(environmentTypeDefinition, env.EnvironmentType)).value.Value;
    return this.accountOfTypeValue(environment, env.EnvironmentType, type);
  }

  /**
   * The ports of an environment whose type the caller read already (a deployment request's checks): its
   * account's, without reading the environment and its type again.
   */
  async ofEnvironmentType(
    environment: string,
    typeName: string,
    type: EnvironmentTypeValue,
  ): Promise<AccountPorts> {
    return this.connector.connect(await this.accountOfTypeValue(environment, typeName, type));
  }

  private async accountOfTypeValue(
    environment: string,
    typeName: string,
    type: EnvironmentTypeValue,
  ): Promise<StoredAccount | undefined> {
    const name = type.AWSAccountName ?? type.AWSAccountNumber;
    if (name === undefined) return undefined;
    const account = accountOfType(type, await this.accounts());
    if (!account) {
      throw new NotFoundError(
        `environment type ${typeName} of ${environment} names account ${name}, which is not one of the portal's (see /config/accounts)`,
      );
    }
    return account;
  }

  private async record(account: string, accounts: readonly StoredAccount[]): Promise<StoredAccount> {
    const found = accounts.find((a) => a.AccountName === account || a.AccountNumber === account);
    if (!found) {
      throw new NotFoundError(
        `account ${account} is not one of the portal's accounts (see /config/accounts)`,
      );
    }
    return found;
  }

  private async accounts(): Promise<readonly StoredAccount[]> {
    return (await this.catalogue.list(accountDefinition)).map((r) => r.value);
  }

  /** The account records as read at most `ttlMs` ago (a failed read is not kept). */
  private kept(): Promise<readonly StoredAccount[]> {
    const at = this.now();
    if (this.read && at - this.read.at < this.ttlMs) return this.read.accounts;
    const accounts = this.accounts();
    const read = { at, accounts };
    this.read = read;
    accounts.catch(() => {
      if (this.read === read) this.read = undefined;
    });
    return accounts;
  }
}

/** One request's view of an account's fleet (the one cache policy: see FleetPass). */
export function passOf(account: AccountPorts): FleetPass {
  return new FleetPass(account.fleet, account.templates);
}

/**
 * The group of that name in the first of the portal's accounts that has one, with its account (for the
 * few calls that name a group or an instance and no environment, as the original's did).
 */
export async function locateGroup(
  accounts: Accounts,
  name: string,
): Promise<{ group: AutoScalingGroup; account: AccountPorts } | undefined> {
  for (const account of await accounts.all()) {
    const group = await passOf(account).group(name);
    if (group) return { group, account };
  }
  return undefined;
}

/** The instance of that id in the first of the portal's accounts that knows it, with its account. */
export async function locateInstance(
  accounts: Accounts,
  instanceId: string,
): Promise<{ instance: InstanceAddress; account: AccountPorts } | undefined> {
  for (const account of await accounts.all()) {
    const [instance] = await account.instances.describe([instanceId]);
    if (instance) return { instance, account };
  }
  return undefined;
}
