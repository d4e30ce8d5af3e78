import { NotSignedInError } from '../cli-errors';
import type { Settings } from '../settings';
import { readSessionFile } from './session-file';

/** The portal to talk to and the token to talk to it with. */
export interface Session {
  readonly url: string;
  readonly token: string;
}

/** A portal URL without a trailing slash, so paths join onto it. */
export function normalizeUrl(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The portal in use: EM_URL, else the stored session's; undefined when neither says. */
export function portalUrl(settings: Settings): string | undefined {
  const url = settings.url ?? readSessionFile(settings.sessionFile)?.url;
  return url === undefined ? undefined : normalizeUrl(url);
}

/**
 * The session of this run: EM_URL and EM_TOKEN win over the stored session. A stored token is used only
 * for the portal it was issued by, never sent to another one that EM_URL names.
 */
export function resolveSession(settings: Settings): Session {
  const stored = readSessionFile(settings.sessionFile);
  const url = settings.url ?? stored?.url;
  if (url === undefined) {
    throw new NotSignedInError('not signed in: run `em login --url URL`, or set EM_URL and EM_TOKEN');
  }
  const storedToken = stored && normalizeUrl(stored.url) === normalizeUrl(url) ? stored.token : undefined;
  const token = settings.token ?? storedToken;
  if (token === undefined) {
    throw new NotSignedInError(`not signed in to ${normalizeUrl(url)}: run \`em login\`, or set EM_TOKEN`);
  }
  return { url: normalizeUrl(url), token };
}
