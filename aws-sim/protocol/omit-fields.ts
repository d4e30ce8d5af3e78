import type { XmlValue } from './xml';

/**
 * A reply without the elements of the given names, at any depth (the `omit-fields` fault): what a client
 * sees when AWS leaves a field out, so specs can check it is not taken for a default.
 */
export function withoutFields(value: XmlValue, fields: ReadonlySet<string>): XmlValue {
  if (Array.isArray(value)) return value.map((v) => withoutFields(v, fields));
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const kept: { [name: string]: XmlValue } = {};
  for (const [name, v] of Object.entries(value)) if (!fields.has(name)) kept[name] = withoutFields(v, fields);
  return kept;
}
