import { DatePipe } from '@angular/common';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  Injector,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { ChangeType, type AuditEntry } from '@shared/audit/audit-entry';
import { Name } from '@shared/catalogue/names';
import type { ApiProblem } from '../core/api-problem';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { schemaValidator } from '../core/schema-validator';
import { applyServerFieldErrors, controlMessage } from '../core/server-field-errors';
import { AuditApi, type AuditPage as TrailPage } from './audit-api';
import { AuditEntryDetail } from './audit-entry-detail';
import type { AuditFilter } from './audit-filter';
import { AuditedKind } from '@shared/audit/audited-kind';
import { entityLink } from './entity-link';
import { CursorPages, type CursorPage } from '../core/cursor-pages';
import { instantOfLocalDateTime, toLocalDateTime } from '../core/local-date-time';
import { queryParamsOf } from '../core/query-params-of';

const WEEK = 7 * 86_400_000;

/** The server's query fields, as the filter form's controls. */
const controlOfField: Record<string, string> = {
  'query.Entity.Type': 'type',
  'query.Entity.Key': 'entity',
  'query.ChangedBy': 'user',
  'query.ChangeType': 'change',
  'query.since': 'since',
  'query.until': 'until',
};

/**
 * The audit trail, newest first, filtered by record, user, change and time (kept in the URL), paged
 * with the server's cursor; an entry opened from the list or a deep link shows its old and new value.
 */
@Component({
  selector: 'app-audit-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    RouterLink,
    ProblemBanner,
    AuditEntryDetail,
  ],
  templateUrl: './audit-page.html',
  styleUrl: './audit-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditPage {
  private readonly api = inject(AuditApi);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);

  /** The entity type filter, from the query string. */
  readonly type = input<string>();
  /** The entity key filter, from the query string. */
  readonly entity = input<string>();
  /** The user filter (ChangedBy), from the query string. */
  readonly user = input<string>();
  /** The change type filter, from the query string. */
  readonly change = input<string>();
  /** The start of the time range (ISO), from the query string; a week ago when absent. */
  readonly since = input<string>();
  /** The end of the time range (ISO), from the query string; now when absent. */
  readonly until = input<string>();
  /** The AuditID of the entry opened, from the query string (`/audit?key=...`). */
  readonly key = input<string>();
  /** The AuditID of the entry opened, from the path (`/audit/:id`). */
  readonly id = input<string>();

  /** The entity types one may filter by. */
  readonly kinds = AuditedKind.options;
  /** The change types one may filter by. */
  readonly changeTypes = ChangeType.options;
  /** The filter form, filled from the URL. */
  readonly form = new FormGroup({
    type: new FormControl('', { nonNullable: true }),
    entity: new FormControl('', { nonNullable: true, validators: schemaValidator(Name) }),
    user: new FormControl('', { nonNullable: true, validators: schemaValidator(Name) }),
    change: new FormControl('', { nonNullable: true }),
    since: new FormControl('', { nonNullable: true }),
    until: new FormControl('', { nonNullable: true }),
  });
  /** The message for a filter control, for `<mat-error>`. */
  readonly message = controlMessage;

  /** The entries loaded so far, newest first. */
  readonly pages = new CursorPages<AuditEntry>();
  /** Whether the last page read had no match though more may follow (the server filters after reading). */
  readonly emptyStretch = signal(false);
  /** The entry opened. */
  readonly opened = signal<AuditEntry | null>(null);
  /** Why the opened entry could not be loaded. */
  readonly openProblem = signal<ApiProblem | null>(null);

  /** The filter the URL describes; an unknown change type is ignored. */
  readonly filter = computed<AuditFilter>(() => ({
    entityType: this.type() || undefined,
    entityKey: this.entity() || undefined,
    changedBy: this.user() || undefined,
    changeType: ChangeType.safeParse(this.change()).data,
    since: this.since() || new Date(Date.now() - WEEK).toISOString(),
    until: this.until() || undefined,
  }));
  /** The AuditID to open, from the path or the query string. */
  readonly openedId = computed(() => this.id() || this.key() || undefined);

  private readonly detail = viewChild(AuditEntryDetail);

  constructor() {
    effect(() => {
      const filter = this.filter();
      untracked(() => {
        this.fillForm(filter);
        void this.load(filter);
      });
    });
    effect(() => {
      const id = this.openedId();
      untracked(() => void this.open(id));
    });
  }

  /** The page of an entry's record, when the portal has one. */
  linkOf(entry: AuditEntry): string[] | undefined {
    return entityLink(entry.Entity.Type, entry.Entity.Key);
  }

  /** Puts the form's filters in the URL, which reloads the trail. */
  applyFilters(): void {
    const value = this.form.getRawValue();
    const since = instantOfLocalDateTime(value.since);
    const until = instantOfLocalDateTime(value.until);
    if (since && until && since > until) {
      this.form.controls.until.setErrors({ schema: 'must not be before since' });
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    void this.router.navigate(['/audit'], {
      queryParams: queryParamsOf({
        type: value.type,
        entity: value.entity.trim(),
        user: value.user.trim(),
        change: value.change,
        since,
        until,
      }),
    });
  }

  /** Appends the next page of the trail. */
  async loadMore(): Promise<void> {
    const page = await this.pages.more(
      async (next) => pageOf(await this.api.more(next)),
      'More entries could not be loaded.',
    );
    if (page) {
      this.emptyStretch.set(page.items.length === 0 && page.next !== undefined);
    }
  }

  /** Closes the opened entry, keeping the filters. */
  closeEntry(): void {
    void this.router.navigate(['/audit'], { queryParams: { key: null }, queryParamsHandling: 'merge' });
  }

  private fillForm(filter: AuditFilter): void {
    this.form.reset({
      type: filter.entityType ?? '',
      entity: filter.entityKey ?? '',
      user: filter.changedBy ?? '',
      change: filter.changeType ?? '',
      since: toLocalDateTime(filter.since),
      until: toLocalDateTime(filter.until),
    });
  }

  private async load(filter: AuditFilter): Promise<void> {
    this.emptyStretch.set(false);
    const problem = await this.pages.first(
      async () => pageOf(await this.api.list(filter)),
      'The audit trail could not be loaded.',
    );
    if (problem) {
      applyServerFieldErrors(this.form, problem, { toControlPath: (field) => controlOfField[field] });
    }
  }

  private async open(id: string | undefined): Promise<void> {
    this.openProblem.set(null);
    if (!id) {
      this.opened.set(null);
      return;
    }
    try {
      const entry = this.pages.items().find((e) => e.AuditID === id) ?? (await this.api.get(id));
      if (this.openedId() !== id) return;
      this.opened.set(entry);
      afterNextRender(() => this.detail()?.focus(), { injector: this.injector });
    } catch (error: unknown) {
      this.opened.set(null);
      this.openProblem.set(problemOf(error, `The audit entry ${id} could not be loaded.`));
    }
  }
}

function pageOf(page: TrailPage): CursorPage<AuditEntry> {
  return { items: page.entries, next: page.next };
}
