import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';

/** The AWS SDK v3 clients of a portal process: real AWS, or aws-sim when an endpoint is given. */
export interface AwsClients {
  readonly ec2: EC2Client;
  readonly autoScaling: AutoScalingClient;
  readonly elbv2: ElasticLoadBalancingV2Client;
  destroy(): void;
}

/**
 * Creates the clients with adaptive retry (throttling slows calls down instead of failing them). Against
 * an endpoint (aws-sim) they sign with fixed local credentials; otherwise the default provider chain.
 */
export function createAwsClients(region: string, endpoint: string | undefined): AwsClients {
  const config = {
    region,
    endpoint,
    retryMode: 'adaptive' as const,
    maxAttempts: 8,
    ...(endpoint ? { credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox' } } : {}),
  };
  const ec2 = new EC2Client(config);
  const autoScaling = new AutoScalingClient(config);
  const elbv2 = new ElasticLoadBalancingV2Client(config);
  return {
    ec2,
    autoScaling,
    elbv2,
    destroy() {
      ec2.destroy();
      autoScaling.destroy();
      elbv2.destroy();
    },
  };
}
