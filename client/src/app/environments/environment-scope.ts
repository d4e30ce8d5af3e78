import { computed, signal, type Signal } from '@angular/core';

/** What an environment list filters by: its type and owning team. */
export interface Scoped {
  readonly Value: { readonly EnvironmentType: string; readonly OwningCluster: string };
}

/** The type and team chosen to narrow a list of environments, and the choices its items offer. */
export class EnvironmentScope<T extends Scoped> {
  /** The environment type shown, or '' for all. */
  readonly type = signal('');
  /** The owning team shown, or '' for all. */
  readonly team = signal('');
  /** The environment types present, for the filter. */
  readonly types = computed(() => distinct(this.items().map((e) => e.Value.EnvironmentType)));
  /** The owning teams present, for the filter. */
  readonly teams = computed(() => distinct(this.items().map((e) => e.Value.OwningCluster)));

  constructor(private readonly items: Signal<readonly T[]>) {}

  /** Whether an environment is of the chosen type and team (a `PagedList`'s `where`). */
  readonly matches = (environment: T): boolean =>
    (this.type() === '' || environment.Value.EnvironmentType === this.type()) &&
    (this.team() === '' || environment.Value.OwningCluster === this.team());
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
