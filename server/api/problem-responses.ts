import { Problem } from '@shared/api/problem';
import type { ResponseSpec } from '../http/route';

const descriptions: Record<number, string> = {
  400: 'Invalid input: the problem names each invalid field',
  401: 'Not signed in',
  403: 'Signed in, but without the grant this needs',
  404: 'No such record',
  409: 'Stale version, a taken name or port, or still referenced',
  413: 'Body too large',
  423: 'Environment locked',
  428: 'Missing expected-version / If-Match',
  429: 'Too many failed sign-ins',
  501: 'Not implemented yet: the problem says what it comes with',
};

/** The problem+json responses of a route, for the OpenAPI document. */
export function problemResponses(...statuses: number[]): Record<number, ResponseSpec> {
  return Object.fromEntries(
    statuses.map((s) => [s, { description: descriptions[s] ?? 'Problem', schema: Problem }]),
  );
}
