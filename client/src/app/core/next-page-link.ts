/**
 * The `rel="next"` URL of a `Link` header when it points back at `path`: followed as given, since the
 * server fixed the time window and put the cursor in it. Anything else is ignored rather than fetched.
 */
export function nextPageLink(header: string | null, path: string): string | undefined {
  for (const part of header?.split(',') ?? []) {
    const match = /^\s*<([^>]*)>\s*;\s*rel="?next"?\s*$/.exec(part);
    if (match && match[1]!.startsWith(`${path}?`)) {
      return match[1];
    }
  }
  return undefined;
}
