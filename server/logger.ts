/** A structured logger writing one JSON line per event; callers pass no secrets, only ids and names. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;

/** A logger that writes JSON lines at or above `level` to stdout. */
export function createLogger(level: keyof typeof levels): Logger {
  const min = levels[level];
  const write =
    (lvl: 'debug' | 'info' | 'warn' | 'error') => (msg: string, fields?: Record<string, unknown>) => {
      if (levels[lvl] < min) return;
      process.stdout.write(
        JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields }) + '\n',
      );
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
