/**
 * A value as JSON with every object's keys sorted and a 2-space indent, so two versions of a record
 * line up in a diff whatever order their keys were written in. `null`/absent becomes no lines at all.
 */
export function stableJson(value: unknown): string[] {
  if (value === null || value === undefined) {
    return [];
  }
  return JSON.stringify(sortKeys(value), null, 2).split('\n');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
