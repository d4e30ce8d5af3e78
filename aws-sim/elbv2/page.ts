import { AwsError } from '../protocol/aws-error';
import type { QueryParams } from '../protocol/query-params';

/** One page of a Describe call and the marker of the next (ELBv2's `Marker`/`PageSize`, at most 400). */
export function page<T>(items: readonly T[], params: QueryParams): { items: T[]; nextMarker?: string } {
  const size = params.int('PageSize') ?? 400;
  if (size < 1 || size > 400)
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${size}' at 'pageSize' failed to satisfy constraint: Member must have value between 1 and 400`,
    );
  const marker = params.get('Marker');
  let start = 0;
  if (marker !== undefined) {
    start = Number(Buffer.from(marker, 'base64').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw new AwsError('ValidationError', 'Invalid marker');
  }
  const end = start + size;
  return {
    items: items.slice(start, end),
    nextMarker: end < items.length ? Buffer.from(String(end), 'utf8').toString('base64') : undefined,
  };
}
