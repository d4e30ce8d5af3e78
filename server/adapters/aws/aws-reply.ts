import type { z } from 'zod';

/**
 * An AWS reply that lacks a field the portal relies on, or has one of the wrong type. It is retried as
 * AWS's own errors are (a partial reply is a fault of the moment), and never read as a default.
 */
export class AwsReplyError extends Error {
  override readonly name = 'AwsReplyError';
}

/** Parses an SDK reply, naming the action and the fields that did not parse. */
export function parseReply<T>(schema: z.ZodType<T>, action: string, reply: unknown): T {
  const parsed = schema.safeParse(reply);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => `${i.path.join('.') || '(reply)'}: ${i.message}`);
  throw new AwsReplyError(`${action} answered an unexpected reply: ${fields.slice(0, 5).join('; ')}`);
}
