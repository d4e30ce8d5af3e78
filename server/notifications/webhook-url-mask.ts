/** What stands for the hidden part of a masked webhook URL. */
const HIDDEN = '***';

/**
 * A webhook URL as someone who may not edit its settings sees it: scheme, host (and port) and the first
 * path segment, the rest (path, query, fragment, any user info) replaced by `***`. A Slack incoming
 * webhook's token is in its path: `https://hooks.slack.com/services/T0/B0/XXXX` shows as
 * `https://hooks.slack.com/services/***`. A masked URL masks to itself.
 */
export function maskedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return HIDDEN;
  }
  const first = parsed.pathname.split('/').find((s) => s !== '');
  const kept = first === undefined || first === HIDDEN ? '' : `/${first}`;
  return `${parsed.origin}${kept}/${HIDDEN}`;
}

/** Whether a URL is one that `maskedUrl` writes (and so names no webhook of its own). */
export function isMaskedUrl(url: string): boolean {
  return maskedUrl(url) === url;
}
