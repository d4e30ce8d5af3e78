/** A text field's value for the API: trimmed, and left out (undefined) when empty, as optional fields are. */
export function optionalText(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? undefined : trimmed;
}
