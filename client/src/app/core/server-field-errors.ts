import type { AbstractControl } from '@angular/forms';
import type { InvalidField } from '@shared/api/problem';
import { ApiProblem } from './api-problem';

/** How `applyServerFieldErrors` finds the control of a server field. */
export interface FieldPlacement {
  /** The server field prefixes that lead into the form; by default `body.Value.` and `body.`. */
  readonly prefixes?: readonly string[];
  /** Renames what follows the prefix to a control path (an update body of a list: `0.X` to `Items.0.X`). */
  readonly rename?: (path: string) => string;
  /**
   * Whether an error about something the form keeps inside one control (`Groups.2` of a list control)
   * lands on the deepest control that exists (`Groups`) rather than in the banner.
   */
  readonly nearest?: boolean;
  /** Replaces all of the above: the control path of a server field, or undefined when none holds it. */
  readonly toControlPath?: (field: string) => string | undefined;
}

/**
 * Puts the server's field errors on the form's controls, so each shows under its field: a server field
 * (`body.Value.Contacts.0.Email`) reaches the control at the path after its prefix (`Contacts.0.Email`).
 * Returns the errors no control took, for a banner.
 */
export function applyServerFieldErrors(
  form: AbstractControl,
  problem: ApiProblem,
  placement: FieldPlacement = {},
): InvalidField[] {
  const toPath = placement.toControlPath ?? controlPathIn(form, placement);
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

/** The problem with only the field errors no control took, so the banner does not repeat what fields show. */
export function withUnplacedErrors(
  form: AbstractControl,
  problem: ApiProblem,
  placement?: FieldPlacement,
): ApiProblem {
  if (problem.status !== 400) {
    return problem;
  }
  return new ApiProblem({ ...problem, errors: applyServerFieldErrors(form, problem, placement) });
}

function controlPathIn(
  form: AbstractControl,
  placement: FieldPlacement,
): (field: string) => string | undefined {
  const prefixes = placement.prefixes ?? ['body.Value.', 'body.'];
  const rename = placement.rename ?? ((path: string) => path);
  return (field) => {
    const prefix = prefixes.find((p) => field.startsWith(p));
    if (prefix === undefined) {
      return undefined;
    }
    const path = rename(field.slice(prefix.length));
    if (!placement.nearest) {
      return path;
    }
    const parts = path.split('.');
    while (parts.length > 0 && !form.get(parts.join('.'))) {
      parts.pop();
    }
    return parts.length > 0 ? parts.join('.') : undefined;
  };
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
