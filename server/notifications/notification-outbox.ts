import type { DeliveryAttempt } from '@shared/notifications/delivery';
import type { NotificationEvent } from '@shared/notifications/notification-event';

/** Where one event stands with one webhook it goes to. */
export interface TargetState {
  readonly settingsId: string;
  readonly url: string;
  readonly attempts: number;
  readonly done: boolean;
  /** When to try again (ms), while not done. */
  readonly nextAt?: number;
}

/** An event in the outbox: its targets once resolved (from the settings when it is first dispatched). */
export interface OutboxEntry {
  readonly event: NotificationEvent;
  readonly targets: readonly TargetState[];
  readonly resolved: boolean;
  readonly version: number;
}

/**
 * The outbox the changes write their events to (in their own transactions), the delivery log, and the
 * dispatcher's lease: what the dispatcher needs of storage.
 */
export interface NotificationOutbox {
  /** Ids of events with a delivery due by `now`, oldest first. */
  due(now: number, limit: number): Promise<string[]>;
  get(eventId: string): Promise<OutboxEntry | undefined>;
  /**
   * Saves the targets' states if the entry is still at its version (false when it is not); the entry
   * leaves the due list when `nextDueAt` is undefined (every target done).
   */
  update(
    entry: OutboxEntry,
    targets: readonly TargetState[],
    nextDueAt: number | undefined,
  ): Promise<boolean>;
  /** Adds an attempt to the delivery log of the settings it was for. */
  record(settingsId: string, attempt: DeliveryAttempt): Promise<void>;
  /** The settings' delivery log, newest first. */
  deliveries(settingsId: string, limit: number): Promise<DeliveryAttempt[]>;
  /** Takes or renews the dispatcher's lease for `owner` until `until` (ms); false while another holds it. */
  lease(owner: string, until: number, now: number): Promise<boolean>;
}
