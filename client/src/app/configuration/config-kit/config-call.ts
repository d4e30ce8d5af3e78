import { signal } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import type { ApiProblem } from '../../core/api-problem';
import { problemOf } from '../../core/problem-of';
import { applyServerFieldErrors, type FieldPlacement } from '../../core/server-field-errors';

/**
 * The state of a page's changes to the server, one at a time: whether one is in flight, and why the last
 * failed, a 409 (someone changed the record meanwhile, or others still use it) kept apart for
 * `<app-config-problem>`. Field errors go where `place` puts them; it returns what the banner still shows.
 */
export class ConfigCall {
  /** Whether a change is in flight. */
  readonly busy = signal(false);
  /** Why the last change failed (other than a 409). */
  readonly problem = signal<ApiProblem | null>(null);
  /** The last 409. */
  readonly conflict = signal<ApiProblem | null>(null);

  constructor(private readonly place: (problem: ApiProblem) => ApiProblem = (problem) => problem) {}

  /** Runs one change, clearing the last outcome first; a failure is kept, never thrown. */
  async run(work: () => Promise<void>, place = this.place): Promise<void> {
    this.busy.set(true);
    this.clear();
    try {
      await work();
    } catch (error: unknown) {
      const problem = problemOf(error, 'The server could not be reached. Please try again.');
      if (problem.status === 409) {
        this.conflict.set(problem);
      } else {
        this.problem.set(place(problem));
      }
    } finally {
      this.busy.set(false);
    }
  }

  /** Forgets the last failure (before a reload). */
  clear(): void {
    this.problem.set(null);
    this.conflict.set(null);
  }
}

/** A `place` for `ConfigCall` that puts the server's field errors on a form's controls and keeps the whole problem for the banner. */
export function fieldErrorsOn(form: AbstractControl, placement: FieldPlacement) {
  return (problem: ApiProblem): ApiProblem => {
    applyServerFieldErrors(form, problem, placement);
    return problem;
  };
}
