import path from 'node:path';
import envPaths from 'env-paths';
import { z } from 'zod';
import { UsageError } from './cli-errors';

const Env = z.object({
  EM_URL: z.url({ protocol: /^https?$/, error: 'EM_URL must be an http(s) URL' }).optional(),
  EM_TOKEN: z.string().min(1).optional(),
});

/** Everything `em` takes from its environment, read once at start-up. */
export interface Settings {
  /** The portal to use when EM_URL is set (it wins over the stored session's). */
  readonly url: string | undefined;
  /** The bearer token to use when EM_TOKEN is set (it wins over the stored session's). */
  readonly token: string | undefined;
  /** The file `em login` writes: `$XDG_CONFIG_HOME/em/config.json` (or `~/.config/em/config.json`). */
  readonly sessionFile: string;
  /** Whether standard input is a terminal to ask for a password on (else it is read from the pipe). */
  readonly stdinIsTty: boolean;
}

/** Parses the environment into the one Settings object of this run. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const parsed = Env.safeParse(env);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  // env-paths follows each platform's rule (XDG on Linux, falling back to ~/.config)
  const configDir = envPaths('em', { suffix: '' }).config;
  return Object.freeze({
    url: parsed.data.EM_URL,
    token: parsed.data.EM_TOKEN,
    sessionFile: path.join(configDir, 'config.json'),
    stdinIsTty: process.stdin.isTTY === true,
  });
}
