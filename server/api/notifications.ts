import { z } from 'zod';
import { Name } from '@shared/catalogue/names';
import { DeliveryAttempt, TestDeliveryResult } from '@shared/notifications/delivery';
import {
  NewNotificationSettings,
  NotificationSettings,
  NotificationSettingsValueInput,
} from '@shared/notifications/notification-settings';
import type { AuthorizedNotifications } from '../authorization/authorized-notifications';
import { route, type Route } from '../http/route';
import { etag } from '../http/versioning';
import { problemResponses } from './problem-responses';

const TAG = 'Notification Settings';
const ById = z.strictObject({ id: Name });
const item = (id: string) => `/api/v1/config/notification-settings/${encodeURIComponent(id)}`;

/**
 * `/config/notification-settings`: the original's five operations (versioned and audited as every
 * `/config` record), with webhooks whose secrets are write-only and whose URLs only editors read in
 * full; a test send and the delivery log.
 */
export function notificationRoutes(notifications: AuthorizedNotifications): Route[] {
  return [
    route({
      method: 'get',
      path: '/config/notification-settings',
      summary:
        'List notification settings (webhook secrets never shown: HasSecret says one is set; URLs masked unless admin)',
      tags: [TAG],
      auth: 'signed-in',
      responses: {
        200: { description: 'The notification settings', schema: z.array(NotificationSettings) },
        ...problemResponses(401),
      },
      handle: async ({ principal }) => ({ status: 200, body: await notifications.list(principal) }),
    }),
    route<Record<string, never>, Record<string, never>, NewNotificationSettings>({
      method: 'post',
      path: '/config/notification-settings',
      summary:
        'Create notification settings (admin); each webhook needs a Secret, which is never shown again',
      tags: [TAG],
      auth: 'signed-in',
      body: NewNotificationSettings,
      responses: {
        201: { description: 'The created settings', schema: NotificationSettings },
        ...problemResponses(400, 401, 403, 409, 413),
      },
      handle: async ({ body, principal, actor }) => {
        const settings = await notifications.create(principal, actor, body);
        const headers = { Location: item(settings.NotificationSettingsId), ETag: etag(settings.Version) };
        return { status: 201, body: settings, headers };
      },
    }),
    route<z.infer<typeof ById>>({
      method: 'get',
      path: '/config/notification-settings/{id}',
      summary: 'Get notification settings (webhook URLs masked unless admin: UrlMasked says so)',
      tags: [TAG],
      auth: 'signed-in',
      params: ById,
      responses: {
        200: { description: 'The settings', schema: NotificationSettings },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params, principal }) => {
        const settings = await notifications.get(principal, params.id);
        return { status: 200, body: settings, headers: { ETag: etag(settings.Version) } };
      },
    }),
    route<z.infer<typeof ById>, Record<string, never>, NotificationSettingsValueInput>({
      method: 'put',
      path: '/config/notification-settings/{id}',
      summary:
        "Replace notification settings' value (admin); a webhook without Secret keeps its URL's secret, " +
        'a masked Url the stored URL it masks',
      tags: [TAG],
      auth: 'signed-in',
      params: ById,
      body: NotificationSettingsValueInput,
      versioned: true,
      responses: {
        200: { description: 'The updated settings', schema: NotificationSettings },
        ...problemResponses(400, 401, 403, 404, 409, 413, 428),
      },
      handle: async ({ params, body, principal, actor, expectedVersion }) => {
        const settings = await notifications.update(principal, actor, params.id, expectedVersion, body);
        return { status: 200, body: settings, headers: { ETag: etag(settings.Version) } };
      },
    }),
    route<z.infer<typeof ById>>({
      method: 'delete',
      path: '/config/notification-settings/{id}',
      summary: 'Delete notification settings (admin; refused while an environment refers to them)',
      tags: [TAG],
      auth: 'signed-in',
      params: ById,
      versioned: true,
      responses: {
        200: { description: 'The settings as they were', schema: NotificationSettings },
        ...problemResponses(400, 401, 403, 404, 409, 428),
      },
      handle: async ({ params, principal, actor, expectedVersion }) => ({
        status: 200,
        body: await notifications.remove(principal, actor, params.id, expectedVersion),
      }),
    }),
    route<z.infer<typeof ById>>({
      method: 'post',
      path: '/config/notification-settings/{id}/test',
      summary: 'Send a test event to every webhook of the settings now (admin), and what each answered',
      tags: [TAG],
      auth: 'signed-in',
      params: ById,
      responses: {
        200: { description: 'Each webhook’s answer', schema: TestDeliveryResult },
        ...problemResponses(400, 401, 403, 404),
      },
      handle: async ({ params, principal }) => ({
        status: 200,
        body: await notifications.sendTest(principal, params.id),
      }),
    }),
    route<z.infer<typeof ById>, { per_page: number }>({
      method: 'get',
      path: '/config/notification-settings/{id}/deliveries',
      summary:
        'The delivery log of the settings: every attempt, newest first (kept 30 days; URLs masked unless admin)',
      tags: [TAG],
      auth: 'signed-in',
      params: ById,
      query: z.strictObject({ per_page: z.coerce.number().int().min(1).max(500).default(100) }),
      responses: {
        200: { description: 'The attempts', schema: z.array(DeliveryAttempt) },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params, query, principal }) => ({
        status: 200,
        body: await notifications.deliveries(principal, params.id, query.per_page),
      }),
    }),
  ];
}
