/** A value to write as XML: objects become elements, arrays become lists of `member` or `item`. */
export type XmlValue =
  string | number | boolean | null | undefined | Date | XmlValue[] | { [name: string]: XmlValue };

/** Escapes text for XML content. */
export function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );
}

/** Writes the children of an element. Lists use `listItem` (`member` for awsQuery, `item` for EC2). */
export function xmlBody(value: XmlValue, listItem: 'member' | 'item'): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => element(listItem, v, listItem)).join('');
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => element(k, v, listItem))
      .join('');
  }
  return escapeXml(String(value));
}

/** One element with its content. */
export function element(name: string, value: XmlValue, listItem: 'member' | 'item'): string {
  return `<${name}>${xmlBody(value, listItem)}</${name}>`;
}
