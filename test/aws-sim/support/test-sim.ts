import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { startAwsSim, type AwsSim, type AwsSimOptions } from '../../../aws-sim/aws-sim';

/** A running aws-sim with real AWS SDK v3 clients pointed at it. */
export interface TestSim {
  readonly sim: AwsSim;
  readonly ec2: EC2Client;
  readonly autoScaling: AutoScalingClient;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly sqs: SQSClient;
  readonly events: EventBridgeClient;
  /** Calls the control API (`/_sim/...`). */
  control(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** Starts aws-sim on a loopback port with fast time (10 ms per AWS second unless told otherwise). */
export async function startTestSim(options: AwsSimOptions = {}): Promise<TestSim> {
  const sim = await startAwsSim({ msPerSecond: 10, ...options });
  const config = {
    endpoint: sim.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDSIM', secretAccessKey: 'sim-secret' },
    maxAttempts: 1,
  };
  const ec2 = new EC2Client(config);
  const autoScaling = new AutoScalingClient(config);
  const elbv2 = new ElasticLoadBalancingV2Client(config);
  const sqs = new SQSClient(config);
  const events = new EventBridgeClient(config);
  return {
    sim,
    ec2,
    autoScaling,
    elbv2,
    sqs,
    events,
    async control(method, path, body) {
      const res = await fetch(`${sim.endpoint}${path}`, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    },
    async close() {
      ec2.destroy();
      autoScaling.destroy();
      elbv2.destroy();
      sqs.destroy();
      events.destroy();
      await sim.close();
    },
  };
}

/** Polls until `probe` resolves to something other than undefined (real time, bounded). */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The error a call failed with (to look at its name and message), or `{name: 'no error'}` when it did not fail. */
export function fail(p: Promise<unknown>): Promise<any> {
  return p.then(
    () => ({ name: 'no error' }),
    (e: unknown) => e,
  );
}
