import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { NotSignedInError } from '../cli-errors';

/** What `em login` stores: the portal and a bearer token for it. */
export const StoredSession = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  token: z.string().min(1),
});
export type StoredSession = z.infer<typeof StoredSession>;

/** The stored session, or undefined when there is none; a damaged file is an error that says what to do. */
export function readSessionFile(file: string): StoredSession | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof Error && 'code' in e && e.code === 'ENOENT') return undefined;
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = StoredSession.safeParse(json);
  if (!parsed.success)
    throw new NotSignedInError(`${file} is not a session em can read: run \`em login\` again`);
  return parsed.data;
}

/**
 * Stores the session readable by its owner only: the folder 0700, the file 0600, written to a temporary
 * file first so a reader never sees half of it.
 */
export function writeSessionFile(file: string, session: StoredSession): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, JSON.stringify(session, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
    fs.renameSync(temporary, file);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/** Removes the stored session; answers whether there was one. */
export function removeSessionFile(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  fs.rmSync(file);
  return true;
}
