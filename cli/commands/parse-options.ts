import type { z } from 'zod';
import { UsageError } from '../cli-errors';

/** A command's options as commander gathered them, checked by the command's own schema. */
export function parseOptions<T>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = issue.path.map(String).join('.');
    throw new UsageError(
      `option ${name ? `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : ''}: ${issue.message}`,
    );
  }
  return parsed.data;
}
