import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { STSClient } from '@aws-sdk/client-sts';
import type { InitializeMiddleware } from '@smithy/types';
import type { AssumedRoleCredentials } from './assumed-role-credentials';

/** The AWS SDK v3 clients of one account: real AWS, or aws-sim when an endpoint is given. */
export interface AwsClients {
  readonly ec2: EC2Client;
  readonly autoScaling: AutoScalingClient;
  readonly elbv2: ElasticLoadBalancingV2Client;
  /** STS with the account's own credentials (who they are: GetCallerIdentity). */
  readonly sts: STSClient;
  destroy(): void;
}

/** The fixed local credentials the portal signs with against aws-sim (its default account's). */
const SANDBOX_CREDENTIALS = { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox' };

/**
 * The errors AWS answers a request signed with credentials it no longer takes: an STS session expired or
 * revoked (Auto Scaling and ELBv2 `ExpiredToken`, `InvalidClientTokenId`; EC2 `RequestExpired`,
 * `AuthFailure`). A call of an assumed role that meets one assumes the role again and is sent once more.
 */
const EXPIRED_CREDENTIALS = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'RequestExpired',
  'AuthFailure',
]);

/**
 * Standard retry (jittered exponential backoff, at most 8 attempts), as AWS recommends for all workloads.
 * Not adaptive: its client-side rate limiter delays every request of a client after a throttle, and one
 * client serves every group of an account, so one throttled call would slow every deployment there (and,
 * at the portal's few calls a second, the limiter's rate falls so low that a patch took minutes).
 */
function baseConfig(region: string, endpoint: string | undefined) {
  return {
    region,
    endpoint,
    retryMode: 'standard' as const,
    maxAttempts: 8,
    ...(endpoint ? { credentials: SANDBOX_CREDENTIALS } : {}),
  };
}

/** The SQS client of the portal's own credentials (its fleet events queue is in its own account). */
export function createSqsClient(region: string, endpoint: string | undefined): SQSClient {
  return new SQSClient(baseConfig(region, endpoint));
}

/**
 * An EventBridge client (the sandbox routes its accounts' events with it): of the portal's own
 * credentials, or with `role` of the role's, as createAwsClients signs an account's calls.
 */
export function createEventBridgeClient(
  region: string,
  endpoint: string | undefined,
  role?: AssumedRoleCredentials,
): EventBridgeClient {
  return new EventBridgeClient({
    ...baseConfig(region, endpoint),
    ...(role ? { credentials: role.provider() } : {}),
  });
}

/** The STS client of the portal's own credentials (it assumes the accounts' roles). */
export function createStsClient(region: string, endpoint: string | undefined): STSClient {
  return new STSClient(baseConfig(region, endpoint));
}

/**
 * Creates one account's clients with standard retry (a throttled call is tried again after a backoff
 * instead of failing). With `role`, every request is signed with the role's credentials, and a request refused as
 * expired is sent again once with newly assumed ones; otherwise the portal's own credentials: against an
 * endpoint (aws-sim) fixed local ones, against AWS the default provider chain.
 */
export function createAwsClients(
  region: string,
  endpoint: string | undefined,
  role?: AssumedRoleCredentials,
): AwsClients {
  const config = { ...baseConfig(region, endpoint), ...(role ? { credentials: role.provider() } : {}) };
  const ec2 = new EC2Client(config);
  const autoScaling = new AutoScalingClient(config);
  const elbv2 = new ElasticLoadBalancingV2Client(config);
  const sts = new STSClient(config);
  if (role) {
    const step = { step: 'initialize', name: 'reassumeOnExpiry' } as const;
    ec2.middlewareStack.add(reassumeOnExpiry(role), step);
    autoScaling.middlewareStack.add(reassumeOnExpiry(role), step);
    elbv2.middlewareStack.add(reassumeOnExpiry(role), step);
    sts.middlewareStack.add(reassumeOnExpiry(role), step);
  }
  return {
    ec2,
    autoScaling,
    elbv2,
    sts,
    destroy() {
      ec2.destroy();
      autoScaling.destroy();
      elbv2.destroy();
      sts.destroy();
    },
  };
}

/**
 * Before the SDK's retries (the initialize step wraps them all), so the second send resolves its
 * credentials afresh: the role's credentials are forgotten, assumed again, and the call sent once more.
 */
function reassumeOnExpiry<I extends object, O extends object>(
  role: AssumedRoleCredentials,
): InitializeMiddleware<I, O> {
  return (next) => async (args) => {
    // what this request is signed with: only those are forgotten when it is refused (concurrent requests
    // refused together would otherwise each forget the credentials another one just assumed)
    const held = role.held();
    try {
      return await next(args);
    } catch (e) {
      if (!(e instanceof Error) || !EXPIRED_CREDENTIALS.has(e.name)) throw e;
      role.forget(held);
      return next(args);
    }
  };
}
