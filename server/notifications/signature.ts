import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that carries a delivery's signature. */
export const SIGNATURE_HEADER = 'X-EM-Signature';

/**
 * The signature of a body sent at `timestamp` (unix seconds): `t=<timestamp>,v1=<hex>`, the hex
 * HMAC-SHA256 with the webhook's secret of `<timestamp>.<body>`. Signing the time with the body lets a
 * receiver refuse a replay of an old delivery.
 */
export function signature(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/**
 * Whether a signature header is right for the body and not older than `toleranceSeconds` at `now`
 * (unix seconds): what a receiver checks.
 */
export function verifySignature(
  header: string,
  body: string,
  secret: string,
  now: number,
  toleranceSeconds = 300,
): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts['t']);
  const given = parts['v1'];
  if (!Number.isInteger(t) || !given || Math.abs(now - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signature(secret, t, body).split('v1=')[1]!, 'hex');
  const actual = Buffer.from(given, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
