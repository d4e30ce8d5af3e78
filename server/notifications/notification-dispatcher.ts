import type { DeliveryAttempt, TestDeliveryResult } from '@shared/notifications/delivery';
import type { NotificationEvent } from '@shared/notifications/notification-event';
import type { RecordStore } from '../catalogue/record-store';
import type { Clock } from '../deployments/engine/clock';
import { NotFoundError } from '../errors/domain-errors';
import type { Logger } from '../logger';
import { newEvent } from './new-event';
import type { NotificationOutbox, OutboxEntry, TargetState } from './notification-outbox';
import { afterAttempt, nextDue, type RetryPolicy } from './retry-policy';
import { SIGNATURE_HEADER, signature } from './signature';
import { webhookBody } from './webhook-body';
import type { WebhookSender } from './webhook-sender';
import { webhooksFor, type SigningWebhook } from './webhook-targets';

/** How the dispatcher runs: who it is, how often it looks, how long a POST may take, how it retries. */
export interface DispatcherOptions {
  readonly owner: string;
  readonly pollMs: number;
  readonly leaseMs: number;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly clock: Clock;
}

/** Events looked at in one pass. */
const BATCH = 25;

/**
 * Delivers the outbox's events to the webhooks of the settings they go to, in the background: one portal
 * process at a time (the one holding the lease), every attempt signed, timed out after `timeoutMs`,
 * logged per settings, and tried again with exponential backoff until delivered or out of attempts (a
 * POST the sender refuses, to an address webhooks may not reach, is not tried again).
 * Nothing here is awaited by a deployment: the changes only write their events to the outbox.
 */
export class NotificationDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;
  private stopped = true;
  /** When the lease this process holds ends (ms; 0 while it holds none). */
  private leaseUntil = 0;

  constructor(
    private readonly outbox: NotificationOutbox,
    private readonly store: RecordStore,
    private readonly sender: WebhookSender,
    private readonly options: DispatcherOptions,
    private readonly logger: Logger,
  ) {}

  /** Starts looking at the outbox every `pollMs`. */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops looking, and waits for the pass under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.pass;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.pass = this.runOnce()
        .then(() => undefined)
        .catch((e: unknown) => this.logger.warn('notification pass failed', { error: String(e) }))
        .finally(() => {
          if (!this.stopped) this.schedule(this.options.pollMs);
        });
    }, ms);
    this.timer.unref();
  }

  /** One pass: with the lease, every due event's due deliveries. Answers how many events it looked at. */
  async runOnce(): Promise<number> {
    const now = this.options.clock.now();
    if (!(await this.holdsLease(now))) return 0;
    const ids = await this.outbox.due(now, BATCH);
    await Promise.all(
      ids.map((id) =>
        this.dispatch(id).catch((e: unknown) =>
          this.logger.warn('notification not dispatched', { eventId: id, error: String(e) }),
        ),
      ),
    );
    return ids.length;
  }

  /**
   * Whether this process holds the dispatcher's lease: renewed once half of it is spent (so a process that
   * delivers writes the lease item twice a lease, not every pass), taken when free or expired. Until half
   * of its lease is spent no other process can take it, so this one keeps delivering without asking.
   */
  private async holdsLease(now: number): Promise<boolean> {
    const { leaseMs, owner } = this.options;
    if (this.leaseUntil - now > leaseMs / 2) return true;
    const until = now + leaseMs;
    this.leaseUntil = (await this.outbox.lease(owner, until, now)) ? until : 0;
    return this.leaseUntil !== 0;
  }

  /** Sends a test event to every webhook of the settings now, once each, and answers what each said. */
  async sendTest(settingsId: string, by: string): Promise<TestDeliveryResult> {
    const record = await this.store.get('NotificationSettings', settingsId);
    if (!record || record.deleted)
      throw new NotFoundError(`NotificationSettings ${settingsId} does not exist`);
    const event = newEvent(
      {
        Type: 'test',
        SettingsId: settingsId,
        By: by,
        Summary: `A test of the notification settings ${settingsId}, sent by ${by}`,
      },
      this.options.clock.now(),
    );
    const webhooks = await webhooksFor(this.store, event);
    const once: RetryPolicy = { ...this.options.retry, maxAttempts: 1 };
    const results = await Promise.all(
      webhooks.map(async (hook) => {
        const target = { settingsId, url: hook.Url, attempts: 0, done: false };
        return (await this.attempt(event, hook, target, once)).attempt;
      }),
    );
    return { EventId: event.Id, Results: results };
  }

  private async dispatch(id: string): Promise<void> {
    const entry = await this.outbox.get(id);
    if (!entry) return;
    const now = this.options.clock.now();
    const webhooks = await webhooksFor(this.store, entry.event);
    const targets = entry.resolved ? entry.targets : this.resolve(entry, webhooks, now);
    const next = await Promise.all(
      targets.map(async (t) => {
        if (t.done || (t.nextAt ?? 0) > now) return t;
        const hook = webhooks.find((w) => w.settingsId === t.settingsId && w.Url === t.url);
        if (hook) return (await this.attempt(entry.event, hook, t, this.options.retry)).next;
        await this.log(entry.event, t, {
          Outcome: 'failed',
          DurationMs: 0,
          Error: 'the webhook is no longer in the settings, or no longer subscribed to this event',
        });
        return { ...t, done: true, nextAt: undefined };
      }),
    );
    if (!(await this.outbox.update(entry, next, nextDue(next)))) {
      this.logger.warn('notification outbox entry changed meanwhile', { eventId: id });
    }
  }

  /** The targets of an event dispatched for the first time: each subscribed webhook, due now. */
  private resolve(entry: OutboxEntry, webhooks: readonly SigningWebhook[], now: number): TargetState[] {
    return webhooks.map((w) => ({
      settingsId: w.settingsId,
      url: w.Url,
      attempts: 0,
      done: false,
      nextAt: now,
    }));
  }

  /** One signed POST of the event to the webhook, logged; answers the target after it. */
  private async attempt(
    event: NotificationEvent,
    hook: SigningWebhook,
    target: TargetState,
    policy: RetryPolicy,
  ): Promise<{ next: TargetState; attempt: DeliveryAttempt }> {
    const body = webhookBody(event, hook.Format);
    const timestamp = Math.floor(this.options.clock.now() / 1000);
    const reply = await this.sender.post(
      hook.Url,
      body,
      {
        'content-type': 'application/json',
        'user-agent': 'environment-manager-notifications',
        'x-em-event': event.Type,
        'x-em-delivery': event.Id,
        [SIGNATURE_HEADER.toLowerCase()]: signature(hook.secret, timestamp, body),
      },
      this.options.timeoutMs,
    );
    const delivered = reply.status !== undefined && reply.status >= 200 && reply.status < 300;
    const result = delivered ? 'delivered' : reply.refused ? 'refused' : 'undelivered';
    const { next, outcome } = afterAttempt(target, result, this.options.clock.now(), policy);
    const error = delivered
      ? undefined
      : (reply.error ?? (reply.status !== undefined ? `answered HTTP ${reply.status}` : 'no answer'));
    const attempt = await this.log(event, next, {
      Outcome: outcome,
      DurationMs: Math.round(reply.durationMs),
      ...(reply.status !== undefined ? { HttpStatus: reply.status } : {}),
      ...(error ? { Error: error } : {}),
      ...(next.nextAt !== undefined ? { NextAttemptAt: new Date(next.nextAt).toISOString() } : {}),
    });
    return { next, attempt };
  }

  private async log(
    event: NotificationEvent,
    target: TargetState,
    result: Pick<DeliveryAttempt, 'Outcome' | 'DurationMs' | 'HttpStatus' | 'Error' | 'NextAttemptAt'>,
  ): Promise<DeliveryAttempt> {
    const attempt: DeliveryAttempt = {
      At: new Date(this.options.clock.now()).toISOString(),
      EventId: event.Id,
      EventType: event.Type,
      Url: target.url,
      Attempt: Math.max(target.attempts, 1),
      ...result,
    };
    await this.outbox.record(target.settingsId, attempt);
    if (attempt.Outcome !== 'delivered') {
      this.logger.info('notification not delivered', {
        eventId: event.Id,
        settings: target.settingsId,
        attempt: attempt.Attempt,
        outcome: attempt.Outcome,
        ...(attempt.HttpStatus !== undefined ? { httpStatus: attempt.HttpStatus } : {}),
      });
    }
    return attempt;
  }
}
