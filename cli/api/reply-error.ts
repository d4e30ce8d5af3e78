import { Problem } from '../../shared/api/problem';
import { NotSignedInError, RefusedError, UnavailableError, type CliError } from '../cli-errors';

/** Reads a problem+json body; a reply without one gets a problem made of its status line. */
async function problemOf(res: Response): Promise<Problem> {
  const text = await res.text().catch(() => '');
  try {
    const parsed = Problem.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: fall through to the status line
  }
  return { type: 'about:blank', title: res.statusText || `HTTP ${res.status}`, status: res.status };
}

/** The error for a reply that is not a success: 401 is "not signed in", other 4xx a refusal, 5xx a failure. */
export async function replyError(res: Response, portalUrl: string): Promise<CliError> {
  const problem = await problemOf(res);
  const detail = problem.detail ?? problem.title;
  if (res.status === 401) {
    return new NotSignedInError(
      `not signed in to ${portalUrl}: ${detail} (run \`em login\`, or set EM_TOKEN to a valid token)`,
      detail,
    );
  }
  if (res.status >= 400 && res.status < 500) return new RefusedError(res.status, problem);
  return new UnavailableError(
    `the portal at ${portalUrl} failed (${res.status} ${problem.title}): ${detail}`,
  );
}
