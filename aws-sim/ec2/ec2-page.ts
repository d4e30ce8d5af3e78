import { AwsError } from '../protocol/aws-error';
import type { QueryParams } from '../protocol/query-params';

/** One page of an EC2 listing and the token of the next, if any. */
export interface Ec2Page<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}

/** The `MaxResults` range an action accepts and how many it returns when none is given. */
export interface PageLimits {
  readonly min: number;
  readonly max: number;
}

/**
 * Pages a listing with EC2's `MaxResults` / `NextToken`. Without `MaxResults` EC2 returns everything; the
 * token is opaque to callers (here the offset, encoded so nobody is tempted to build one).
 */
export function ec2Page<T>(all: readonly T[], params: QueryParams, limits: PageLimits): Ec2Page<T> {
  const max = params.int('MaxResults');
  if (max !== undefined && (max < limits.min || max > limits.max)) {
    throw new AwsError(
      'InvalidParameterValue',
      `Value ( ${max} ) for parameter maxResults is invalid. Expecting a value between ${limits.min} and ${limits.max}.`,
    );
  }
  const token = params.get('NextToken');
  const start = token === undefined || token === '' ? 0 : decodeToken(token);
  if (max === undefined && start === 0) return { items: all };
  const end = max === undefined ? all.length : start + max;
  return {
    items: all.slice(start, end),
    nextToken: end < all.length ? Buffer.from(`offset:${end}`).toString('base64') : undefined,
  };
}

function decodeToken(token: string): number {
  const m = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  if (!m) throw new AwsError('InvalidParameterValue', `The token '${token}' is invalid.`);
  return Number(m[1]);
}
