import type { ValidatorFn } from '@angular/forms';
import type { z } from 'zod';

/** A form validator applying a shared zod schema, so the form checks what the server will; empty is left to `required`. */
export function schemaValidator(schema: z.ZodType): ValidatorFn {
  return (control) => {
    if (control.value === '' || control.value === null) {
      return null;
    }
    const result = schema.safeParse(control.value);
    return result.success ? null : { schema: result.error.issues[0]?.message ?? 'is not valid' };
  };
}
