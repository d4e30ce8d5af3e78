import type { Params } from '@angular/router';

/**
 * A page's filters as the query params of its URL: an empty text, false or a missing value removes its
 * param (null), and true is written `true`, so the URL holds only the filters in use.
 */
export function queryParamsOf(
  filters: Readonly<Record<string, string | boolean | null | undefined>>,
): Params {
  return Object.fromEntries(
    Object.entries(filters).map(([name, value]) => [name, value === true ? 'true' : value || null]),
  );
}
