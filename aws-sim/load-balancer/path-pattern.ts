/** Whether a request path matches an ALB path pattern (case-sensitive; `*` any run, `?` one character). */
export function matchesPathPattern(path: string, pattern: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(path);
}
