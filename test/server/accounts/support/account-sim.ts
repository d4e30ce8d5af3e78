import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { TestSim } from '../../../aws-sim/support/test-sim';

/** The spec's own view of one aws-sim account: SDK clients signed with a role of it, and its control API. */
export interface AccountSim extends TestSim {
  readonly accountId: string;
  /** How many times the spec itself assumed the role (aws-sim's `sts:AssumeRole` count includes these). */
  readonly assumeCount: number;
  /** Assumes the role again and signs with the new credentials (after aws-sim expired the old ones). */
  renew(): Promise<void>;
}

/** The session name of the spec's own sessions (the portal's are `environment-manager`). */
export const SPEC_SESSION = 'spec-setup';

/**
 * Assumes the role with the SDK's STS client and the sim's base credentials, as an operator would, and
 * answers clients of that account; the control API is asked for that account (`?account=`). The sim and
 * its close stay the caller's: `close()` destroys only these clients.
 */
export async function accountSim(
  sim: TestSim,
  account: { readonly accountId: string; readonly roleArn: string },
): Promise<AccountSim> {
  const config = { endpoint: sim.sim.endpoint, region: 'eu-west-1', maxAttempts: 1 };
  const sts = new STSClient({
    ...config,
    credentials: { accessKeyId: 'AKIDSIM', secretAccessKey: 'sim-secret' },
  });
  let assumed = 0;
  let clients: {
    ec2: EC2Client;
    autoScaling: AutoScalingClient;
    elbv2: ElasticLoadBalancingV2Client;
    sqs: SQSClient;
    events: EventBridgeClient;
  };
  const connect = async () => {
    assumed += 1;
    const reply = await sts.send(
      new AssumeRoleCommand({
        RoleArn: account.roleArn,
        RoleSessionName: SPEC_SESSION,
        DurationSeconds: 3600,
      }),
    );
    const c = reply.Credentials!;
    const credentials = {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    };
    return {
      ec2: new EC2Client({ ...config, credentials }),
      autoScaling: new AutoScalingClient({ ...config, credentials }),
      elbv2: new ElasticLoadBalancingV2Client({ ...config, credentials }),
      sqs: new SQSClient({ ...config, credentials }),
      events: new EventBridgeClient({ ...config, credentials }),
    };
  };
  const destroy = () => {
    clients.ec2.destroy();
    clients.autoScaling.destroy();
    clients.elbv2.destroy();
    clients.sqs.destroy();
    clients.events.destroy();
  };
  clients = await connect();
  return {
    accountId: account.accountId,
    sim: sim.sim,
    get ec2() {
      return clients.ec2;
    },
    get autoScaling() {
      return clients.autoScaling;
    },
    get elbv2() {
      return clients.elbv2;
    },
    get sqs() {
      return clients.sqs;
    },
    get events() {
      return clients.events;
    },
    get assumeCount() {
      return assumed;
    },
    control: (method, path, body) =>
      sim.control(method, `${path}${path.includes('?') ? '&' : '?'}account=${account.accountId}`, body),
    async renew() {
      const next = await connect();
      destroy();
      clients = next;
    },
    async close() {
      destroy();
      sts.destroy();
    },
  };
}
