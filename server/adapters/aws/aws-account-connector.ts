import type { STSClient } from '@aws-sdk/client-sts';
import type { StoredAccount } from '../../catalogue/stored-values';
import type { AccountConnector, AccountPorts } from '../../fleet/accounts';
import { TemplateVersionCache } from '../../fleet/fleet-pass';
import { ImagesCache } from '../../fleet/images-cache';
import { AssumedRoleCredentials } from './assumed-role-credentials';
import { AwsAutoScaling } from './aws-auto-scaling';
import { AwsCallerIdentity } from './aws-caller-identity';
import { createAwsClients, createStsClient, type AwsClients } from './aws-clients';
import { AwsImages } from './aws-images';
import { AwsInstances } from './aws-instances';
import { AwsLaunchTemplates } from './aws-launch-templates';
import { AwsLoadBalancerDescriptions } from './aws-load-balancer-descriptions';
import { AwsLoadBalancing } from './aws-load-balancing';

/** One connected account: its clients, its role's credentials (none for the portal's own) and its ports. */
interface Connection {
  readonly clients: AwsClients;
  readonly role: AssumedRoleCredentials | undefined;
  readonly ports: Omit<AccountPorts, 'accountName'>;
  /** The ports by the account name they answer for (the same parts under each name of one account). */
  readonly named: Map<string | undefined, AccountPorts>;
}

/**
 * The AWS side of Accounts: one set of SDK clients per account, made on first use and kept for the
 * process. An account with a `RoleArn` is signed with the role, assumed through STS by the portal's own
 * credentials (session `environment-manager`); the portal's own account with those credentials.
 */
export class AwsAccountConnector implements AccountConnector {
  private readonly connections = new Map<string, Connection>();
  private sts: STSClient | undefined;

  constructor(
    private readonly region: string,
    private readonly endpoint: string | undefined,
    private readonly sessionName = 'environment-manager',
  ) {}

  /**
   * The ports of an account. One connection per role (none: the portal's own credentials), so the
   * portal's own account has one set of clients and caches whether a type names its record or none.
   */
  connect(account: StoredAccount | undefined): AccountPorts {
    const connection = this.connection(account?.RoleArn ?? undefined);
    const name = account?.AccountName;
    let ports = connection.named.get(name);
    if (!ports) {
      ports = { ...connection.ports, accountName: name };
      connection.named.set(name, ports);
    }
    return ports;
  }

  private connection(roleArn: string | undefined): Connection {
    const key = roleArn ?? '';
    let connection = this.connections.get(key);
    if (!connection) {
      connection = this.open(roleArn);
      this.connections.set(key, connection);
    }
    return connection;
  }

  /** How many times each role was assumed, by role ARN (the diagnostics and the specs read it). */
  assumed(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const c of this.connections.values()) {
      if (c.role) counts[c.role.roleArn] = (counts[c.role.roleArn] ?? 0) + c.role.assumeCount;
    }
    return counts;
  }

  /** The SDK clients of an account (the sandbox seeds the demo estate through them). */
  clientsOf(account: StoredAccount | undefined): AwsClients {
    return this.connection(account?.RoleArn ?? undefined).clients;
  }

  destroy(): void {
    for (const c of this.connections.values()) c.clients.destroy();
    this.connections.clear();
    this.sts?.destroy();
    this.sts = undefined;
  }

  private open(roleArn: string | undefined): Connection {
    const role = roleArn
      ? new AssumedRoleCredentials(
          (this.sts ??= createStsClient(this.region, this.endpoint)),
          roleArn,
          this.sessionName,
        )
      : undefined;
    const clients = createAwsClients(this.region, this.endpoint, role);
    return {
      clients,
      role,
      named: new Map(),
      ports: {
        fleet: {
          autoScaling: new AwsAutoScaling(clients.autoScaling),
          launchTemplates: new AwsLaunchTemplates(clients.ec2),
          loadBalancing: new AwsLoadBalancing(clients.elbv2),
        },
        // numbered template versions never change: kept for the process, per account
        templates: new TemplateVersionCache(),
        instances: new AwsInstances(clients.ec2),
        // the account's images, read at most once a minute for the process
        images: new ImagesCache(new AwsImages(clients.ec2)),
        loadBalancers: new AwsLoadBalancerDescriptions(clients.elbv2),
        identity: new AwsCallerIdentity(clients.sts),
      },
    };
  }
}
