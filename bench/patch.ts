// Benchmarks an image patch operation of a portal process against an aws-sim process: 20 groups of 4
// instances patched onto a new image, 5 at a time, next to the floor aws-sim's timings impose
// (ceil(20 / 5) rounds of one group's floor), with the AWS calls per group. Figures, not a test: nothing
// here passes or fails on a timing.
import { parseArgs } from 'node:util';
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { isPatchOver } from '../shared/patches/patch';
import { ApiClient } from '../test/support/api-client';
import { startDynamoDbLocal } from '../server/adapters/dynamodb/dynamodb-local';
import { startPortalProcess, type PortalProcess } from '../test/support/portal-process';
import { startSimProcess, type SimProcess } from '../test/support/sim-process';
import { givenGroups } from './support/bench-estate';
import { FLEET_EVENTS_OPTION, fleetEventsEnv, splitCalls } from './support/fleet-events';
import { MS_PER_SECOND_OPTION, msPerSecond } from './support/sim-clock';

const args = parseArgs({
  options: { 'ms-per-second': MS_PER_SECOND_OPTION, 'fleet-events': FLEET_EVENTS_OPTION },
}).values;
/** Real milliseconds per simulated AWS second (`--ms-per-second N`, see msPerSecond). */
const MS_PER_SECOND = msPerSecond(args['ms-per-second']);
/** The engine looks at a waiting step every 2 AWS seconds, as it does every 2 s on AWS by default. */
const POLL_MS = 2 * MS_PER_SECOND;
/** aws-sim's timings (aws-sim/instances/instance-fleet.ts), in AWS seconds. */
const BOOT_SECONDS = 20;
const SHUTDOWN_SECONDS = 2;
const GROUPS = 20;
const INSTANCES = 4;
const MAX_PARALLEL = 5;
const ADMIN_PASSWORD = 'bench-patch-admin-password';
/** The environment of the warm-up patch and its roles, patched before the measured one. */
const WARM_UP = 'benchwarm';
const WARM_UP_ROLES = ['w1', 'w2'];

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Requests a patch operation and polls it (every 100 ms) until it is over. */
async function patchOver(
  admin: ApiClient,
  request: { environment: string; maxParallel: number },
): Promise<{ requested: number; acceptedAfter: number; id: string; patch: any; seen: number }> {
  const requested = Date.now();
  const accepted = await admin.post('/patches', request);
  if (accepted.status !== 202) throw new Error(`the patch was refused: ${JSON.stringify(accepted.body)}`);
  const acceptedAfter = Date.now() - requested;
  const id = accepted.body.PatchID as string;
  for (;;) {
    const patch = (await admin.get(`/patches/${id}`)).body;
    if (isPatchOver(patch.Status))
      return { requested, acceptedAfter, id, patch, seen: Date.now() - requested };
    if (Date.now() - requested > 300_000)
      throw new Error(`the patch of ${request.environment} did not end in 5 minutes`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  let sim: SimProcess | undefined;
  let portal: PortalProcess | undefined;
  const local = await startDynamoDbLocal(undefined);
  try {
    sim = await startSimProcess({ msPerSecond: MS_PER_SECOND });
    portal = await startPortalProcess({
      env: {
        // --fleet-events on|off: whether the engine hears Auto Scaling's lifecycle events (default on)
        ...(await fleetEventsEnv(sim.endpoint, args['fleet-events'])),
        EM_DYNAMODB_ENDPOINT: local.endpoint,
        EM_TABLE_PREFIX: 'bench-patch-',
        EM_AWS_ENDPOINT: sim.endpoint,
        EM_ENGINE_POLL_MS: String(POLL_MS),
        EM_ENGINE_SCAN_MS: '1000',
        EM_ENGINE_LEASE_MS: '5000',
        EM_DEMO_ESTATE: 'false',
        EM_ADMIN_PASSWORD: ADMIN_PASSWORD,
      },
    });
    const admin = await new ApiClient(portal.baseUrl).signIn('admin', ADMIN_PASSWORD);
    const images = (await sim.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images!;
    const from = images.find((i) => i.Name === 'em-base-2026.9.0')!;
    const environment = 'benchimage';
    const roles = Array.from({ length: GROUPS }, (_, i) => `r${i + 1}`);
    await givenGroups(
      sim,
      admin,
      from.ImageId!,
      [
        { environment, roles },
        { environment: WARM_UP, roles: WARM_UP_ROLES },
      ],
      INSTANCES,
    );
    console.log(
      `aws-sim process (${MS_PER_SECOND} ms per AWS second) and portal process (engine poll ${POLL_MS} ms, fleet events ${args['fleet-events']}); ` +
        `${GROUPS} groups of ${INSTANCES} seeded; ready in ${seconds(Date.now() - started)}`,
    );

    // a patch of another environment first, not in the figures: the portal's first patch runs code paths
    // not yet compiled (as bench:deploy's warm-up deployment); its groups are not the measured ones, so
    // no cache of theirs is warmed
    const warm = await patchOver(admin, { environment: WARM_UP, maxParallel: WARM_UP_ROLES.length });
    const warmWall = Date.parse(warm.patch.EndTimestamp) - warm.requested;
    console.log(
      `a warm-up patch of ${WARM_UP_ROLES.length} groups (${WARM_UP}) ran first, not in the figures: ${warm.patch.Status}, wall ${seconds(warmWall)}`,
    );

    await sim.control('DELETE', '/_sim/calls');
    const { requested, acceptedAfter, id, patch, seen } = await patchOver(admin, {
      environment,
      maxParallel: MAX_PARALLEL,
    });
    const groups = await Promise.all(
      (patch.Groups as { DeploymentID: string }[]).map(
        async (g) => (await admin.get(`/deployments/${g.DeploymentID}`)).body.Value,
      ),
    );
    const ends = groups.map((g) => Date.parse(g.EndTimestamp as string) - requested);
    const wall = Math.max(...ends);
    const groupFloor = (BOOT_SECONDS + SHUTDOWN_SECONDS) * MS_PER_SECOND;
    const rounds = Math.ceil(GROUPS / MAX_PARALLEL);
    const floor = rounds * groupFloor;
    const { fleet: calls, queue } = splitCalls(
      (await sim.control('GET', '/_sim/calls')).body as Record<string, number>,
    );
    const total = Object.values(calls).reduce((a, b) => a + b, 0);
    const queueTotal = Object.values(queue).reduce((a, b) => a + b, 0);
    console.log(
      `\nImage patch of ${GROUPS} groups of ${INSTANCES} instances, ${MAX_PARALLEL} at a time: ${patch.Status}` +
        `\n  floor = ${rounds} rounds x (boot ${BOOT_SECONDS} s + shutdown ${SHUTDOWN_SECONDS} s) x ${MS_PER_SECOND} ms per AWS second = ${seconds(floor)}` +
        `\n  wall (request to the last group's EndTimestamp) ${seconds(wall)}, ratio ${(wall / floor).toFixed(2)}` +
        `\n  seen (until the bench's poll, every 100 ms, saw the patch over) ${seconds(seen)}, ratio ${(seen / floor).toFixed(2)}` +
        `\n  AWS calls (Auto Scaling, EC2, ELBv2): ${total} in all, ${(total / GROUPS).toFixed(1)} per group` +
        `; fleet events queue (SQS): ${queueTotal}`,
    );
    // where the time went: each group's start and end, and the end of its steps, from the request
    const operation = (await admin.get(`/deployments/${id}`)).body.Value;
    console.log(
      `  the request answered 202 after ${seconds(acceptedAfter)}; the operation's StartTimestamp ${seconds(Date.parse(operation.StartTimestamp) - requested)}`,
    );
    console.log('  each group, in the order they started (from the request: start, end of each step):');
    const byStart = groups
      .map((g) => ({ g, start: Date.parse(g.StartTimestamp as string) - requested }))
      .sort((a, b) => a.start - b.start);
    for (const { g, start } of byStart)
      console.log(
        `    ${String(g.AutoScalingGroupName).padEnd(28)}${seconds(start).padStart(8)} | ` +
          (g.Steps as { name: string; endedAt?: string }[])
            .map((s) => seconds(Date.parse(s.endedAt ?? (g.EndTimestamp as string)) - requested))
            .join(' '),
      );
    console.log(`    (steps: ${(groups[0].Steps as { name: string }[]).map((s) => s.name).join(', ')})`);
    for (const [action, n] of Object.entries(calls).sort(([, a], [, b]) => b - a))
      console.log(
        `    ${action.padEnd(52)}${String(n).padStart(6)}${(n / GROUPS).toFixed(2).padStart(10)} per group`,
      );
  } finally {
    await portal?.stop();
    await sim?.close();
    await local.stop();
    console.log(`\nwhole run: ${seconds(Date.now() - started)}`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
