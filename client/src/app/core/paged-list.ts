import { computed, signal, type Signal } from '@angular/core';
import type { PageEvent } from '@angular/material/paginator';

/** How a `PagedList` filters: the texts a typed filter searches, and any filter of the page's own. */
export interface PagedListFilters<T> {
  /** The texts of an item that the typed filter looks in (case-insensitive); none: no typed filter. */
  readonly text?: (item: T) => readonly (string | undefined)[];
  /** The page's own filters (a chosen type or team), read as signals so the list follows them. */
  readonly where?: (item: T) => boolean;
}

/**
 * A list page's filter and paginator state over its items: `matching()` passes the filters, `shown()`
 * is the page of them for the table. Bind `<app-list-filter>` and `<app-list-pager>` to it.
 */
export class PagedList<T> {
  /** The page sizes on offer. */
  readonly sizes: number[] = [25, 50, 100];
  /** The typed filter. */
  readonly filter = signal('');
  /** The page shown, from 0. */
  readonly index = signal(0);
  /** Rows per page. */
  readonly size = signal(25);

  /** The items that pass the filters. */
  readonly matching = computed(() => {
    const text = this.filter().trim().toLowerCase();
    const { text: textOf, where } = this.filters;
    return this.items().filter(
      (item) =>
        (where?.(item) ?? true) &&
        (text === '' || !textOf || textOf(item).some((t) => (t ?? '').toLowerCase().includes(text))),
    );
  });
  /** The items of the page shown (the last page, when the list has shrunk under it). */
  readonly shown = computed(() => {
    const all = this.matching();
    const lastPage = Math.max(0, Math.ceil(all.length / this.size()) - 1);
    const start = Math.min(this.index(), lastPage) * this.size();
    return all.slice(start, start + this.size());
  });

  constructor(
    private readonly items: Signal<readonly T[]>,
    private readonly filters: PagedListFilters<T> = {},
  ) {}

  /** Filters by the text typed, from the first page. */
  filterBy(text: string): void {
    this.filter.set(text);
    this.reset();
  }

  /** Follows the paginator. */
  change(event: PageEvent): void {
    this.index.set(event.pageIndex);
    this.size.set(event.pageSize);
  }

  /** Goes back to the first page, as when a filter changes what is listed. */
  reset(): void {
    this.index.set(0);
  }
}
