import type { QueryParams } from '../protocol/query-params';
import type { XmlValue } from '../protocol/xml';

/** Reads an EC2 tag list (`Tag.N.Key` / `Tag.N.Value`) into a record. */
export function parseTags(params: QueryParams, prefix = 'Tag'): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const t of params.itemStructs(prefix)) {
    const key = t.get('Key');
    if (key !== undefined) tags[key] = t.get('Value') ?? '';
  }
  return tags;
}

/** A `tagSet` as EC2 writes it (`<item><key>..</key><value>..</value></item>`). */
export function tagSetXml(tags: Readonly<Record<string, string>>): XmlValue {
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}
