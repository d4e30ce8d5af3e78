import type { z } from 'zod';

/**
 * A stored item that does not parse as its kind's record: a fault of the store (an item written by hand
 * or by an older schema), so a 500 that names the kind, key and fields, never a value made up in its place.
 */
export class UnreadableRecordError extends Error {
  constructor(
    readonly kind: string,
    readonly key: string,
    error: z.ZodError,
    /** The item attribute the parsed part came from (`Value`), to name fields from the item's top. */
    attribute?: string,
  ) {
    const fields = error.issues.map((issue) => {
      const path = [...(attribute ? [attribute] : []), ...issue.path.map(String)].join('.');
      return `${path || '(item)'}: ${issue.message}`;
    });
    super(`the stored ${kind} ${key} is unreadable: ${fields.join('; ')}`);
    this.name = 'UnreadableRecordError';
  }
}
