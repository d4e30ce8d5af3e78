import type { Request } from 'express';
import { InputError } from '../errors/domain-errors';

/** The `since`/`until` of a history query in ms, with a default span back from now; 400 when inverted. */
export function timeWindow(
  query: { since?: string; until?: string },
  defaultSpanMs: number,
): { since: number; until: number } {
  const until = query.until ? Date.parse(query.until) : Date.now();
  const since = query.since ? Date.parse(query.since) : until - defaultSpanMs;
  if (since > until)
    throw new InputError('since is after until', [
      { field: 'query.since', message: 'must not be after until' },
    ]);
  return { since, until };
}

/** The `Link: <...>; rel="next"` header of a paged history: the same query, the window made fixed, the cursor. */
export function nextLink(
  path: string,
  req: Request,
  window: { since: number; until: number },
  cursor: string | undefined,
): Record<string, string> {
  if (!cursor) return {};
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(req.query))
    if (k !== 'cursor' && typeof v === 'string') params.set(k, v);
  params.set('since', new Date(window.since).toISOString());
  params.set('until', new Date(window.until).toISOString());
  params.set('cursor', cursor);
  return { Link: `<${path}?${params.toString()}>; rel="next"` };
}
