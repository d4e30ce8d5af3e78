import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { PagedList } from './paged-list';

/** The text field that filters a `PagedList`, labelled with what it searches. */
@Component({
  selector: 'app-list-filter',
  imports: [MatFormFieldModule, MatInputModule],
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>{{ label() }}</mat-label>
      <input matInput name="filter" [value]="list().filter()" (input)="filterBy($event)" autocomplete="off" />
    </mat-form-field>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ListFilter {
  /** The list filtered. */
  readonly list = input.required<Pick<PagedList<unknown>, 'filter' | 'filterBy'>>();
  /** What the filter searches ("Filter by name or description"). */
  readonly label = input.required<string>();

  /** Filters by what is typed. */
  filterBy(event: Event): void {
    this.list().filterBy((event.target as HTMLInputElement).value);
  }
}
