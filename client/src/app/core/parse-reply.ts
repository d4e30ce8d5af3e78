import type { z } from 'zod';
import { ApiProblem } from './api-problem';

/** Parses a server reply with its shared schema, or rejects it as an `ApiProblem` the page can show. */
export function parseReply<T extends z.ZodType>(schema: T, reply: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(reply);
  if (!parsed.success) {
    throw new ApiProblem({
      type: 'about:blank',
      title: 'Unexpected reply',
      status: 502,
      detail: `The server sent ${what} this page does not understand.`,
    });
  }
  return parsed.data;
}
