import { AwsError } from '../protocol/aws-error';
import type { QueryParams } from '../protocol/query-params';

/** One EC2 `Filter.N` (`Name`, `Value.N`): a resource matches when any value matches (with `*`/`?` wildcards). */
export interface Ec2Filter {
  readonly name: string;
  readonly values: readonly RegExp[];
}

/** What a resource shows a filter: its values for that filter name, or undefined when the name is unknown. */
export type FilterValues = (name: string) => readonly string[] | undefined;

/** Reads `Filter.N.Name` / `Filter.N.Value.M`. */
export function parseFilters(params: QueryParams): Ec2Filter[] {
  return params.itemStructs('Filter').map((f) => {
    const name = f.required('Name', 'MissingParameter');
    return { name, values: f.items('Value').map(wildcard) };
  });
}

/**
 * Whether a resource passes every filter (AND of filters, OR of values). An unknown filter name is refused
 * as EC2 does, so a typo never silently matches everything.
 */
export function matchesFilters(filters: readonly Ec2Filter[], valuesOf: FilterValues): boolean {
  return filters.every((f) => {
    const values = valuesOf(f.name);
    if (values === undefined)
      throw new AwsError('InvalidParameterValue', `The filter '${f.name}' is invalid`);
    return values.some((v) => f.values.some((re) => re.test(v)));
  });
}

/** The values of the common tag filters (`tag:<Key>`, `tag-key`, `tag-value`), undefined for other names. */
export function tagFilterValues(name: string, tags: Readonly<Record<string, string>>): string[] | undefined {
  if (name.startsWith('tag:')) {
    const v = tags[name.slice(4)];
    return v === undefined ? [] : [v];
  }
  if (name === 'tag-key') return Object.keys(tags);
  if (name === 'tag-value') return Object.values(tags);
  return undefined;
}

function wildcard(value: string): RegExp {
  const escaped = value
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}
