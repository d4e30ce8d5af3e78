import { computed, signal, type Signal } from '@angular/core';

/** How many items a home panel lists before "Show all". */
export const SHORT_LIST_LENGTH = 5;

/** A list that shows its first few items until the user asks for all of them. */
export class ShortList<T> {
  private readonly expanded = signal(false);

  /** The items to show now. */
  readonly shown: Signal<readonly T[]>;
  /** How many items are not shown now (0 when expanded or when they all fit). */
  readonly hidden: Signal<number>;
  /** Whether the list can be made shorter again. */
  readonly collapsible: Signal<boolean>;

  constructor(items: Signal<readonly T[]>, length = SHORT_LIST_LENGTH) {
    this.shown = computed(() => (this.expanded() ? items() : items().slice(0, length)));
    this.hidden = computed(() => items().length - this.shown().length);
    this.collapsible = computed(() => this.expanded() && items().length > length);
  }

  /** Shows every item, or only the first few again. */
  toggle(): void {
    this.expanded.update((on) => !on);
  }
}
