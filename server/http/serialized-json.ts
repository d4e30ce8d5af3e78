const memo = new WeakMap<object, string>();

/**
 * The JSON text of a value built from `source`, kept as long as `source` lives. Lists served from the
 * record store's cache are the same frozen array until the data changes, so a big list (thousands of
 * services) is mapped and stringified once per change, not once per request.
 */
export function serializedOnce(source: object, build: () => unknown): string {
  let text = memo.get(source);
  if (text === undefined) {
    text = JSON.stringify(build());
    memo.set(source, text);
  }
  return text;
}
