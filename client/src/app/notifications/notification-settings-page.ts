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
import { FormArray, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { allowsEverywhere } from '@shared/auth/permission';
import type { DeliveryAttempt, TestDeliveryResult } from '@shared/notifications/delivery';
import type { NotificationSettings, WebhookFormat } from '@shared/notifications/notification-settings';
import type { ApiProblem } from '../core/api-problem';
import { AuthSession } from '../core/auth-session';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { NotificationsApi } from './notifications-api';
import { blankWebhook, draftOf, valueOf, type WebhookDraft } from './webhook-draft';

/**
 * One notification settings record: its addresses and webhooks (edited by admins; a secret is never
 * shown, and an empty secret field keeps the one set), "Send a test" with what each webhook answered, and
 * the delivery log of every attempt, newest first.
 */
@Component({
  selector: 'app-notification-settings-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ProblemBanner,
  ],
  templateUrl: './notification-settings-page.html',
  styleUrl: './notification-settings-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationSettingsPage {
  private readonly api = inject(NotificationsApi);
  private readonly router = inject(Router);
  private readonly user = inject(AuthSession).user;
  private readonly fb = inject(NonNullableFormBuilder);

  /** The record's id from the route; `new` for a new record. */
  readonly id = input.required<string>();
  readonly isNew = computed(() => this.id() === 'new');

  readonly record = signal<NotificationSettings | null>(null);
  readonly deliveries = signal<DeliveryAttempt[]>([]);
  readonly testResult = signal<TestDeliveryResult | null>(null);
  readonly problem = signal<ApiProblem | null>(null);
  /** What the form found wrong with the shared schema, before asking the server. */
  readonly draftProblems = signal<string[]>([]);
  readonly busy = signal(false);
  /** Settings are changed, and tests sent, by admins (everywhere). */
  readonly mayEdit = computed(() => allowsEverywhere(this.user()?.grants ?? [], 'admin'));

  readonly formats: readonly WebhookFormat[] = ['json', 'slack'];
  readonly form = this.fb.group({
    id: [''],
    emails: [''],
    chatChannels: [''],
    paging: [''],
    ticketing: [''],
    webhooks: this.fb.array<ReturnType<NotificationSettingsPage['webhookGroup']>>([]),
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  get webhooks(): FormArray {
    return this.form.controls.webhooks;
  }

  /** Whether the webhook of this row had a secret when read. */
  hasSecret(index: number): boolean {
    return this.webhooks.at(index).getRawValue().hasSecret === true;
  }

  addWebhook(): void {
    this.webhooks.push(this.webhookGroup(blankWebhook()));
  }

  removeWebhook(index: number): void {
    this.webhooks.removeAt(index);
  }

  /** Saves the form: creates the record, or replaces its value at the version last read. */
  async save(): Promise<void> {
    if (this.busy() || !this.mayEdit()) {
      return;
    }
    const raw = this.form.getRawValue();
    const checked = valueOf({ ...raw, webhooks: raw.webhooks as WebhookDraft[] });
    if ('problems' in checked) {
      this.draftProblems.set(checked.problems);
      return;
    }
    this.draftProblems.set([]);
    this.busy.set(true);
    this.problem.set(null);
    try {
      const current = this.record();
      if (current) {
        this.fill(await this.api.update(current.NotificationSettingsId, current.Version, checked.value));
      } else {
        const created = await this.api.create({
          NotificationSettingsId: raw.id.trim(),
          Value: checked.value,
        });
        await this.router.navigate(['/configuration/notification-settings', created.NotificationSettingsId]);
      }
    } catch (error: unknown) {
      this.problem.set(problemOf(error, 'The notification settings could not be saved.'));
    } finally {
      this.busy.set(false);
    }
  }

  /** Sends a test event to every webhook, then reads the log again. */
  async sendTest(): Promise<void> {
    const current = this.record();
    if (!current || this.busy()) {
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    try {
      this.testResult.set(await this.api.sendTest(current.NotificationSettingsId));
      await this.readLog(current.NotificationSettingsId);
    } catch (error: unknown) {
      this.problem.set(problemOf(error, 'The test could not be sent.'));
    } finally {
      this.busy.set(false);
    }
  }

  /** Reads the delivery log again. */
  async refreshLog(): Promise<void> {
    const current = this.record();
    if (current) {
      await this.readLog(current.NotificationSettingsId);
    }
  }

  /** An attempt's answer in words: the HTTP status, or the error. */
  answerOf(attempt: DeliveryAttempt): string {
    const status = attempt.HttpStatus !== undefined ? `HTTP ${attempt.HttpStatus}` : '';
    return [status, attempt.Error && !attempt.Error.startsWith('answered HTTP') ? attempt.Error : '']
      .filter((s) => s !== '')
      .join(': ');
  }

  private webhookGroup(w: WebhookDraft) {
    return this.fb.group({
      url: [w.url],
      events: [w.events],
      format: [w.format],
      secret: [w.secret],
      hasSecret: [w.hasSecret],
    });
  }

  private fill(record: NotificationSettings): void {
    this.record.set(record);
    const draft = draftOf(record);
    this.webhooks.clear();
    for (const w of draft.webhooks) {
      this.webhooks.push(this.webhookGroup(w));
    }
    this.form.patchValue({ ...draft, webhooks: draft.webhooks });
    this.form.controls.id.disable();
  }

  private async load(id: string): Promise<void> {
    this.problem.set(null);
    this.testResult.set(null);
    if (id === 'new') {
      this.record.set(null);
      // a new record starts with one webhook row, for every event
      this.webhooks.clear();
      this.addWebhook();
      return;
    }
    try {
      this.fill(await this.api.get(id));
      await this.readLog(id);
    } catch (error: unknown) {
      this.problem.set(problemOf(error, `The notification settings ${id} could not be loaded.`));
    }
  }

  private async readLog(id: string): Promise<void> {
    try {
      this.deliveries.set(await this.api.deliveries(id));
    } catch (error: unknown) {
      this.problem.set(problemOf(error, 'The delivery log could not be read.'));
    }
  }
}
