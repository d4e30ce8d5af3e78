import type { Response } from 'express';
import type { Problem } from '@shared/api/problem';

const slugs: Record<number, string> = {
  400: 'bad-request',
  401: 'not-signed-in',
  403: 'not-allowed',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  410: 'gone',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  423: 'locked',
  428: 'precondition-required',
  429: 'too-many-requests',
  500: 'internal-error',
  501: 'not-implemented',
};

/** Sends an RFC 9457 problem document. */
export function sendProblem(res: Response, problem: Omit<Problem, 'type'> & { type?: string }): void {
  const type = problem.type ?? `urn:environment-manager:problem:${slugs[problem.status] ?? 'error'}`;
  res
    .status(problem.status)
    .type('application/problem+json')
    .send(JSON.stringify({ ...problem, type }));
}
