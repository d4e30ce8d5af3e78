import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { ApiProblem } from './api-problem';

/** A failed call shown in words: the server's message and, when it names fields, each field's complaint. */
@Component({
  selector: 'app-problem-banner',
  template: `
    <div class="problem" role="alert">
      <p>{{ problem().message }}</p>
      @if (problem().errors.length > 0) {
        <ul>
          @for (fieldError of problem().errors; track fieldError.field) {
            <li>{{ fieldError.field }}: {{ fieldError.message }}</li>
          }
        </ul>
      }
    </div>
  `,
  styles: `
    .problem {
      padding: 0.75rem 1rem;
      margin: 0.75rem 0;
      border-radius: 0.5rem;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    p,
    ul {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProblemBanner {
  /** The problem to show. */
  readonly problem = input.required<ApiProblem>();
}
