import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { PagedList } from '../core/paged-list';
import type { EnvironmentScope, Scoped } from './environment-scope';

/** The Type and Team selects of an environment list; a choice narrows the list and returns to its first page. */
@Component({
  selector: 'app-environment-scope-filter',
  imports: [MatFormFieldModule, MatInputModule],
  template: `
    <mat-form-field appearance="outline">
      <mat-label>Type</mat-label>
      <select matNativeControl name="type" [value]="scope().type()" (change)="choose(scope().type, $event)">
        <option value="">All types</option>
        @for (type of scope().types(); track type) {
          <option [value]="type">{{ type }}</option>
        }
      </select>
    </mat-form-field>
    <mat-form-field appearance="outline">
      <mat-label>Team</mat-label>
      <select matNativeControl name="team" [value]="scope().team()" (change)="choose(scope().team, $event)">
        <option value="">All teams</option>
        @for (team of scope().teams(); track team) {
          <option [value]="team">{{ team }}</option>
        }
      </select>
    </mat-form-field>
  `,
  // the selects sit in the page's own row of filters
  styles: `
    :host {
      display: contents;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EnvironmentScopeFilter<T extends Scoped> {
  /** The chosen type and team. */
  readonly scope = input.required<EnvironmentScope<T>>();
  /** The list they narrow. */
  readonly list = input.required<PagedList<T>>();

  /** Sets a choice from its select and shows the first page. */
  choose(choice: EnvironmentScope<T>['type'], event: Event): void {
    choice.set((event.target as HTMLSelectElement).value);
    this.list().reset();
  }
}
