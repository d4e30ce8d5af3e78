import type { ApiProblem } from './api-problem';

/** A record that still refers to the one a change was refused for, named for people. */
export interface Referrer {
  /** The kind in words (`environment`, `deployment map`, `team` for the server's Cluster). */
  readonly kind: string;
  readonly key: string;
}

/** The records a 409 says still refer to the one being deleted, from the server's `Kind:key` tags. */
export function referrersOf(problem: ApiProblem): Referrer[] {
  return problem.status === 409 ? problem.referrers.map(referrer) : [];
}

function referrer(tag: string): Referrer {
  const colon = tag.indexOf(':');
  if (colon < 0) {
    return { kind: 'record', key: tag };
  }
  const kind = tag
    .slice(0, colon)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  // The portal calls clusters teams, as the server's Cluster records hold a team's settings.
  return { kind: kind === 'cluster' ? 'team' : kind, key: tag.slice(colon + 1) };
}
