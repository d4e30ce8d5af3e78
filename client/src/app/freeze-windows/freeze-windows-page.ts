import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { RouterLink } from '@angular/router';
import { allows, allowsEverywhere } from '@shared/auth/permission';
import { Environment } from '@shared/catalogue/environment';
import { EnvironmentType } from '@shared/catalogue/environment-type';
import {
  freezeWindowName,
  isOneOff,
  isRecurring,
  type FreezeWindow,
  type OneOffFreezeWindow,
} from '@shared/catalogue/freeze-window';
import type { ApiProblem } from '../core/api-problem';
import { AuthSession } from '../core/auth-session';
import { ConfigApi } from '../core/config-api';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { browserTimeZone, windowOfDraft } from './freeze-window-draft';

/** Where windows are kept: an environment's record or an environment type's. */
export type FreezeWindowOwner = 'environments' | 'environment-types';

/** A record with freeze windows, as loaded: its value (kept whole on save), version and windows. */
interface Loaded {
  readonly value: Environment['Value'] | EnvironmentType['Value'];
  readonly version: number;
  readonly scope: { cluster?: string; environmentType?: string };
}

/**
 * The freeze windows of an environment or an environment type: each one-off and recurring window, and,
 * for a user who may change the record, adding and removing windows (saved with the version last read).
 */
@Component({
  selector: 'app-freeze-windows-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    ProblemBanner,
  ],
  templateUrl: './freeze-windows-page.html',
  styleUrl: './freeze-windows-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FreezeWindowsPage {
  private readonly api = inject(ConfigApi);
  private readonly user = inject(AuthSession).user;

  /** `environments` or `environment-types`, from the route. */
  readonly owner = input.required<FreezeWindowOwner>();
  /** The environment's or the type's name, from the route. */
  readonly name = input.required<string>();

  private readonly loaded = signal<Loaded | null>(null);
  /** The record's windows, as last read or saved. */
  readonly windows = computed<readonly FreezeWindow[]>(() => this.loaded()?.value.FreezeWindows ?? []);
  /** Why loading or saving failed. */
  readonly problem = signal<ApiProblem | null>(null);
  /** What the add form found wrong, before asking the server. */
  readonly draftProblem = signal<string | null>(null);
  readonly busy = signal(false);

  /** Whether the user may change the record: edit-environments there, or admin everywhere for a type. */
  readonly mayEdit = computed(() => {
    const loaded = this.loaded();
    const grants = this.user()?.grants ?? [];
    if (!loaded) {
      return false;
    }
    return this.owner() === 'environments'
      ? allows(grants, 'edit-environments', loaded.scope)
      : allowsEverywhere(grants, 'admin');
  });

  /** The page's words for what holds the windows. */
  readonly noun = computed(() => (this.owner() === 'environments' ? 'environment' : 'environment type'));

  /** A new window: one-off (local date-times) or recurring (day and time in a zone). */
  readonly form = inject(NonNullableFormBuilder).group({
    name: [''],
    kind: ['one-off' as 'one-off' | 'recurring'],
    start: [''],
    end: [''],
    timeZone: [browserTimeZone()],
    reason: [''],
  });

  constructor() {
    effect(() => {
      const owner = this.owner();
      const name = this.name();
      untracked(() => void this.load(owner, name));
    });
  }

  /** A window's name as refusals give it. */
  nameOf(window: FreezeWindow): string {
    return freezeWindowName(window);
  }

  /** Whether the window recurs. */
  recurs(window: FreezeWindow): boolean {
    return isRecurring(window);
  }

  /** The window when it is a one-off, else null. */
  oneOff(window: FreezeWindow): OneOffFreezeWindow | null {
    return isOneOff(window) ? window : null;
  }

  /** When a recurring window holds, in words. */
  recurrenceOf(window: FreezeWindow): string {
    if (!isRecurring(window)) {
      return '';
    }
    const { Start, End, TimeZone } = window.Recurring;
    const every = Start.includes(' ') ? 'every week' : 'every day';
    return `${Start} to ${End} ${TimeZone}, ${every}`;
  }

  private async load(owner: FreezeWindowOwner, name: string): Promise<void> {
    this.problem.set(null);
    try {
      if (owner === 'environments') {
        const record = await this.api.get('environments', name, Environment);
        this.loaded.set({
          value: record.Value,
          version: record.Version ?? 1,
          scope: { cluster: record.Value.OwningCluster, environmentType: record.Value.EnvironmentType },
        });
      } else {
        const record = await this.api.get('environment-types', name, EnvironmentType);
        this.loaded.set({ value: record.Value, version: record.Version ?? 1, scope: {} });
      }
    } catch (error: unknown) {
      this.problem.set(problemOf(error, `The ${this.noun()} ${name} could not be loaded.`));
    }
  }

  /** Adds the form's window and saves the record. */
  async add(): Promise<void> {
    const result = windowOfDraft(this.form.getRawValue());
    if ('field' in result) {
      this.draftProblem.set(`${result.field ? result.field + ' ' : ''}${result.message}`);
      return;
    }
    this.draftProblem.set(null);
    if (await this.save([...this.windows(), result.window])) {
      this.form.reset({ kind: this.form.getRawValue().kind, timeZone: this.form.getRawValue().timeZone });
    }
  }

  /** Removes a window and saves the record. */
  async remove(index: number): Promise<void> {
    await this.save(this.windows().filter((_, i) => i !== index));
  }

  private async save(windows: FreezeWindow[]): Promise<boolean> {
    const loaded = this.loaded();
    if (!loaded || this.busy()) {
      return false;
    }
    this.busy.set(true);
    this.problem.set(null);
    const value = { ...loaded.value, FreezeWindows: windows.length > 0 ? windows : undefined };
    try {
      if (this.owner() === 'environments') {
        const saved = await this.api.update('environments', this.name(), loaded.version, value, Environment);
        this.loaded.set({ ...loaded, value: saved.Value, version: saved.Version ?? loaded.version + 1 });
      } else {
        const saved = await this.api.update(
          'environment-types',
          this.name(),
          loaded.version,
          value,
          EnvironmentType,
        );
        this.loaded.set({ ...loaded, value: saved.Value, version: saved.Version ?? loaded.version + 1 });
      }
      return true;
    } catch (error: unknown) {
      this.problem.set(problemOf(error, 'The freeze windows could not be saved.'));
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}
