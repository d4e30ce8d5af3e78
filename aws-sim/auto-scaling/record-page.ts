import { AwsError } from '../protocol/aws-error';

/** One page of a list and the token for the next (`MaxRecords`/`NextToken`, as Auto Scaling pages). */
export function recordPage<T>(
  items: readonly T[],
  maxRecords: number | undefined,
  nextToken: string | undefined,
  limit = 100,
  defaultSize = 50,
): { page: T[]; nextToken?: string } {
  if (maxRecords !== undefined && (maxRecords < 1 || maxRecords > limit))
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${maxRecords}' at 'maxRecords' failed to satisfy constraint: Member must have value ${maxRecords < 1 ? 'greater than or equal to 1' : `less than or equal to ${limit}`}`,
    );
  let start = 0;
  if (nextToken) {
    const m = /^p(\d+)$/.exec(Buffer.from(nextToken, 'base64').toString('utf8'));
    if (!m) throw new AwsError('InvalidNextToken', 'The token is invalid.');
    start = Number(m[1]);
  }
  const end = start + (maxRecords ?? defaultSize);
  return {
    page: items.slice(start, end),
    nextToken: end < items.length ? Buffer.from(`p${end}`).toString('base64') : undefined,
  };
}
