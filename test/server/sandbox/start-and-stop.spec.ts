import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../../server/adapters/dynamodb/dynamodb-local';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor<T>(what: string, probe: () => T | undefined, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The sandbox as `npm start` runs it: a real process that starts DynamoDB Local and stops it on exit. */
describe('the portal process', () => {
  let dataDir: string;
  let child: ChildProcess | undefined;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'em-start-'));
  });
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async (extraEnv: Record<string, string> = {}) => {
    const port = await freePort();
    let output = '';
    child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: {
        ...process.env,
        PORT: String(port),
        EM_DATA_DIR: dataDir,
        EM_ADMIN_PASSWORD: 'sandbox-admin-password',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    return { port, output: () => output };
  };

  it('starts DynamoDB Local under EM_DATA_DIR, serves, keeps data across a restart, and leaves no Java process on SIGTERM', async () => {
    const first = await start();
    await waitFor('listening', () => (first.output().includes('is listening') ? true : undefined), 90_000);
    const pidFile = path.join(dataDir, 'dynamodb', 'dynamodb-local.pid');
    const javaPid = Number(fs.readFileSync(pidFile, 'utf8'));
    expect(isAlive(javaPid)).toBeTrue();
    const base = `http://127.0.0.1:${first.port}/api/v1`;
    expect(await (await fetch(`${base}/diagnostics/healthcheck`)).json()).toEqual({
      OK: true,
      Version: jasmine.any(String),
    });
    const token = (await (
      await fetch(`${base}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'sandbox-admin-password' }),
      })
    ).json()) as string;
    const made = await fetch(`${base}/config/clusters`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ ClusterName: 'Kept', Value: { ShortName: 'kp' } }),
    });
    expect(made.status).toBe(201);

    child!.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child!.once('exit', resolve));
    expect(code).toBe(0);
    await waitFor('DynamoDB Local to stop', () => (isAlive(javaPid) ? undefined : true), 10_000);
    expect(fs.existsSync(path.join(dataDir, 'dynamodb', 'shared-local-instance.db'))).toBeTrue();

    const second = await start();
    await waitFor(
      'listening again',
      () => (second.output().includes('is listening') ? true : undefined),
      90_000,
    );
    const again = await fetch(`http://127.0.0.1:${second.port}/api/v1/config/clusters/Kept`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(again.status).toBe(200);
    child!.kill('SIGINT');
    expect(await new Promise<number | null>((resolve) => child!.once('exit', resolve))).toBe(0);
  }, 180_000);

  it('refuses to start on a wrong setting, naming the variable', async () => {
    const run = await start({ PORT: 'not-a-port' });
    const code = await new Promise<number | null>((resolve) => child!.once('exit', resolve));
    expect(code).toBe(2);
    expect(run.output()).toContain('PORT:');
  });
});
