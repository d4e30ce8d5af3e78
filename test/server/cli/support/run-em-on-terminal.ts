import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import type { EmRun, EmRunOptions } from './run-em';

/** The launcher npm installs as `em`. */
const EM_BIN = path.resolve(import.meta.dirname, '../../../../cli/bin/em.js');

/** Whether util-linux's `script` is here to give `em` a terminal. */
export function canRunOnTerminal(): boolean {
  return spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** A word the shell reads back as itself. */
const quoted = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/**
 * Runs the real `em` on a pseudo-terminal (util-linux `script`), as a person at a terminal would: its
 * stdin is a terminal, `input` is what they type, and what it writes to stdout and stderr comes back
 * together as `stdout`. The exit code is em's own (`script -e`).
 */
export function runEmOnTerminal(args: readonly string[], options: EmRunOptions): Promise<EmRun> {
  const command = [process.execPath, EM_BIN, ...args].map(quoted).join(' ');
  const child = spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], {
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: options.home,
      XDG_CONFIG_HOME: path.join(options.home, '.config'),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      TERM: 'dumb',
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
