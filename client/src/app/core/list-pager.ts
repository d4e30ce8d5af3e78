import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatPaginatorModule } from '@angular/material/paginator';
import type { PagedList } from './paged-list';

/** The paginator under a list, following a `PagedList`. */
@Component({
  selector: 'app-list-pager',
  imports: [MatPaginatorModule],
  template: `
    <mat-paginator
      [length]="list().matching().length"
      [pageIndex]="list().index()"
      [pageSize]="list().size()"
      [pageSizeOptions]="list().sizes"
      (page)="list().change($event)"
      [attr.aria-label]="label()"
    />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ListPager {
  /** The list paged. */
  readonly list =
    input.required<Pick<PagedList<unknown>, 'matching' | 'index' | 'size' | 'sizes' | 'change'>>();
  /** What the pages are of, for screen readers ("Pages of teams"). */
  readonly label = input.required<string>();
}
