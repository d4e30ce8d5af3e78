// Benchmarks the deployment engine of a portal process against an aws-sim process: scale-up patching of
// 2, 10 and 50 instances next to the floor aws-sim's timings impose, with the AWS and DynamoDB calls each
// made; then 100 deployments at once (100 groups of 2), with their durations, calls and the portal's peak
// RSS; then what deployments that wait (for an approval, for slow boots) cost in DynamoDB requests per
// minute with the engine's default settings. DynamoDB Local runs in this process, behind a counting proxy.
// Figures, not a test: nothing here passes or fails on a timing.
import { parseArgs } from 'node:util';
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { ApiClient } from '../test/support/api-client';
import { startDynamoDbLocal } from '../server/adapters/dynamodb/dynamodb-local';
import { startPortalProcess, type PortalProcess } from '../test/support/portal-process';
import { startSimProcess, type SimProcess } from '../test/support/sim-process';
import { createGroup, givenGroups, groupsInService, seedCatalogue } from './support/bench-estate';
import { startDynamoDbCounter, type DynamoDbCounter } from './support/dynamodb-counter';
import { statusKb } from './support/proc-memory';
import { FLEET_EVENTS_OPTION, fleetEventsEnv, splitCalls } from './support/fleet-events';
import { MS_PER_SECOND_OPTION, msPerSecond } from './support/sim-clock';

/**
 * `--only patch,concurrent,waiting`: the runs to make (all three by default); `--ms-per-second N`: real
 * milliseconds per simulated AWS second for the speed runs (default 50: a boot of 20 AWS seconds takes 1 s);
 * `--fleet-events on|off`: whether the engine hears Auto Scaling's lifecycle events (default on).
 */
const RUNS = ['patch', 'concurrent', 'waiting'];
const args = parseArgs({
  options: {
    only: { type: 'string', default: RUNS.join(',') },
    'ms-per-second': MS_PER_SECOND_OPTION,
    'fleet-events': FLEET_EVENTS_OPTION,
  },
}).values;
const runs = args.only.split(',').filter((r) => RUNS.includes(r));
const MS_PER_SECOND = msPerSecond(args['ms-per-second']);
/**
 * How soon a step waiting on the fleet looks again (EM_ENGINE_POLL_MS), for the speed runs: 2 AWS seconds,
 * as the engine's default 2 s on AWS.
 */
const POLL_MS = 2 * MS_PER_SECOND;
const LEASE_MS = 5_000;
/** Deployments left waiting, and for how long their DynamoDB requests are counted. */
const WAITING = 20;
const WAITING_WINDOW_MS = 30_000;
/** aws-sim's timings (aws-sim/instances/instance-fleet.ts), in AWS seconds. */
const BOOT_SECONDS = 20;
const SHUTDOWN_SECONDS = 2;
const PATCH_SIZES = [2, 10, 50];
const CONCURRENT = 100;
/** A deployment map holds at most 40 server roles, so the 100 groups are spread over environments of one type. */
const ROLES_PER_MAP = 34;
const ADMIN_PASSWORD = 'bench-deploy-admin-password';
const MB = 1024 * 1024;

type Calls = Record<string, number>;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const sum = (c: Calls) => Object.values(c).reduce((a, b) => a + b, 0);

/** The AWS calls made since the last reset: the fleet's (Auto Scaling, EC2, ELBv2) and the event queue's. */
async function calls(sim: SimProcess): Promise<{ fleet: Calls; queue: Calls }> {
  return splitCalls((await sim.control('GET', '/_sim/calls')).body as Calls);
}

async function resetCalls(sim: SimProcess): Promise<void> {
  await sim.control('DELETE', '/_sim/calls');
}

async function deploy(
  admin: ApiClient,
  environment: string,
  service: string,
  version: string,
): Promise<string> {
  const res = await admin.post('/deployments', { environment, service, version });
  if (res.status !== 202) throw new Error(`deploying ${service}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.DeploymentID as string;
}

/**
 * Polls until every deployment is over: one GET every 50 ms for a single one; for many, the history of
 * each environment every 500 ms (a query a page, not a read per deployment, to load the portal little).
 */
async function finished(admin: ApiClient, ids: string[], environments: string[] = []): Promise<any[]> {
  const done = new Map<string, any>();
  const deadline = Date.now() + 300_000;
  const over = (d: any) =>
    ['Success', 'Failed', 'Cancelled', 'Rolled Back', 'Rollback Failed'].includes(d.Value.Status);
  while (done.size < ids.length) {
    if (Date.now() > deadline) throw new Error(`${ids.length - done.size} deployments did not end in time`);
    if (environments.length) {
      for (const environment of environments) {
        const page = (await admin.get(`/deployments?environment=${environment}&per_page=500`)).body as any[];
        for (const d of page) if (ids.includes(d.DeploymentID) && over(d)) done.set(d.DeploymentID, d);
      }
    } else {
      for (const id of ids.filter((x) => !done.has(x))) {
        const d = (await admin.get(`/deployments/${id}`)).body;
        if (over(d)) done.set(id, d);
      }
    }
    if (done.size < ids.length) await new Promise((r) => setTimeout(r, ids.length > 1 ? 500 : 50));
  }
  return ids.map((id) => done.get(id));
}

function printCalls(c: Calls, per: number, label: string): void {
  for (const [action, n] of Object.entries(c).sort(([, a], [, b]) => b - a))
    console.log(
      `    ${action.padEnd(52)}${String(n).padStart(6)}${(n / per).toFixed(2).padStart(10)} ${label}`,
    );
}

async function patchBench(
  sim: SimProcess,
  admin: ApiClient,
  imageId: string,
  dynamo: DynamoDbCounter,
): Promise<void> {
  const environment = 'benchpatch';
  const roles = [...PATCH_SIZES.map((n) => `web${n}`), 'warmup'];
  const { short, services } = await seedCatalogue(admin, [{ environment, roles }]);
  for (const [role, n] of [...PATCH_SIZES.map((n) => [`web${n}`, n] as const), ['warmup', 2] as const]) {
    await createGroup(sim, {
      name: `${environment}-${short}-${role}`,
      imageId,
      service: services.get(`${environment}/${role}`)!,
      size: n,
      environment,
    });
  }
  await groupsInService(
    sim,
    roles.map((role) => `${environment}-${short}-${role}`),
  );
  const floorMs = (BOOT_SECONDS + SHUTDOWN_SECONDS) * MS_PER_SECOND;
  // one patch first, not in the table: the portal's first deployment runs code paths not yet compiled
  const warmStarted = Date.now();
  const [warm] = await finished(admin, [
    await deploy(admin, environment, services.get(`${environment}/warmup`)!, '1.1.0'),
  ]);
  const warmWall = Date.parse(warm.Value.EndTimestamp) - warmStarted;
  console.log(
    `\nScale-up patching, EC2 health checks (no load balancer, so no drain or healthy threshold):` +
      `\n  floor = (boot ${BOOT_SECONDS} s + shutdown of the old instances ${SHUTDOWN_SECONDS} s) x ${MS_PER_SECOND} ms per AWS second = ${seconds(floorMs)}` +
      `\n  (new instances boot in parallel; the engine looks at a waiting step every ${POLL_MS} ms)` +
      `\n  wall = from the request to the EndTimestamp the engine records; seen = until the bench's own poll (every 50 ms) saw it over` +
      `\n  a warm-up patch of 2 ran first (the process's first deployment), not in the table: ${warm.Value.Status}, wall ${seconds(warmWall)}, ratio ${(warmWall / floorMs).toFixed(2)}`,
  );
  console.log(
    `  ${'instances'.padEnd(10)}${'status'.padEnd(10)}${'wall'.padStart(9)}${'ratio'.padStart(7)}${'seen'.padStart(9)}${'ratio'.padStart(7)}${'AWS calls'.padStart(11)}${'DynamoDB'.padStart(10)}${'SQS'.padStart(8)}`,
  );
  const perAction: [number, Calls][] = [];
  const queueCalls: number[] = [];
  const stepEnds: [number, any, number][] = [];
  for (const n of PATCH_SIZES) {
    await resetCalls(sim);
    dynamo.reset();
    const started = Date.now();
    const id = await deploy(admin, environment, services.get(`${environment}/web${n}`)!, '1.1.0');
    const [d] = await finished(admin, [id]);
    const seen = Date.now() - started;
    const wall = Date.parse(d.Value.EndTimestamp) - started;
    const { fleet: c, queue } = await calls(sim);
    const db = sum(dynamo.counts());
    perAction.push([n, c]);
    queueCalls.push(sum(queue));
    stepEnds.push([n, d, started]);
    console.log(
      `  ${String(n).padEnd(10)}${String(d.Value.Status).padEnd(10)}${seconds(wall).padStart(9)}${(wall / floorMs).toFixed(2).padStart(7)}${seconds(seen).padStart(9)}${(seen / floorMs).toFixed(2).padStart(7)}${String(sum(c)).padStart(11)}${String(db).padStart(10)}${String(queueCalls.at(-1)).padStart(8)}`,
    );
  }
  console.log('  where the time went (the end of each step, after the request):');
  for (const [n, d, started] of stepEnds)
    console.log(
      `    ${String(n).padEnd(4)}started ${seconds(Date.parse(d.Value.StartTimestamp) - started)}; ` +
        (d.Value.Steps as { name: string; endedAt?: string }[])
          .map((s) => `${s.name} ${seconds(Date.parse(s.endedAt ?? d.Value.EndTimestamp) - started)}`)
          .join(', '),
    );
  for (const [n, c] of perAction) {
    console.log(`  AWS calls of the patch of ${n} (count, per instance):`);
    printCalls(c, n, 'per instance');
  }
  console.log(
    "  (DynamoDB counts every request the portal sent while the patch ran, the bench's polls included;" +
      ' AWS calls are those of Auto Scaling, EC2 and ELBv2; SQS, the receives and deletes of the fleet events queue)',
  );
}

async function concurrentBench(
  sim: SimProcess,
  admin: ApiClient,
  imageId: string,
  portal: PortalProcess,
  dynamo: DynamoDbCounter,
) {
  const layout: { environment: string; roles: string[] }[] = [];
  for (let i = 0; i < CONCURRENT; i++) {
    const env = `benchmany${Math.floor(i / ROLES_PER_MAP) + 1}`;
    if (layout.at(-1)?.environment !== env) layout.push({ environment: env, roles: [] });
    layout.at(-1)!.roles.push(`r${String(i + 1).padStart(3, '0')}`);
  }
  const seedStart = Date.now();
  const targets = await givenGroups(sim, admin, imageId, layout, 2);
  console.log(
    `\n${CONCURRENT} deployments at once: ${CONCURRENT} groups of 2 in ${layout.length} environments of one type ` +
      `(a map holds at most 40 roles), seeded in ${seconds(Date.now() - seedStart)}`,
  );

  const pid = portal.child.pid!;
  let peakRss = statusKb(pid, 'VmRSS') ?? 0;
  const rssBefore = peakRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, statusKb(pid, 'VmRSS') ?? 0)), 100);
  await resetCalls(sim);
  dynamo.reset();
  const started = Date.now();
  let ids: string[];
  try {
    ids = await Promise.all(targets.map((t) => deploy(admin, t.environment, t.service, '1.1.0')));
    const records = await finished(
      admin,
      ids,
      layout.map((l) => l.environment),
    );
    const elapsed = Date.now() - started;
    const { fleet: c, queue } = await calls(sim);
    const statuses = new Map<string, number>();
    for (const r of records) statuses.set(r.Value.Status, (statuses.get(r.Value.Status) ?? 0) + 1);
    const durations = records
      .map((r) => Date.parse(r.Value.EndTimestamp) - Date.parse(r.Value.StartTimestamp))
      .sort((a, b) => a - b);
    console.log(`  statuses: ${[...statuses].map(([s, n]) => `${n} ${s}`).join(', ')}`);
    console.log(
      `  all over in ${seconds(elapsed)}; one deployment (StartTimestamp to EndTimestamp): ` +
        `p50 ${seconds(durations[Math.floor(durations.length / 2)]!)}, max ${seconds(durations.at(-1)!)}; ` +
        `floor of one ${seconds((BOOT_SECONDS + SHUTDOWN_SECONDS) * MS_PER_SECOND)}; ` +
        `p50 / floor ${(durations[Math.floor(durations.length / 2)]! / ((BOOT_SECONDS + SHUTDOWN_SECONDS) * MS_PER_SECOND)).toFixed(2)}`,
    );
    // where the time goes: each step's median end, from the request (the POST) and from StartTimestamp
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const requested = median(records.map((r) => Date.parse(r.Value.StartTimestamp) - started));
    console.log(
      `  median StartTimestamp ${seconds(requested)} after the first request; median end of each step after it:`,
    );
    console.log(
      '    ' +
        (records[0].Value.Steps as { name: string }[])
          .map(({ name }) => {
            const ends = records.map((r) => {
              const s = (r.Value.Steps as { name: string; endedAt?: string }[]).find((x) => x.name === name)!;
              return Date.parse(s.endedAt ?? r.Value.EndTimestamp) - Date.parse(r.Value.StartTimestamp);
            });
            return `${name} ${seconds(median(ends))}`;
          })
          .join(', '),
    );
    const describes = c['autoscaling:DescribeAutoScalingGroups'] ?? 0;
    console.log(
      `  AWS calls: ${sum(c)} in all, ${(sum(c) / CONCURRENT).toFixed(1)} per deployment; ` +
        `DescribeAutoScalingGroups ${describes} (${((describes * 50) / (CONCURRENT * (elapsed / POLL_MS))).toFixed(2)} per 50 groups per poll interval)`,
    );
    printCalls(c, CONCURRENT, 'per deployment');
    if (sum(queue)) {
      console.log(`  the fleet events queue's calls: ${sum(queue)} in all`);
      printCalls(queue, CONCURRENT, 'per deployment');
    }
    const db = dynamo.counts();
    console.log(
      `  DynamoDB requests: ${sum(db)} in all, ${(sum(db) / CONCURRENT).toFixed(1)} per deployment (the bench's polls included): ` +
        Object.entries(db)
          .sort(([, a], [, b]) => b - a)
          .map(([op, n]) => `${op} ${n}`)
          .join(', '),
    );
  } finally {
    clearInterval(sampler);
  }
  const hwm = statusKb(pid, 'VmHWM') ?? 0;
  console.log(
    `  portal process (node) RSS: ${(rssBefore / MB).toFixed(1)} MB before, max sampled ${(peakRss / MB).toFixed(1)} MB, VmHWM ${(hwm / MB).toFixed(1)} MB ` +
      `(DynamoDB Local is its java child, not counted)`,
  );
}

/**
 * Deployments that wait, with the engine's default settings (a fresh portal process): WAITING awaiting an
 * approval, then WAITING waiting on instances that boot slowly. Counts the DynamoDB requests the portal
 * makes over WAITING_WINDOW_MS for each, per waiting deployment per minute (nothing else runs).
 */
async function waitingBench(
  sim: SimProcess,
  imageId: string,
  dynamo: DynamoDbCounter,
  dynamoDbEndpoint: string,
  events: Record<string, string>,
): Promise<void> {
  const portal = await startPortalProcess({
    env: {
      ...events,
      EM_DYNAMODB_ENDPOINT: dynamoDbEndpoint,
      EM_TABLE_PREFIX: 'benchwait-',
      EM_AWS_ENDPOINT: sim.endpoint,
      EM_DEMO_ESTATE: 'false',
      EM_ADMIN_PASSWORD: ADMIN_PASSWORD,
      // info: the bench waits for the "is listening" line
      EM_LOG_LEVEL: 'info',
    },
  });
  try {
    const admin = await new ApiClient(portal.baseUrl).signIn('admin', ADMIN_PASSWORD);
    const layout = ['benchapproval', 'benchslowboot'].map((environment) => ({
      environment,
      roles: Array.from({ length: WAITING }, (_, i) => `w${String(i + 1).padStart(2, '0')}`),
    }));
    const targets = await givenGroups(sim, admin, imageId, layout, 1);
    console.log(
      `\nWaiting deployments, engine defaults (poll 2 s, scan 5 s, lease 15 s), ${WAITING} at a time, DynamoDB requests over ${seconds(WAITING_WINDOW_MS)}:`,
    );
    // what the process does with no deployment at all (the engine's scan, the notification outbox's look):
    // the same however many deployments wait, so it is told apart from what each one costs
    await new Promise((r) => setTimeout(r, 3000));
    dynamo.reset();
    await new Promise((r) => setTimeout(r, WAITING_WINDOW_MS));
    const idle = sum(dynamo.counts());
    const idleCounts = dynamo.counts();
    console.log(
      `  ${'no deployment (the process)'.padEnd(28)}${String(idle).padStart(6)} requests, ${((idle / WAITING_WINDOW_MS) * 60_000).toFixed(1).padStart(5)} per minute` +
        ` (${
          Object.entries(idleCounts)
            .map(([op, n]) => `${op} ${n}`)
            .join(', ') || 'none'
        })`,
    );
    const measure = async (
      label: string,
      environment: string,
      body: Record<string, unknown>,
      waitingFor: (d: any) => boolean,
    ) => {
      const ids = await Promise.all(
        targets
          .filter((t) => t.environment === environment)
          .map(async (t) => {
            const res = await admin.post('/deployments', {
              environment,
              service: t.service,
              version: '1.1.0',
              ...body,
            });
            if (res.status !== 202)
              throw new Error(`deploying ${t.service}: ${res.status} ${JSON.stringify(res.body)}`);
            return res.body.DeploymentID as string;
          }),
      );
      const deadline = Date.now() + 60_000;
      for (;;) {
        const records = await Promise.all(
          ids.map(async (id) => (await admin.get(`/deployments/${id}`)).body),
        );
        if (records.every(waitingFor)) break;
        if (Date.now() > deadline) throw new Error(`the ${label} deployments did not all start waiting`);
        await new Promise((r) => setTimeout(r, 500));
      }
      // let the last saves of getting there settle, then count with nobody looking
      await new Promise((r) => setTimeout(r, 3000));
      dynamo.reset();
      await new Promise((r) => setTimeout(r, WAITING_WINDOW_MS));
      const counts = dynamo.counts();
      const perMinute = (sum(counts) / WAITING / WAITING_WINDOW_MS) * 60_000;
      const eachPerMinute = (Math.max(0, sum(counts) - idle) / WAITING / WAITING_WINDOW_MS) * 60_000;
      console.log(
        `  ${label.padEnd(28)}${String(sum(counts)).padStart(6)} requests, ${perMinute.toFixed(1).padStart(5)} per waiting deployment per minute` +
          ` (${eachPerMinute.toFixed(1)} beyond the process's own)` +
          ` (${
            Object.entries(counts)
              .map(([op, n]) => `${op} ${n}`)
              .join(', ') || 'none'
          })`,
      );
    };
    await measure(
      'awaiting approval',
      'benchapproval',
      { requireApproval: true },
      (d) => d.Value.Status === 'Awaiting Approval',
    );
    // boots that take 100x as long: the deployments wait on their new instances through the window
    await sim.control('PUT', '/_sim/faults/boot', { failureRate: 0, delayFactor: 100 });
    await measure('waiting for new instances', 'benchslowboot', {}, (d) =>
      d.Value.Steps.some(
        (s: { name: string; status: string }) =>
          s.name === 'wait-for-new-instances' && s.status === 'running',
      ),
    );
    await sim.control('DELETE', '/_sim/faults');
  } finally {
    await portal.stop();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  let sim: SimProcess | undefined;
  let portal: PortalProcess | undefined;
  let events: Record<string, string> = {};
  const local = await startDynamoDbLocal(undefined);
  const dynamo = await startDynamoDbCounter(local.endpoint);
  try {
    sim = await startSimProcess({ msPerSecond: MS_PER_SECOND });
    events = await fleetEventsEnv(sim.endpoint, args['fleet-events']);
    portal = await startPortalProcess({
      env: {
        ...events,
        EM_DYNAMODB_ENDPOINT: dynamo.endpoint,
        EM_TABLE_PREFIX: 'bench-',
        EM_AWS_ENDPOINT: sim.endpoint,
        EM_ENGINE_POLL_MS: String(POLL_MS),
        EM_ENGINE_SCAN_MS: '1000',
        EM_ENGINE_LEASE_MS: String(LEASE_MS),
        EM_DEMO_ESTATE: 'false',
        EM_ADMIN_PASSWORD: ADMIN_PASSWORD,
        EM_LOG_LEVEL: 'info',
      },
    });
    console.log(
      `aws-sim process at ${sim.endpoint} (${MS_PER_SECOND} ms per AWS second); portal process at ${portal.baseUrl} ` +
        `(engine poll ${POLL_MS} ms, lease ${LEASE_MS} ms, fleet events ${args['fleet-events']}; DynamoDB Local in memory behind a counting proxy); ready in ${seconds(Date.now() - started)}`,
    );
    const admin = await new ApiClient(portal.baseUrl).signIn('admin', ADMIN_PASSWORD);
    const imageId = (await sim.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images![0]!
      .ImageId!;
    if (runs.includes('patch')) await patchBench(sim, admin, imageId, dynamo);
    if (runs.includes('concurrent')) await concurrentBench(sim, admin, imageId, portal, dynamo);
    await portal.stop();
    portal = undefined;
    if (runs.includes('waiting')) await waitingBench(sim, imageId, dynamo, dynamo.endpoint, events);
  } finally {
    await portal?.stop();
    await sim?.close();
    await dynamo.close();
    await local.stop();
    console.log(`\nwhole run: ${seconds(Date.now() - started)}`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
