import type { z } from 'zod';
import type { InvalidField } from '@shared/api/problem';
import { InputError } from '../errors/domain-errors';

/** Turns zod issues into invalid fields named from where they came (`body.Value.BluePort`). */
export function invalidFields(where: string, error: z.ZodError): InvalidField[] {
  const out: InvalidField[] = [];
  for (const issue of error.issues) {
    const base = [where, ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ field: `${base}.${key}`, message: 'is not a known field' });
    } else {
      out.push({ field: base, message: issue.message });
    }
  }
  return out;
}

/** Parses one part of a request or throws a 400 InputError naming each invalid field. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, where: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = invalidFields(where, result.error);
  throw new InputError(
    `invalid ${where}: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
    errors,
  );
}
