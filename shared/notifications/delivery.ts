import { z } from 'zod';
import { NotificationEventType } from './notification-event';

/** One attempt to deliver an event to a webhook, as the delivery log keeps it. */
export const DeliveryAttempt = z
  .strictObject({
    At: z.string(),
    EventId: z.string(),
    EventType: NotificationEventType,
    Url: z.string(),
    /** The `Url` is shown masked (the delivery log read without permission to edit the settings). */
    UrlMasked: z.boolean().optional(),
    Attempt: z.number().int().min(1),
    /** `delivered` (a 2xx), `retrying` (tried again later), `failed` (given up). */
    Outcome: z.enum(['delivered', 'retrying', 'failed']),
    /** The receiver's HTTP status, absent when none came (timeout, refused connection). */
    HttpStatus: z.number().int().optional(),
    DurationMs: z.number().int().min(0),
    Error: z.string().optional(),
    NextAttemptAt: z.string().optional(),
  })
  .meta({ id: 'DeliveryAttempt' });
export type DeliveryAttempt = z.infer<typeof DeliveryAttempt>;

/** `POST /config/notification-settings/{id}/test`: what each webhook answered to the test event. */
export const TestDeliveryResult = z
  .strictObject({
    EventId: z.string(),
    Results: z.array(DeliveryAttempt),
  })
  .meta({ id: 'TestDeliveryResult' });
export type TestDeliveryResult = z.infer<typeof TestDeliveryResult>;
