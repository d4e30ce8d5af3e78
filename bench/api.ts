// Benchmarks GET /api/v1/config/services on the real portal against a bare Express app serving the same
// bytes from memory, so the figure shows what the portal's own work (auth, DynamoDB, zod, JSON) costs.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import express from 'express';
import { freePort } from '../server/adapters/dynamodb/dynamodb-local';
import { load, type Figures } from './support/load';
import { statusKb } from './support/proc-memory';

/** How many services the catalogue holds during the run, unless `--services N` says otherwise. */
export const SERVICES = 5000;
/** Seconds each target is loaded, unless `--duration S` says otherwise. */
export const DURATION_S = 15;

const CONNECTIONS = 10;
const READY_TIMEOUT_MS = 120_000;
const SEED_TIMEOUT_MS = 600_000;
const ADMIN_PASSWORD = 'bench-admin-password-0123';
const MB = 1024 * 1024;

/** The portal child process and where it listens. */
interface Portal {
  readonly child: ChildProcess;
  readonly base: string;
  readonly exited: Promise<void>;
}

/** Peak resident memory seen while sampling, in bytes. */
interface MemoryPeaks {
  portalHwm: number;
  portalRss: number;
  dynamoRss: number | undefined;
  dynamoPid: number | undefined;
}

function options(): { services: number; duration: number } {
  const { values } = parseArgs({
    options: { services: { type: 'string' }, duration: { type: 'string' } },
  });
  const services = values.services === undefined ? SERVICES : Number(values.services);
  const duration = values.duration === undefined ? DURATION_S : Number(values.duration);
  // two ports per service from 1024 up must stay within 65535
  if (!Number.isInteger(services) || services < 1 || services > 32_000) {
    throw new Error('--services must be an integer from 1 to 32000');
  }
  if (!Number.isFinite(duration) || duration <= 0) throw new Error('--duration must be a positive number');
  return { services, duration };
}

function startPortal(root: string, dataDir: string, port: number): Portal {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    EM_DATA_DIR: dataDir,
    EM_ADMIN_PASSWORD: ADMIN_PASSWORD,
    EM_LOG_LEVEL: 'warn',
    // the bench measures its own 5,000 services: no demo estate, and aws-sim on any free port
    EM_DEMO_ESTATE: 'false',
    EM_AWS_SIM_PORT: '0',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  delete env['EM_DYNAMODB_ENDPOINT'];
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[portal] ${d.toString()}`));
  const exited = once(child, 'exit').then(([code, signal]) => {
    // `killed` is set once the bench sent SIGTERM, so only an exit the bench did not ask for is reported
    if (!child.killed)
      process.stderr.write(`[portal] exited unexpectedly (code ${code}, signal ${signal})\n`);
  });
  return { child, base: `http://127.0.0.1:${port}`, exited };
}

/**
 * Waits for the "listening" log line or, because EM_LOG_LEVEL=warn hides that info line, for the
 * anonymous healthcheck to answer; whichever comes first.
 */
async function waitUntilReady(portal: Portal): Promise<void> {
  let listening = false;
  let out = '';
  portal.child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    const lines = out.split('\n');
    out = lines.pop() ?? '';
    for (const line of lines) {
      if (line.includes('"Environment Manager is listening"')) listening = true;
      else if (line.trim()) process.stderr.write(`[portal] ${line}\n`);
    }
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (portal.child.exitCode !== null) throw new Error(`portal exited with code ${portal.child.exitCode}`);
    if (listening) return;
    try {
      const res = await fetch(`${portal.base}/api/v1/diagnostics/healthcheck`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`portal was not ready within ${READY_TIMEOUT_MS / 1000} s`);
}

async function call(base: string, method: string, url: string, token: string | undefined, body: unknown) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(SEED_TIMEOUT_MS),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${text.slice(0, 500)}`);
  return text;
}

function service(i: number) {
  const n = String(i + 1).padStart(5, '0');
  return {
    ServiceName: `svc-${n}`,
    OwningCluster: 'Bench',
    Value: {
      Description: `Benchmark service number ${n}`,
      Lifecycle: 'production',
      BluePort: 1024 + 2 * i,
      GreenPort: 1025 + 2 * i,
      Tags: ['a', 'b'],
      Contacts: [{ Name: 'x', Email: 'x@example.com' }],
      Links: [{ Title: 'Runbook', Url: `https://example.com/${n}` }],
    },
  };
}

async function seed(base: string, token: string, count: number): Promise<void> {
  await call(base, 'POST', '/api/v1/config/clusters', token, {
    ClusterName: 'Bench',
    Value: { ShortName: 'bn' },
  });
  const body = Array.from({ length: count }, (_, i) => service(i));
  await call(base, 'PUT', '/api/v1/config/import/services?mode=merge', token, body);
}

function startBare(json: string, port: number): Promise<Server> {
  const app = express();
  app.get('/api/v1/config/services', (_req, res) => {
    res.type('application/json').send(json);
  });
  return new Promise((resolve, reject) => {
    const server = app.listen(port, '127.0.0.1', (e?: Error) => (e ? reject(e) : resolve(server)));
  });
}

/** The java child of the portal process, found through /proc's per-thread children lists. */
function dynamoDbLocalPid(portalPid: number): number | undefined {
  try {
    for (const task of fs.readdirSync(`/proc/${portalPid}/task`)) {
      const children = fs.readFileSync(`/proc/${portalPid}/task/${task}/children`, 'utf8').trim();
      for (const pid of children.split(/\s+/).filter(Boolean).map(Number)) {
        if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'java') return pid;
      }
    }
  } catch {
    // the process went away or /proc is not readable: report nothing rather than guess
  }
  return undefined;
}

function sampleMemory(portalPid: number, peaks: MemoryPeaks): void {
  peaks.portalHwm = Math.max(peaks.portalHwm, statusKb(portalPid, 'VmHWM') ?? 0);
  peaks.portalRss = Math.max(peaks.portalRss, statusKb(portalPid, 'VmRSS') ?? 0);
  peaks.dynamoPid ??= dynamoDbLocalPid(portalPid);
  const java = peaks.dynamoPid === undefined ? undefined : statusKb(peaks.dynamoPid, 'VmRSS');
  if (java !== undefined) peaks.dynamoRss = Math.max(peaks.dynamoRss ?? 0, java);
}

function printTable(portal: Figures, bare: Figures, bytes: number, peaks: MemoryPeaks): void {
  const rows: [string, (f: Figures) => string][] = [
    ['requests/s (mean)', (f) => f.requestsPerSecond.toFixed(1)],
    ['latency p50 (ms)', (f) => f.p50Ms.toFixed(1)],
    ['latency p99 (ms)', (f) => f.p99Ms.toFixed(1)],
    ['throughput (MB/s)', (f) => f.mbPerSecond.toFixed(1)],
    ['requests (total)', (f) => String(f.total)],
    ['non-2xx', (f) => String(f.non2xx)],
    ['errors', (f) => String(f.errors)],
  ];
  const line = (a: string, b: string, c: string) => `${a.padEnd(20)}${b.padStart(12)}${c.padStart(12)}`;
  console.log(`\nGET /api/v1/config/services: response ${bytes} bytes (${(bytes / MB).toFixed(2)} MB)`);
  console.log(line('', 'portal', 'bare'));
  for (const [label, cell] of rows) console.log(line(label, cell(portal), cell(bare)));
  const ratio = bare.requestsPerSecond > 0 ? portal.requestsPerSecond / bare.requestsPerSecond : NaN;
  console.log(`\nportal/bare requests/s: ${ratio.toFixed(3)}`);
  const mb = (b: number) => `${(b / MB).toFixed(1)} MB`;
  console.log(
    `portal process (node) peak RSS: VmHWM ${mb(peaks.portalHwm)}, max sampled VmRSS ${mb(peaks.portalRss)}`,
  );
  console.log(
    peaks.dynamoRss === undefined
      ? 'DynamoDB Local (java, not the portal): RSS not found'
      : `DynamoDB Local (java child, pid ${peaks.dynamoPid}, not the portal): max sampled VmRSS ${mb(peaks.dynamoRss)}`,
  );
}

async function stopPortal(portal: Portal): Promise<void> {
  if (portal.child.exitCode !== null || portal.child.signalCode !== null) return;
  portal.child.kill('SIGTERM');
  const timer = setTimeout(() => portal.child.kill('SIGKILL'), 15_000);
  await portal.exited;
  clearTimeout(timer);
}

async function main(): Promise<void> {
  const { services, duration } = options();
  const started = Date.now();
  const root = path.resolve(import.meta.dirname, '..');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'em-bench-'));
  let portal: Portal | undefined;
  let bare: Server | undefined;
  try {
    portal = startPortal(root, dataDir, await freePort());
    await waitUntilReady(portal);
    console.log(`portal ready in ${((Date.now() - started) / 1000).toFixed(1)} s at ${portal.base}`);
    const token = JSON.parse(
      await call(portal.base, 'POST', '/api/v1/token', undefined, {
        username: 'admin',
        password: ADMIN_PASSWORD,
      }),
    ) as string;

    const seedStart = Date.now();
    await seed(portal.base, token, services);
    console.log(`seeded ${services} services in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

    const json = await call(portal.base, 'GET', '/api/v1/config/services', token, undefined);
    const listed = JSON.parse(json) as unknown;
    if (!Array.isArray(listed) || listed.length !== services) {
      throw new Error(
        `expected ${services} services, got ${Array.isArray(listed) ? listed.length : 'no array'}`,
      );
    }
    const bytes = Buffer.byteLength(json);
    const barePort = await freePort();
    bare = await startBare(json, barePort);

    const pid = portal.child.pid;
    if (pid === undefined) throw new Error('portal has no pid');
    const peaks: MemoryPeaks = { portalHwm: 0, portalRss: 0, dynamoRss: undefined, dynamoPid: undefined };
    sampleMemory(pid, peaks);
    const sampler = setInterval(() => sampleMemory(pid, peaks), 100);
    console.log(`loading portal for ${duration} s with ${CONNECTIONS} connections...`);
    const portalFigures = await load(`${portal.base}/api/v1/config/services`, duration, {
      authorization: `Bearer ${token}`,
    }).finally(() => clearInterval(sampler));
    sampleMemory(pid, peaks);
    console.log(`loading bare Express for ${duration} s with ${CONNECTIONS} connections...`);
    const bareFigures = await load(`http://127.0.0.1:${barePort}/api/v1/config/services`, duration, {});

    printTable(portalFigures, bareFigures, bytes, peaks);
  } finally {
    if (bare) {
      bare.closeAllConnections();
      await new Promise<void>((resolve) => bare!.close(() => resolve()));
    }
    if (portal) await stopPortal(portal);
    fs.rmSync(dataDir, { recursive: true, force: true });
    console.log(`\nwhole run: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

main().catch((e: unknown) => {
  const cause = e instanceof Error && e.cause !== undefined ? `\ncaused by: ${String(e.cause)}` : '';
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}${cause}\n`);
  process.exitCode = 1;
});
