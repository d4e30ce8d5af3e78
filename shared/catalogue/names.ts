import { z } from 'zod';

/**
 * A catalogue name: letters, digits, `-`, `_` and `.`, starting with a letter or digit. It can never
 * carry a path separator, a key separator (`#`) or a control character into a URL or a DynamoDB key.
 */
export const Name = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'may contain only letters, digits, ".", "_" and "-", starting with a letter or digit',
  );

/** A free-text field with a length limit and no control characters but line breaks and tabs. */
export const Text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/, 'must not contain control characters');

/** The word used for "every cluster" or "every environment type" in a permission scope. */
export const All = z.literal('all');
