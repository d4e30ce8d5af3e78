import { inject, Injectable, signal, untracked } from '@angular/core';
import { EnvironmentType } from '@shared/catalogue/environment-type';
import { isApiProblem } from '../core/api-problem';
import { ConfigApi } from '../core/config-api';

/**
 * What each environment type protects (its `ProtectedActions`), read from the catalogue the first time a
 * type is asked about and kept for the tab, as the session keeps `/me`: one read per type, however many
 * buttons ask.
 */
@Injectable({ providedIn: 'root' })
export class EnvironmentTypeProtections {
  private readonly config = inject(ConfigApi);
  private readonly read = signal<ReadonlyMap<string, readonly string[]>>(new Map());
  private readonly asked = new Set<string>();

  /**
   * Whether the type's `ProtectedActions` names the action, as the server compares it; undefined until the
   * type has been read, which the first ask starts (a signal read, so a `computed()` asking updates then).
   */
  protects(environmentType: string, action: string): boolean | undefined {
    const actions = this.read().get(environmentType);
    if (actions === undefined) {
      this.ask(environmentType);
      return undefined;
    }
    return actions.includes(action);
  }

  private ask(environmentType: string): void {
    if (this.asked.has(environmentType)) return;
    this.asked.add(environmentType);
    // asked from inside a computed(): the read must not be tracked as part of it
    untracked(() => void this.fetch(environmentType));
  }

  private async fetch(environmentType: string): Promise<void> {
    let actions: readonly string[];
    try {
      const type = await this.config.get('environment-types', environmentType, EnvironmentType);
      actions = type.Value.ProtectedActions ?? [];
    } catch (error: unknown) {
      // A type that does not exist protects nothing, as the server reads it. Any other failure leaves the
      // decision to the permission alone: the server still refuses, and says why, if the type protects it.
      if (!isApiProblem(error, 404))
        console.warn(`Could not read environment type ${environmentType}`, error);
      actions = [];
    }
    this.read.update((read) => new Map(read).set(environmentType, actions));
  }
}
