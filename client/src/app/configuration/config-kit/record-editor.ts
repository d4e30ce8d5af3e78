import { inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { FormGroup } from '@angular/forms';
import type { z } from 'zod';
import type { ApiProblem } from '../../core/api-problem';
import { ConfigApi, type ConfigResourcePath } from '../../core/config-api';
import { problemOf } from '../../core/problem-of';
import { withUnplacedErrors } from '../../core/server-field-errors';
import { versionOf } from './config-records';

/** What a `RecordEditor` edits and how its form maps to the API's `{Key, Value}` records. */
export interface RecordEditorSpec<S extends z.ZodType> {
  readonly resource: ConfigResourcePath;
  readonly schema: S;
  /** The kind in words, for messages (`team`). */
  readonly noun: string;
  /** The form; its control named `keyField` holds the record's key, the others its Value's fields. */
  readonly form: FormGroup;
  /** The key's name in the record and the form (`ClusterName`). */
  readonly keyField: string;
  /** Puts a record into the form. */
  readonly fill: (record: z.infer<S>) => void;
  /** The record's Value from the form: the update body, and the create body's `Value`. */
  readonly value: () => unknown;
  /** The create body of a resource whose records are flat (accounts); by default `{ [keyField]: key, Value: value() }`. */
  readonly createBody?: () => unknown;
  /** Why the user may not save, or null when they may. */
  readonly blocker: () => string | null;
  /** The list the page returns to after a save (`/configuration/teams`). */
  readonly list: string;
}

/**
 * The state of a configuration edit page: loads the record (its version is the If-Match of the save),
 * creates or updates it, puts the server's field errors on the form's controls, and reloads after a 409.
 * The form is flat (key and Value fields side by side), so `body.Value.ShortName` on create and
 * `body.ShortName` on update both reach the `ShortName` control. Create it in a field initializer.
 */
export class RecordEditor<S extends z.ZodType> {
  private readonly api = inject(ConfigApi);
  private readonly router = inject(Router);

  /** The key of the record being edited, or null while creating one. */
  readonly key = signal<string | null>(null);
  /** The version the record was read at. */
  readonly version = signal(0);
  /** Whether the record is loading. */
  readonly loading = signal(false);
  /** Whether a save is in flight. */
  readonly saving = signal(false);
  /** Why the last load or save failed. */
  readonly problem = signal<ApiProblem | null>(null);

  constructor(private readonly spec: RecordEditorSpec<S>) {}

  /** Starts editing the record with this key, or a new record when there is none. */
  async open(key: string | undefined): Promise<void> {
    this.key.set(key ?? null);
    if (key === undefined) {
      return;
    }
    this.spec.form.get(this.spec.keyField)?.disable();
    this.loading.set(true);
    try {
      const record = await this.api.get(this.spec.resource, key, this.spec.schema);
      this.spec.fill(record);
      this.version.set(versionOf(record));
      this.problem.set(null);
    } catch (error: unknown) {
      this.problem.set(problemOf(error, `The ${this.spec.noun} ${key} could not be loaded.`));
    } finally {
      this.loading.set(false);
    }
  }

  /** Reads the record again after someone else changed it; the user's unsaved edits are replaced. */
  async reload(): Promise<void> {
    await this.open(this.key() ?? undefined);
  }

  /** The form's submit: saves, unless the user may not, and returns to the list. */
  async submit(): Promise<void> {
    // A disabled-interactive button still submits: it stays focusable to show its reason.
    if (this.spec.blocker() !== null || this.saving()) {
      return;
    }
    if (await this.save()) {
      await this.router.navigate([this.spec.list]);
    }
  }

  /** Saves the form (create or versioned update); resolves the saved record, or null when refused. */
  async save(): Promise<z.infer<S> | null> {
    const form = this.spec.form;
    if (this.saving() || this.loading()) {
      return null;
    }
    if (form.invalid) {
      form.markAllAsTouched();
      return null;
    }
    this.saving.set(true);
    this.problem.set(null);
    try {
      const key = this.key();
      return key === null
        ? await this.api.create(this.spec.resource, this.createBody(), this.spec.schema)
        : await this.api.update(this.spec.resource, key, this.version(), this.spec.value(), this.spec.schema);
    } catch (error: unknown) {
      // Errors a field took show under it; the banner keeps only the ones no field could show.
      this.problem.set(
        withUnplacedErrors(form, problemOf(error, `The ${this.spec.noun} could not be saved.`)),
      );
      return null;
    } finally {
      this.saving.set(false);
    }
  }

  /** The create body: the spec's own, or the key beside the Value. */
  private createBody(): unknown {
    const { createBody, form, keyField } = this.spec;
    return createBody ? createBody() : { [keyField]: form.getRawValue()[keyField], Value: this.spec.value() };
  }
}
