import type { QueryParams } from '../protocol/query-params';

/** The `Tags.member.N.Key/Value` of a request, as a record. */
export function tagParams(params: QueryParams): Record<string, string> {
  return Object.fromEntries(
    params.memberStructs('Tags').map((t) => [t.get('Key') ?? '', t.get('Value') ?? '']),
  );
}
