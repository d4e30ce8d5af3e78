import type { InvalidField } from '@shared/api/problem';
import { z } from 'zod';

const Keyed = z.record(z.string(), z.unknown());

/**
 * A server field error of an import named for people: `body.3.Value.ShortName` is
 * "Record 4 (Tango), Value.ShortName", the record's number counted from 1 and its key read from the file.
 */
export function importFieldError(
  error: InvalidField,
  records: readonly unknown[],
  keyField: string,
): { where: string; message: string } {
  const match = /^body\.(\d+)(?:\.(.+))?$/.exec(error.field);
  if (!match) {
    const field = error.field.replace(/^body\.?/, '');
    return { where: field ? `The file, ${field}` : 'The file', message: error.message };
  }
  const index = Number(match[1]);
  const record = Keyed.safeParse(records[index]);
  const key = record.success ? record.data[keyField] : undefined;
  const named = `Record ${index + 1}${typeof key === 'string' ? ` (${key})` : ''}`;
  return { where: match[2] ? `${named}, ${match[2]}` : named, message: error.message };
}
