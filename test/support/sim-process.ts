import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { AwsSim } from '../../aws-sim/aws-sim';
import type { TestSim } from '../aws-sim/support/test-sim';
import { waitFor } from './portal-process';
import { cpuProfileFlags } from './cpu-profile';

/** aws-sim running as its own process (`aws-sim/main.ts`), with SDK clients pointed at it. */
export interface SimProcess extends TestSim {
  readonly child: ChildProcess;
  /** The endpoint to give portal processes as EM_AWS_ENDPOINT. */
  readonly endpoint: string;
  output(): string;
}

/**
 * Starts `aws-sim/main.ts` on a free loopback port with a temporary data directory and fast time
 * (10 ms per AWS second unless told otherwise); waits for its "aws-sim listening at" line.
 */
export async function startSimProcess(options: { msPerSecond?: number } = {}): Promise<SimProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'em-sim-'));
  let output = '';
  const profile = cpuProfileFlags('EM_SIM_CPU_PROF');
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'aws-sim/main.ts'], {
    env: {
      ...process.env,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      EM_AWS_SIM_PORT: '0',
      EM_DATA_DIR: dataDir,
      EM_SIM_MS_PER_SECOND: String(options.msPerSecond ?? 10),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = once(child, 'exit');
  const endpoint = await waitFor('aws-sim to listen', () => {
    if (child.exitCode !== null) throw new Error(`aws-sim exited with ${child.exitCode}:\n${output}`);
    return /aws-sim listening at (http:\/\/\S+)/.exec(output)?.[1];
  });
  const config = {
    endpoint,
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
    child,
    endpoint,
    output: () => output,
    get sim(): AwsSim {
      // the specs that share TestSim helpers use only its clients and control API
      throw new Error('aws-sim runs as its own process here: use endpoint and control()');
    },
    ec2,
    autoScaling,
    elbv2,
    sqs,
    events,
    async control(method, urlPath, body) {
      const res = await fetch(`${endpoint}${urlPath}`, {
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
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
