import { inject, signal } from '@angular/core';
import type { z } from 'zod';
import type { ApiProblem } from '../../core/api-problem';
import { ConfigApi, type ConfigResourcePath } from '../../core/config-api';
import { Confirmation } from '../../core/confirmation';
import { problemOf } from '../../core/problem-of';

/** Which records a `ConfigRecords` holds and how to name them. */
export interface ConfigRecordsSpec<S extends z.ZodType> {
  readonly resource: ConfigResourcePath;
  readonly schema: S;
  /** The record's key, as in its URL. */
  readonly key: (record: z.infer<S>) => string;
  /** The kind in words, for messages (`team`). */
  readonly noun: string;
}

/**
 * A configuration list's state: the records sorted by key, loading and failure, and delete with
 * confirmation. Create it in a component's field initializer (it injects its services).
 */
export class ConfigRecords<S extends z.ZodType> {
  private readonly api = inject(ConfigApi);
  private readonly confirmation = inject(Confirmation);

  /** The records, sorted by key. */
  readonly records = signal<readonly z.infer<S>[]>([]);
  /** Whether the list is loading. */
  readonly loading = signal(true);
  /** Why the last load or delete failed. */
  readonly problem = signal<ApiProblem | null>(null);

  constructor(private readonly spec: ConfigRecordsSpec<S>) {}

  /** Lists again, after a 409 says the list is stale. */
  reload(): Promise<void> {
    return this.load();
  }

  /** (Re)loads the list. */
  async load(): Promise<void> {
    this.loading.set(true);
    try {
      const records = await this.api.list(this.spec.resource, this.spec.schema);
      this.records.set([...records].sort((a, b) => this.spec.key(a).localeCompare(this.spec.key(b))));
      this.problem.set(null);
    } catch (error: unknown) {
      this.problem.set(problemOf(error, `The ${this.spec.noun}s could not be loaded.`));
    } finally {
      this.loading.set(false);
    }
  }

  /** Asks, then deletes the record at the version listed; a refusal (still used, changed meanwhile) stays shown. */
  async remove(record: z.infer<S>): Promise<void> {
    const key = this.spec.key(record);
    const confirmed = await this.confirmation.ask({
      title: `Delete ${this.spec.noun} ${key}?`,
      message: `The ${this.spec.noun} ${key} will be deleted. This cannot be undone here.`,
      confirmLabel: 'Delete',
    });
    if (!confirmed) {
      return;
    }
    try {
      await this.api.remove(this.spec.resource, key, versionOf(record));
      this.problem.set(null);
      await this.load();
    } catch (error: unknown) {
      this.problem.set(problemOf(error, `The ${this.spec.noun} ${key} could not be deleted.`));
    }
  }
}

/** The version a record was read at; the API always sends it, though the shared schemas leave it optional. */
export function versionOf(record: unknown): number {
  const version = (record as { Version?: unknown }).Version;
  return typeof version === 'number' ? version : 0;
}
