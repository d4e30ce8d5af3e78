// Benchmarks GET /api/v1/feature-toggles/evaluate of a portal process on DynamoDB Local, for a service
// with 200 toggles (on, off, percentages, targeting), against a bare Express route on loopback answering
// the same JSON from memory: the ratio is what the portal's own work (session, catalogue reads, zod,
// evaluation, JSON) costs. It counts the DynamoDB requests of one evaluation (a counting proxy in front of
// DynamoDB Local) and measures the local evaluation rate (isOn over the definitions, in this process).
// Figures, not a test: the ratio is printed PASS or FAIL against its target, and the run never fails on it.
import type { Server } from 'node:http';
import { parseArgs } from 'node:util';
import express from 'express';
import { freePort, startDynamoDbLocal } from '../server/adapters/dynamodb/dynamodb-local';
import { isOn } from '../shared/toggles/evaluate-toggle';
import { ToggleDefinitions } from '../shared/toggles/feature-toggle';
import {
  aCluster,
  aDeploymentMap,
  anEnvironment,
  anEnvironmentType,
  aService,
  created,
} from '../test/fixtures/builders';
import { ApiClient } from '../test/support/api-client';
import { startPortalProcess, type PortalProcess } from '../test/support/portal-process';
import { startDynamoDbCounter } from './support/dynamodb-counter';
import { load, type Figures } from './support/load';

/** Toggles of the benchmarked service, unless `--toggles N` says otherwise. */
const TOGGLES = 200;
/** Seconds each measurement lasts, unless `--duration S` says otherwise. */
const DURATION_S = 5;
const WARMUP_S = 1;
const CONNECTIONS = 10;
/**
 * Rounds of portal-then-bare loads: this machine's speed drifts over seconds, so the two are measured
 * side by side several times and the ratio is taken over all rounds (each round's is printed too).
 */
const ROUNDS = 3;
/** The portal's requests/s over bare Express's that the evaluation endpoint aims for. */
const TARGET_RATIO = 0.8;
/** Sequential evaluations whose DynamoDB requests are counted. */
const COUNTED = 200;
const ADMIN_PASSWORD = 'bench-toggles-admin-password';

function options(): { toggles: number; duration: number } {
  const { values } = parseArgs({ options: { toggles: { type: 'string' }, duration: { type: 'string' } } });
  const toggles = values.toggles === undefined ? TOGGLES : Number(values.toggles);
  const duration = values.duration === undefined ? DURATION_S : Number(values.duration);
  if (!Number.isInteger(toggles) || toggles < 1 || toggles > 5000)
    throw new Error('--toggles must be 1 to 5000');
  if (!Number.isFinite(duration) || duration <= 0 || duration > 60)
    throw new Error('--duration must be 1 to 60 s');
  return { toggles, duration };
}

/** The setting of toggle i: a quarter on, a quarter off, a third percentages, the rest targeted. */
function settingOf(i: number): Record<string, unknown> {
  switch (i % 12) {
    case 0:
    case 1:
    case 2:
      return { state: 'on' };
    case 3:
    case 4:
    case 5:
      return { state: 'off' };
    case 6:
    case 7:
    case 8:
    case 9:
      return { state: 'percentage', percentage: [1, 10, 33.33, 50][i % 4] };
    default:
      return {
        state: i % 2 ? 'percentage' : 'off',
        ...(i % 2 ? { percentage: 25 } : {}),
        include: { users: Array.from({ length: 20 }, (_, u) => `vip-${u}`), groups: ['canary', 'staff'] },
        exclude: { users: ['user-13', 'user-99'], groups: ['banned'] },
      };
  }
}

/** A service, an environment, and `count` toggles of the service set there; answers the names. */
async function seed(admin: ApiClient, count: number): Promise<{ service: string; environment: string }> {
  const team = (await created(admin, '/config/clusters', aCluster({ name: 'Bench' }))).ClusterName;
  const type = (await created(admin, '/config/environment-types', anEnvironmentType())).EnvironmentType;
  const service = (await created(admin, '/config/services', aService({ cluster: team, name: 'bench-svc' })))
    .ServiceName as string;
  const map = (
    await created(
      admin,
      '/config/deployment-maps',
      aDeploymentMap({ roles: [{ cluster: team, services: [service] }] }),
    )
  ).DeploymentMapName;
  const environment = (
    await created(admin, '/config/environments', anEnvironment({ name: 'bench1', type, cluster: team, map }))
  ).EnvironmentName as string;
  for (let i = 0; i < count; i += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, count - i) }, async (_, j) => {
        const name = `flag-${String(i + j).padStart(4, '0')}`;
        await created(admin, '/feature-toggles', { service, name, type: 'release' });
        const set = await admin.put(
          `/feature-toggles/${service}/${name}/environments/${environment}`,
          { ...settingOf(i + j), reason: 'bench' },
          0,
        );
        if (set.status !== 200)
          throw new Error(`setting ${name} answered ${set.status}: ${JSON.stringify(set.body)}`);
      }),
    );
  }
  return { service, environment };
}

function startBare(json: string, port: number): Promise<Server> {
  const app = express();
  app.get('/api/v1/feature-toggles/evaluate', (_req, res) => {
    res.type('application/json').send(json);
  });
  return new Promise((resolve, reject) => {
    const server = app.listen(port, '127.0.0.1', (e?: Error) => (e ? reject(e) : resolve(server)));
  });
}

/** isOn over every definition for ever new user ids, for `seconds`: toggle evaluations per second. */
function localRate(definitions: ToggleDefinitions, seconds: number): { perSecond: number; on: number } {
  const rules = definitions.toggles;
  const groups = ['staff'];
  let evaluations = 0;
  let on = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  let user = 0;
  while (performance.now() < until) {
    // a thousand users between clock reads, so the clock is not what is measured
    for (let k = 0; k < 1000; k++, user++) {
      const who = { userId: `user-${user}`, groups: user % 10 === 0 ? groups : [] };
      for (const rule of rules) if (isOn(rule, who)) on++;
      evaluations += rules.length;
    }
  }
  return { perSecond: evaluations / ((performance.now() - started) / 1000), on };
}

const row = (label: string, f: Figures) =>
  `${label.padEnd(26)}${f.requestsPerSecond.toFixed(1).padStart(12)}${f.p50Ms.toFixed(1).padStart(10)}` +
  `${f.p99Ms.toFixed(1).padStart(10)}${String(f.total).padStart(10)}${String(f.non2xx + f.errors).padStart(10)}`;

async function main(): Promise<void> {
  const { toggles, duration } = options();
  const started = Date.now();
  const local = await startDynamoDbLocal(undefined);
  const counter = await startDynamoDbCounter(local.endpoint);
  let portal: PortalProcess | undefined;
  let bare: Server | undefined;
  try {
    portal = await startPortalProcess({
      env: {
        EM_DYNAMODB_ENDPOINT: counter.endpoint,
        EM_TABLE_PREFIX: 'bench-toggles-',
        // loopback only: toggles need no AWS, and a closed port makes sure nothing reaches it
        EM_AWS_ENDPOINT: 'http://127.0.0.1:9',
        EM_DEMO_ESTATE: 'false',
        EM_ENGINE: 'off',
        EM_SCHEDULER: 'off',
        EM_NOTIFY: 'off',
        EM_ADMIN_PASSWORD: ADMIN_PASSWORD,
      },
    });
    const admin = await new ApiClient(portal.baseUrl).signIn('admin', ADMIN_PASSWORD);
    console.log(`portal process listening in ${((Date.now() - started) / 1000).toFixed(1)} s; seeding...`);
    const { service, environment } = await seed(admin, toggles);
    console.log(
      `portal process on DynamoDB Local, ${toggles} toggles of ${service} set in ${environment}; ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    const query = `service=${service}&environment=${environment}&userId=user-4242&groups=staff`;
    const path = `/api/v1/feature-toggles/evaluate?${query}`;
    const auth = { authorization: `Bearer ${admin.token!}` };
    const reply = await fetch(`${portal.baseUrl}${path}`, { headers: auth });
    const json = await reply.text();
    if (!reply.ok) throw new Error(`evaluate answered ${reply.status}: ${json.slice(0, 300)}`);
    const answered = Object.values(JSON.parse(json) as Record<string, boolean>);
    if (answered.length !== toggles)
      throw new Error(`evaluate answered ${answered.length} toggles, not ${toggles}`);

    counter.reset();
    for (let i = 0; i < COUNTED; i++)
      await fetch(`${portal.baseUrl}${path}`, { headers: auth }).then((r) => r.text());
    const perRequest = Object.entries(counter.counts())
      .map(([op, n]) => `${op} ${(n / COUNTED).toFixed(2)}`)
      .join(', ');

    const barePort = await freePort();
    bare = await startBare(json, barePort);
    const bareUrl = `http://127.0.0.1:${barePort}${path}`;
    const portalUrl = `${portal.baseUrl}${path}`;
    await load(portalUrl, WARMUP_S, auth, CONNECTIONS);
    await load(bareUrl, WARMUP_S, auth, CONNECTIONS);
    console.log(
      `loading the portal, then bare Express, ${duration} s each with ${CONNECTIONS} connections, ${ROUNDS} rounds...`,
    );
    const rounds: { portal: Figures; bare: Figures }[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const portalFigures = await load(portalUrl, duration, auth, CONNECTIONS);
      rounds.push({ portal: portalFigures, bare: await load(bareUrl, duration, auth, CONNECTIONS) });
    }

    const definitions = ToggleDefinitions.parse(
      (await admin.get(`/feature-toggles/definitions?service=${service}&environment=${environment}`)).body,
    );
    const rate = localRate(definitions, Math.min(duration, 3));

    console.log(`\nGET ${path.split('?')[0]} (${toggles} toggles, ${json.length} bytes of JSON)`);
    console.log(
      `${''.padEnd(26)}${'requests/s'.padStart(12)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'total'.padStart(10)}${'failed'.padStart(10)}`,
    );
    rounds.forEach((round, r) => {
      console.log(row(`portal (round ${r + 1})`, round.portal));
      console.log(row(`bare Express (round ${r + 1})`, round.bare));
    });
    const sum = (pick: (round: (typeof rounds)[number]) => Figures) =>
      rounds.reduce((n, round) => n + pick(round).total, 0);
    const ratio = sum((r) => r.bare) > 0 ? sum((r) => r.portal) / sum((r) => r.bare) : 0;
    const each = rounds.map((r) => (r.portal.total / Math.max(1, r.bare.total)).toFixed(3)).join(', ');
    console.log(
      `\nportal/bare requests/s over ${ROUNDS} rounds: ${ratio.toFixed(3)} (target >= ${TARGET_RATIO}): ${ratio >= TARGET_RATIO ? 'PASS' : 'FAIL'}; by round ${each}`,
    );
    console.log(`DynamoDB requests per evaluation (mean of ${COUNTED} sequential): ${perRequest || 'none'}`);
    console.log(
      `local evaluation (isOn over the definitions): ${(rate.perSecond / 1e6).toFixed(2)} million toggle evaluations/s, ` +
        `${(rate.perSecond / toggles).toFixed(0)} evaluations/s of all ${toggles} toggles`,
    );
  } finally {
    if (bare) {
      bare.closeAllConnections();
      await new Promise<void>((resolve) => bare!.close(() => resolve()));
    }
    if (portal) await portal.stop();
    await counter.close();
    await local.stop();
    console.log(`\nwhole run: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
