import { StaleVersionError } from '../errors/domain-errors';
import type { StoredRecord } from './record-store';

/** Throws the 409 StaleVersionError unless the record is at the version the caller last saw. */
export function assertVersion(
  current: Pick<StoredRecord, 'kind' | 'key' | 'version'>,
  expected: number,
): void {
  if (current.version !== expected) {
    throw new StaleVersionError(
      `${current.kind} ${current.key} has changed: you sent version ${expected}, the current version is ${current.version}`,
    );
  }
}
