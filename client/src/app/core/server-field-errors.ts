import type { AbstractControl } from '@angular/forms';
import type { InvalidField } from '@shared/api/problem';
import type { ApiProblem } from './api-problem';

/**
 * Puts the server's field errors on the form's controls, so each shows under its field.
 * `toControlPath` turns a server field (`body.Value.Contacts.0.Email`) into a control path
 * (`Contacts.0.Email`), or undefined when no control holds it; by default it strips `prefixes`.
 * Returns the errors no control took, for a banner.
 */
export function applyServerFieldErrors(
  form: AbstractControl,
  problem: ApiProblem,
  options: { prefixes?: readonly string[]; toControlPath?: (field: string) => string | undefined } = {},
): InvalidField[] {
  const prefixes = options.prefixes ?? ['body.Value.', 'body.'];
  const toPath =
    options.toControlPath ??
    ((field: string) => {
      const prefix = prefixes.find((p) => field.startsWith(p));
      return prefix === undefined ? undefined : field.slice(prefix.length);
    });
  const unplaced: InvalidField[] = [];
  for (const fieldError of problem.errors) {
    const path = toPath(fieldError.field);
    const control = path === undefined || path === '' ? null : form.get(path);
    if (control) {
      control.setErrors({ ...control.errors, server: fieldError.message });
      control.markAsTouched();
    } else {
      unplaced.push(fieldError);
    }
  }
  return unplaced;
}

/** The message to show under a control: the server's, the shared schema's, or a required/format note. */
export function controlMessage(control: AbstractControl | null): string {
  const errors = control?.errors;
  if (!errors) {
    return '';
  }
  if (typeof errors['server'] === 'string') {
    return errors['server'];
  }
  if (typeof errors['schema'] === 'string') {
    return errors['schema'];
  }
  if (errors['required']) {
    return 'is required';
  }
  if (errors['min'] || errors['max'] || errors['pattern']) {
    return 'is not valid here';
  }
  return 'is not valid';
}
