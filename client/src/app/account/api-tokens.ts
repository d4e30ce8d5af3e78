import { DatePipe, DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  OnInit,
  signal,
  viewChild,
} from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { NewApiToken, type ApiToken, type CreatedApiToken } from '@shared/auth/user';
import type { z } from 'zod';
import type { ApiProblem } from '../core/api-problem';
import { Confirmation } from '../core/confirmation';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { schemaValidator } from '../core/schema-validator';
import { applyServerFieldErrors, controlMessage } from '../core/server-field-errors';
import { ApiTokensApi } from './api-tokens-api';
import { NewTokenSecret } from './new-token-secret';

/** The user's personal API tokens for scripts: the list, a form to create one, and revoke. */
@Component({
  selector: 'app-api-tokens',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    ProblemBanner,
    NewTokenSecret,
  ],
  templateUrl: './api-tokens.html',
  styleUrl: './api-tokens.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApiTokens implements OnInit {
  private readonly api = inject(ApiTokensApi);
  private readonly confirmation = inject(Confirmation);

  /** The user's tokens. */
  readonly tokens = signal<readonly ApiToken[]>([]);
  /** Whether the list is loading. */
  readonly loading = signal(true);
  /** Why the list could not be loaded or a token not revoked. */
  readonly problem = signal<ApiProblem | null>(null);
  /** Why the token could not be created (what no field took). */
  readonly createProblem = signal<ApiProblem | null>(null);
  /** Whether a change is in flight. */
  readonly busy = signal(false);
  /** The token just created, whose secret is shown until dismissed (never kept beyond this page). */
  readonly created = signal<z.infer<typeof CreatedApiToken> | null>(null);

  /** Tokens per page. */
  readonly pageSize = 10;
  /** The page shown. */
  readonly pageIndex = signal(0);
  /** The tokens on the page shown. */
  readonly page = computed(() =>
    this.tokens().slice(this.pageIndex() * this.pageSize, (this.pageIndex() + 1) * this.pageSize),
  );

  /** A new token's name and optional lifetime, checked as the server checks them. */
  readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, schemaValidator(NewApiToken.shape.name)]],
    expiresInDays: ['', [Validators.min(1), Validators.max(366), Validators.pattern(/^\d*$/)]],
  });
  // resetting through the directive clears its submitted state too, so no field shows an error afterwards
  private readonly formDirective = viewChild.required(FormGroupDirective);
  /** The message under a field. */
  readonly message = controlMessage;
  /** Where this portal is served, for the usage example. */
  readonly origin = inject(DOCUMENT).location.origin;

  ngOnInit(): void {
    void this.load();
  }

  /** Shows another page of the list. */
  showPage(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
  }

  /** Creates the token and shows its secret once. */
  async create(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { name, expiresInDays } = this.form.getRawValue();
    const parsed = NewApiToken.safeParse({
      name: name.trim(),
      ...(expiresInDays ? { expiresInDays: Number(expiresInDays) } : {}),
    });
    if (!parsed.success) {
      // only blanks pass the field's own check: trimmed, nothing is left
      this.form.controls.name.setErrors({ required: true });
      this.form.markAllAsTouched();
      return;
    }
    const request = parsed.data;
    this.busy.set(true);
    this.createProblem.set(null);
    try {
      const created = await this.api.create(request);
      this.created.set(created);
      const { token: _secret, ...listed } = created;
      this.tokens.update((tokens) => [listed, ...tokens]);
      this.pageIndex.set(0);
      this.formDirective().resetForm();
    } catch (error: unknown) {
      const problem = problemOf(error, 'The token could not be created. Please try again.');
      const unplaced = applyServerFieldErrors(this.form, problem, { prefixes: ['body.'] });
      this.createProblem.set(unplaced.length || problem.errors.length === 0 ? problem : null);
    } finally {
      this.busy.set(false);
    }
  }

  /** Forgets the secret shown: from now on only its name is listed. */
  dismissSecret(): void {
    this.created.set(null);
  }

  /** Revokes a token after confirmation. */
  async revoke(token: ApiToken): Promise<void> {
    const confirmed = await this.confirmation.ask({
      title: `Revoke the token "${token.name}"?`,
      message: 'Scripts that use it will be refused from now on. This cannot be undone.',
      confirmLabel: 'Revoke',
    });
    if (!confirmed) {
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    try {
      await this.api.revoke(token.id);
      this.tokens.update((tokens) => tokens.filter((t) => t.id !== token.id));
      if (this.created()?.id === token.id) {
        this.created.set(null);
      }
      const lastPage = Math.max(0, Math.ceil(this.tokens().length / this.pageSize) - 1);
      this.pageIndex.update((index) => Math.min(index, lastPage));
    } catch (error: unknown) {
      this.problem.set(problemOf(error, `The token "${token.name}" could not be revoked.`));
    } finally {
      this.busy.set(false);
    }
  }

  private async load(): Promise<void> {
    try {
      this.tokens.set(await this.api.list());
    } catch (error: unknown) {
      this.problem.set(problemOf(error, 'Your tokens could not be loaded.'));
    } finally {
      this.loading.set(false);
    }
  }
}
