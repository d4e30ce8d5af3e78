// Benchmarks GET /api/v1/config/services on the real portal against a bare Express app serving the same
// bytes from memory, so the figure shows what the portal's own work (auth, DynamoDB, zod, JSON) costs.
// The portal is loaded as browsers call it (`Accept-Encoding: gzip, br`, so it sends its compressed form)
// and without Accept-Encoding (the uncompressed bytes, as bare Express sends them), at 10 and 50
// connections, and once with If-None-Match carrying the ETag it gave (a client whose copy is current).
// Bare Express stays the uncompressed bytes from memory whatever the client accepts: the compressed ratio
// is what a browser sees, the uncompressed one compares the same work byte for byte.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import http, { type Server } from 'node:http';
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

/** Connections of each load run: the earlier single figure, and a busier portal. */
const CONNECTION_COUNTS = [10, 50] as const;
/** Connections of the conditional (If-None-Match) run. */
const CONDITIONAL_CONNECTIONS = 50;
/** Seconds each server is loaded before the measured runs, so neither is measured while the JIT warms up. */
const WARMUP_S = 2;
const BROWSER_ACCEPT_ENCODING = 'gzip, br';
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

/** One GET as sent, with the body's bytes as they came over the wire (not decompressed, unlike fetch). */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let bytes = 0;
        res.on('data', (d: Buffer) => (bytes += d.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
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

/** The figures of one connection count: the portal compressed and uncompressed, and bare Express. */
interface Round {
  readonly connections: number;
  readonly compressed: Figures;
  readonly uncompressed: Figures;
  readonly bare: Figures;
}

/** What the portal sends for the list: sizes per content coding and the ETag. */
interface Reply {
  readonly bytes: number;
  /** The coding the portal chose for `Accept-Encoding: gzip, br`, if any. */
  readonly coding: string | undefined;
  readonly compressedBytes: number;
  readonly gzipBytes: number | undefined;
  readonly etag: string | undefined;
}

function ratio(portal: Figures, bare: Figures): string {
  return bare.requestsPerSecond > 0 ? (portal.requestsPerSecond / bare.requestsPerSecond).toFixed(3) : 'n/a';
}

function printTable(reply: Reply, rounds: readonly Round[], conditional: Figures, peaks: MemoryPeaks): void {
  const rows: [string, (f: Figures) => string][] = [
    ['requests/s (mean)', (f) => f.requestsPerSecond.toFixed(1)],
    ['latency p50 (ms)', (f) => f.p50Ms.toFixed(1)],
    ['latency p99 (ms)', (f) => f.p99Ms.toFixed(1)],
    ['throughput (MB/s)', (f) => f.mbPerSecond.toFixed(1)],
    ['requests (total)', (f) => String(f.total)],
    ['non-2xx', (f) => String(f.non2xx)],
    ['errors', (f) => String(f.errors)],
  ];
  const coded = reply.coding ? `portal ${reply.coding}` : 'portal (AE)';
  const cells = (values: string[]) => values.map((v) => v.padStart(14)).join('');
  const sizes = [
    `${reply.bytes} bytes as JSON (${(reply.bytes / MB).toFixed(2)} MB)`,
    reply.coding ? `${reply.coding} ${reply.compressedBytes} bytes` : 'not compressed for gzip, br',
    ...(reply.gzipBytes !== undefined && reply.coding !== 'gzip' ? [`gzip ${reply.gzipBytes} bytes`] : []),
  ];
  console.log(`\nGET /api/v1/config/services: ${sizes.join('; ')}; ETag ${reply.etag ?? '(none)'}`);
  console.log(
    ''.padEnd(20) + rounds.map((r) => `${r.connections} connections`.padStart(28).padEnd(42)).join(''),
  );
  console.log(''.padEnd(20) + rounds.map(() => cells([coded, 'portal raw', 'bare'])).join(''));
  for (const [label, cell] of rows) {
    console.log(
      label.padEnd(20) +
        rounds.map((r) => cells([cell(r.compressed), cell(r.uncompressed), cell(r.bare)])).join(''),
    );
  }
  console.log('');
  for (const r of rounds) {
    console.log(
      `portal/bare requests/s at ${r.connections} connections: ${ratio(r.compressed, r.bare)} ` +
        `(Accept-Encoding: ${BROWSER_ACCEPT_ENCODING}), ${ratio(r.uncompressed, r.bare)} (uncompressed)`,
    );
  }
  const statuses = Object.entries(conditional.statuses)
    .map(([code, n]) => `${n} x ${code}`)
    .join(', ');
  console.log(
    `conditional (If-None-Match, ${CONDITIONAL_CONNECTIONS} connections): ` +
      `${conditional.requestsPerSecond.toFixed(1)} requests/s, p50 ${conditional.p50Ms.toFixed(1)} ms, ` +
      `p99 ${conditional.p99Ms.toFixed(1)} ms; replies ${statuses || 'none'}`,
  );
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
    // the bare token, as text
    const token = await call(portal.base, 'POST', '/api/v1/token', undefined, {
      username: 'admin',
      password: ADMIN_PASSWORD,
    });

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
    const listUrl = `${portal.base}/api/v1/config/services`;
    const auth = { authorization: `Bearer ${token}` };
    const browser = { ...auth, 'accept-encoding': BROWSER_ACCEPT_ENCODING };
    const compressed = await rawGet(listUrl, browser);
    const gzip = await rawGet(listUrl, { ...auth, 'accept-encoding': 'gzip' });
    const etag = compressed.headers.etag;
    const reply: Reply = {
      bytes: Buffer.byteLength(json),
      coding: compressed.headers['content-encoding'],
      compressedBytes: compressed.bytes,
      gzipBytes: gzip.headers['content-encoding'] === 'gzip' ? gzip.bytes : undefined,
      etag,
    };
    const barePort = await freePort();
    bare = await startBare(json, barePort);
    const bareUrl = `http://127.0.0.1:${barePort}/api/v1/config/services`;

    const pid = portal.child.pid;
    if (pid === undefined) throw new Error('portal has no pid');
    const peaks: MemoryPeaks = { portalHwm: 0, portalRss: 0, dynamoRss: undefined, dynamoPid: undefined };
    sampleMemory(pid, peaks);
    const sampler = setInterval(() => sampleMemory(pid, peaks), 100);
    const run = (what: string, url: string, headers: Record<string, string>, connections: number) => {
      console.log(`loading ${what} for ${duration} s with ${connections} connections...`);
      return load(url, duration, headers, connections);
    };
    const rounds: Round[] = [];
    let conditional: Figures;
    try {
      await load(listUrl, WARMUP_S, browser, CONNECTION_COUNTS[0]);
      await load(bareUrl, WARMUP_S, {}, CONNECTION_COUNTS[0]);
      for (const connections of CONNECTION_COUNTS) {
        rounds.push({
          connections,
          compressed: await run(
            `portal (Accept-Encoding: ${BROWSER_ACCEPT_ENCODING})`,
            listUrl,
            browser,
            connections,
          ),
          uncompressed: await run('portal (uncompressed)', listUrl, auth, connections),
          // bare Express ignores Accept-Encoding: the same uncompressed bytes, as before
          bare: await run(
            'bare Express',
            bareUrl,
            { 'accept-encoding': BROWSER_ACCEPT_ENCODING },
            connections,
          ),
        });
      }
      conditional = await run(
        'portal (If-None-Match)',
        listUrl,
        { ...browser, ...(etag ? { 'if-none-match': etag } : {}) },
        CONDITIONAL_CONNECTIONS,
      );
    } finally {
      clearInterval(sampler);
    }
    sampleMemory(pid, peaks);

    printTable(reply, rounds, conditional, peaks);
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
