// Benchmarks aws-sim: boots 200 instances across 20 ASGs (time to all InService, memory), then compares
// requests/s through one load balancer listener with requests/s straight to one instance (the proxy's cost).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AttachLoadBalancerTargetGroupsCommand,
  AutoScalingClient,
  CreateAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
} from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateCommand, DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { freePort } from '../server/adapters/dynamodb/dynamodb-local';
import { load, type Figures } from './support/load';
import { cpuSeconds } from './support/proc-cpu';
import { statusKb } from './support/proc-memory';

const GROUPS = 20;
const PER_GROUP = 10;
const MS_PER_SECOND = 10;
const DURATION_S = Number(process.argv[process.argv.indexOf('--duration') + 1]) || 10;
/** `--cpu-prof DIR`: aws-sim writes a CPU profile of each of its threads there as it exits. */
const PROFILE_DIR = process.argv.includes('--cpu-prof')
  ? process.argv[process.argv.indexOf('--cpu-prof') + 1]
  : undefined;

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'em-bench-sim-'));
  const port = await freePort();
  const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'aws-sim/main.ts'], {
    env: {
      ...process.env,
      EM_AWS_SIM_PORT: String(port),
      EM_DATA_DIR: dataDir,
      EM_SIM_MS_PER_SECOND: String(MS_PER_SECOND),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  const config = {
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
    retryMode: 'adaptive' as const,
    maxAttempts: 10,
  };
  const ec2 = new EC2Client(config);
  const autoScaling = new AutoScalingClient(config);
  const elbv2 = new ElasticLoadBalancingV2Client(config);
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, statusKb(child.pid!, 'VmRSS') ?? 0)), 200);
  try {
    await until('aws-sim to listen', async () => (out.includes('listening') ? true : undefined), 60_000);
    const image = (await ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images![0]!.ImageId!;
    const userData = Buffer.from(
      JSON.stringify({ services: [{ name: 'Bench', version: '1.0.0' }], healthPath: '/health' }),
    ).toString('base64');
    await ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'bench',
        LaunchTemplateData: { ImageId: image, InstanceType: 't3.small', UserData: userData },
      }),
    );
    const names = Array.from({ length: GROUPS }, (_, i) => `bench-${String(i).padStart(2, '0')}`);
    const bootStart = Date.now();
    for (const name of names) {
      await autoScaling.send(
        new CreateAutoScalingGroupCommand({
          AutoScalingGroupName: name,
          LaunchTemplate: { LaunchTemplateName: 'bench', Version: '$Latest' },
          MinSize: 0,
          MaxSize: PER_GROUP,
          DesiredCapacity: PER_GROUP,
          AvailabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
        }),
      );
    }
    await until(
      `${GROUPS * PER_GROUP} instances InService`,
      async () => {
        const res = await autoScaling.send(
          new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: names, MaxRecords: 100 }),
        );
        const inService = (res.AutoScalingGroups ?? [])
          .flatMap((g) => g.Instances ?? [])
          .filter((i) => i.LifecycleState === 'InService').length;
        return inService === GROUPS * PER_GROUP ? true : undefined;
      },
      300_000,
    );
    const bootSeconds = (Date.now() - bootStart) / 1000;
    const bootRss = statusKb(child.pid!, 'VmRSS') ?? 0;

    const tg = (
      await elbv2.send(
        new CreateTargetGroupCommand({
          Name: 'bench',
          Protocol: 'HTTP',
          Port: 80,
          VpcId: 'vpc-0bench',
          HealthCheckPath: '/health',
          HealthCheckIntervalSeconds: 5,
          HealthCheckTimeoutSeconds: 2,
          HealthyThresholdCount: 2,
        }),
      )
    ).TargetGroups![0]!.TargetGroupArn!;
    const lb = (
      await elbv2.send(new CreateLoadBalancerCommand({ Name: 'bench', Subnets: ['subnet-0a', 'subnet-0b'] }))
    ).LoadBalancers![0]!.LoadBalancerArn!;
    const listener = (
      await elbv2.send(
        new CreateListenerCommand({
          LoadBalancerArn: lb,
          Protocol: 'HTTP',
          Port: 80,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }],
        }),
      )
    ).Listeners![0]!.ListenerArn!;
    await autoScaling.send(
      new AttachLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: names[0]!, TargetGroupARNs: [tg] }),
    );
    await until(
      `${PER_GROUP} healthy targets`,
      async () => {
        const h = await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }));
        const healthy = (h.TargetHealthDescriptions ?? []).filter(
          (d) => d.TargetHealth?.State === 'healthy',
        ).length;
        return healthy === PER_GROUP ? true : undefined;
      },
      120_000,
    );
    const listeners = (await (await fetch(`${endpoint}/_sim/listeners`)).json()) as {
      listenerArn: string;
      url: string;
    }[];
    const instances = (await (await fetch(`${endpoint}/_sim/instances`)).json()) as {
      state: string;
      url?: string;
    }[];
    const viaLb = listeners.find((l) => l.listenerArn === listener)!.url;
    const direct = instances.find((i) => i.state === 'running' && i.url)!.url!;
    // the CPU aws-sim spends meanwhile (every thread of its process) tells its cost per request apart from
    // the load generator's, which shares the machine
    const measured = async (
      url: string,
    ): Promise<Figures & { cpuSeconds: number; loadCpuSeconds: number }> => {
      const before = cpuSeconds(child.pid!) ?? 0;
      const loadBefore = process.cpuUsage();
      const figures = await load(url, DURATION_S);
      const loadCpu = process.cpuUsage(loadBefore);
      return {
        ...figures,
        cpuSeconds: (cpuSeconds(child.pid!) ?? 0) - before,
        loadCpuSeconds: (loadCpu.user + loadCpu.system) / 1e6,
      };
    };
    console.log(`loading the listener (${viaLb}) for ${DURATION_S} s...`);
    const lbFigures = await measured(`${viaLb}/`);
    console.log(`loading one instance (${direct}) for ${DURATION_S} s...`);
    const directFigures = await measured(`${direct}/`);

    const row = (label: string, f: (x: typeof lbFigures) => string) =>
      console.log(`${label.padEnd(24)}${f(lbFigures).padStart(14)}${f(directFigures).padStart(14)}`);
    console.log(
      `\naws-sim: ${GROUPS} ASGs x ${PER_GROUP} = ${GROUPS * PER_GROUP} instances, ${MS_PER_SECOND} ms per AWS second`,
    );
    console.log(
      `time to all InService: ${bootSeconds.toFixed(1)} s (AWS boot delay 20 s = ${20 * MS_PER_SECOND} ms each)`,
    );
    console.log(
      `aws-sim RSS with ${GROUPS * PER_GROUP} live instances: ${(bootRss / 1048576).toFixed(1)} MB; peak during the run: ${(peakRss / 1048576).toFixed(1)} MB\n`,
    );
    console.log(`${''.padEnd(24)}${'via listener'.padStart(14)}${'one instance'.padStart(14)}`);
    row('requests/s (mean)', (f) => f.requestsPerSecond.toFixed(0));
    row('latency p50 (ms)', (f) => f.p50Ms.toFixed(1));
    row('latency p99 (ms)', (f) => f.p99Ms.toFixed(1));
    row('non-2xx', (f) => String(f.non2xx));
    row('errors', (f) => String(f.errors));
    row('aws-sim CPU (cores)', (f) => (f.cpuSeconds / DURATION_S).toFixed(2));
    row('aws-sim CPU/request (us)', (f) => ((f.cpuSeconds / Math.max(1, f.total)) * 1e6).toFixed(1));
    row('load gen CPU (cores)', (f) => (f.loadCpuSeconds / DURATION_S).toFixed(2));
    console.log(
      `\nlistener/direct requests/s: ${(lbFigures.requestsPerSecond / directFigures.requestsPerSecond).toFixed(3)}`,
    );
    console.log(`whole run: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    clearInterval(sampler);
    ec2.destroy();
    autoScaling.destroy();
    elbv2.destroy();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
