import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../server/adapters/dynamodb/dynamodb-local';
import { cpuProfileFlags } from './cpu-profile';

/** A portal started as `npm start` starts it: its own process, DynamoDB Local under its data directory. */
export interface PortalProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly baseUrl: string;
  readonly dataDir: string;
  output(): string;
  /** Resolves with the exit code once the process has exited. */
  exited(): Promise<number | null>;
  /** SIGTERM, wait for the exit, and (unless `keepData`) remove the data directory. */
  stop(options?: { keepData?: boolean }): Promise<number | null>;
}

/** Waits until `probe` gives a value, polling every 100 ms. */
export async function waitFor<T>(what: string, probe: () => T | undefined, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts `server/main.ts` on a free port with a fresh (or given) data directory; waits until it listens unless told not to. */
export async function startPortalProcess(
  options: { env?: Record<string, string>; dataDir?: string; waitUntilListening?: boolean } = {},
): Promise<PortalProcess> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'em-portal-'));
  // the free port can be taken between asking and listening (aws-sim's instances listen on ephemeral
  // ports as the portal starts): then start again on another one
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce({ ...options, dataDir });
    } catch (e) {
      if (attempt >= 3 || !(e instanceof Error) || !e.message.includes('"msg":"cannot listen"')) throw e;
    }
  }
}

async function startOnce(options: {
  env?: Record<string, string>;
  dataDir: string;
  waitUntilListening?: boolean;
}): Promise<PortalProcess> {
  const dataDir = options.dataDir;
  const port = await freePort();
  let output = '';
  const profile = cpuProfileFlags('EM_PORTAL_CPU_PROF');
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      PORT: String(port),
      EM_DATA_DIR: dataDir,
      EM_ADMIN_PASSWORD: 'sandbox-admin-password',
      EM_AWS_SIM_PORT: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const proc: PortalProcess = {
    child,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    output: () => output,
    exited: () => exit,
    async stop({ keepData = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exit;
      clearTimeout(timer);
      if (!keepData) fs.rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
  if (options.waitUntilListening !== false) {
    await waitFor(
      'the portal to listen',
      () => {
        if (child.exitCode !== null) throw new Error(`the portal exited with ${child.exitCode}:\n${output}`);
        return output.includes('is listening') ? true : undefined;
      },
      90_000,
    );
  }
  return proc;
}
