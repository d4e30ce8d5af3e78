import { ConflictError } from '../errors/domain-errors';
import type { Kind } from './record-store';

/** The 409 for deleting a record that others still refer to, naming them. */
export function stillReferenced(kind: Kind, key: string, referrers: readonly string[]): ConflictError {
  return new ConflictError(`${kind} ${key} is still referenced by ${referrers.join(', ')}`, [...referrers]);
}
