import { signal } from '@angular/core';
import type { ApiProblem } from './api-problem';
import { problemOf } from './problem-of';

/** One page of a list read with the server's cursor, and where the next one is. */
export interface CursorPage<T> {
  readonly items: readonly T[];
  readonly next: string | undefined;
}

/**
 * A list read a page at a time with the server's cursor (`Link: rel="next"`): the first page for a filter,
 * then "Load more". A newer filter makes the replies of older reads stale, so they are dropped.
 */
export class CursorPages<T> {
  /** The items read so far. */
  readonly items = signal<readonly T[]>([]);
  /** The next page's URL, while there is one. */
  readonly next = signal<string | undefined>(undefined);
  /** Whether the first page is loading. */
  readonly loading = signal(true);
  /** Whether a further page is loading. */
  readonly loadingMore = signal(false);
  /** Why the last read failed. */
  readonly problem = signal<ApiProblem | null>(null);

  private generation = 0;

  /** `merge` adds a page to the items read before it (by default, below them). */
  constructor(
    private readonly merge: (before: readonly T[], page: readonly T[]) => readonly T[] = (before, page) => [
      ...before,
      ...page,
    ],
  ) {}

  /** Reads the first page of a new filter; resolves why it failed (null when it did not, or was overtaken). */
  async first(read: () => Promise<CursorPage<T>>, failure: string): Promise<ApiProblem | null> {
    const generation = ++this.generation;
    this.loading.set(true);
    this.problem.set(null);
    this.items.set([]);
    this.next.set(undefined);
    try {
      const page = await read();
      if (generation === this.generation) {
        this.show(page, []);
      }
      return null;
    } catch (error: unknown) {
      if (generation !== this.generation) {
        return null;
      }
      const problem = problemOf(error, failure);
      this.problem.set(problem);
      return problem;
    } finally {
      if (generation === this.generation) {
        this.loading.set(false);
      }
    }
  }

  /** Reads the next page and adds it; resolves the page read, or undefined when there was none to read or it failed. */
  async more(
    read: (next: string) => Promise<CursorPage<T>>,
    failure: string,
  ): Promise<CursorPage<T> | undefined> {
    const next = this.next();
    if (!next || this.loadingMore()) {
      return undefined;
    }
    const generation = this.generation;
    this.loadingMore.set(true);
    this.problem.set(null);
    try {
      const page = await read(next);
      if (generation !== this.generation) {
        return undefined;
      }
      this.show(page, this.items());
      return page;
    } catch (error: unknown) {
      if (generation === this.generation) {
        this.problem.set(problemOf(error, failure));
      }
      return undefined;
    } finally {
      this.loadingMore.set(false);
    }
  }

  private show(page: CursorPage<T>, before: readonly T[]): void {
    this.items.set(this.merge(before, page.items));
    this.next.set(page.next);
  }
}
