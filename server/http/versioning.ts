import type { Request } from 'express';
import { InputError, PreconditionRequiredError } from '../errors/domain-errors';

/** The ETag of a record version. */
export function etag(version: number): string {
  return `"${version}"`;
}

function parseIfMatch(value: string): number | undefined {
  const m = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(value);
  return m ? Number(m[1]) : undefined;
}

/**
 * The version a versioned write expects: the original's `expected-version` header or `If-Match` with an
 * ETag we returned. Missing: 428; malformed or contradictory: 400 naming the header.
 */
export function expectedVersion(req: Request): number {
  const header = req.header('expected-version');
  const ifMatch = req.header('if-match');
  let fromHeader: number | undefined;
  let fromIfMatch: number | undefined;
  if (header !== undefined) {
    if (!/^\s*\d{1,9}\s*$/.test(header)) {
      throw new InputError('expected-version must be a record version number', [
        { field: 'header.expected-version', message: 'must be a non-negative integer' },
      ]);
    }
    fromHeader = Number(header);
  }
  if (ifMatch !== undefined) {
    fromIfMatch = parseIfMatch(ifMatch);
    if (fromIfMatch === undefined) {
      throw new InputError('If-Match must be an ETag this API returned, such as "3"', [
        { field: 'header.if-match', message: 'must be a quoted version such as "3"' },
      ]);
    }
  }
  if (fromHeader !== undefined && fromIfMatch !== undefined && fromHeader !== fromIfMatch) {
    throw new InputError('expected-version and If-Match disagree', [
      { field: 'header.if-match', message: `says ${fromIfMatch} but expected-version says ${fromHeader}` },
    ]);
  }
  const version = fromHeader ?? fromIfMatch;
  if (version === undefined) {
    throw new PreconditionRequiredError(
      'this change needs the version you last read: send the expected-version header or If-Match with its ETag',
    );
  }
  return version;
}
