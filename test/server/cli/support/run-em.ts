import { spawn } from 'node:child_process';
import path from 'node:path';

/** The launcher npm installs as `em`. */
const EM_BIN = path.resolve(import.meta.dirname, '../../../../cli/bin/em.js');

/** What one run of `em` did. */
export interface EmRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** How to run `em`: its HOME (its config goes under HOME/.config), the environment, and standard input. */
export interface EmRunOptions {
  readonly home: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Sent on standard input, then closed (a pipe: not a terminal). */
  readonly input?: string;
}

/**
 * Runs the real `em` as a child process, as a script would: stdin, stdout and stderr are pipes, and its
 * environment is only PATH, HOME, XDG_CONFIG_HOME and what the spec gives (never the runner's EM_*).
 */
export function runEm(args: readonly string[], options: EmRunOptions): Promise<EmRun> {
  const child = spawn(process.execPath, [EM_BIN, ...args], {
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: options.home,
      XDG_CONFIG_HOME: path.join(options.home, '.config'),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...options.env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
