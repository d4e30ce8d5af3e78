/** A path under /api/v1 with each interpolated value URL-encoded: p`/services/${name}/slices`. */
export function p(strings: TemplateStringsArray, ...values: readonly string[]): string {
  return strings.reduce(
    (out, s, i) => out + s + (i < values.length ? encodeURIComponent(values[i]!) : ''),
    '',
  );
}
