import type { WritableSignal } from '@angular/core';
import type { ApiProblem } from '../core/api-problem';
import { problemOf } from '../core/problem-of';

/** What a panel knows of its data: still loading, loaded, or why it could not be. */
export type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly value: T }
  | { readonly state: 'failed'; readonly problem: ApiProblem };

/** The state before a reply arrives. */
export const loading = { state: 'loading' } as const satisfies Loaded<never>;

/** Reads into the signal: ready with the value, or failed with a problem saying what could not be loaded. */
export async function loadInto<T>(
  target: WritableSignal<Loaded<T>>,
  read: () => Promise<T>,
  whatFailed: string,
): Promise<void> {
  target.set(loading);
  try {
    target.set({ state: 'ready', value: await read() });
  } catch (error: unknown) {
    target.set({ state: 'failed', problem: problemOf(error, whatFailed) });
  }
}

/** The loaded value, or undefined while loading or after a failure. */
export function valueOf<T>(loaded: Loaded<T>): T | undefined {
  return loaded.state === 'ready' ? loaded.value : undefined;
}
