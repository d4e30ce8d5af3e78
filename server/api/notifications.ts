import { z } from 'zod';
import { Name } from '@shared/catalogue/names';
import { DeliveryAttempt, TestDeliveryResult } from '@shared/notifications/delivery';
import {
  NewNotificationSettings,
  NotificationSettings,
  NotificationSettingsValueInput,
} from '@shared/notifications/notification-settings';
import type { AuthorizedCatalogue } from '../authorization/authorized-catalogue';
import type { AuthorizedNotifications } from '../authorization/authorized-notifications';
import { notificationSettingsDefinition as def } from '../catalogue/definitions';
import type { Write } from '../catalogue/record-store';
import { route, type Route } from '../http/route';
import { etag } from '../http/versioning';
import { secretsOf, settingsView, withSecretsApart } from '../notifications/webhook-secrets';
import { problemResponses } from './problem-responses';

const TAG = 'Notification Settings';
const ById = z.strictObject({ id: Name });
const item = (id: string) => `/api/v1/config/notification-settings/${encodeURIComponent(id)}`;

/** The writes with the webhooks' secrets on the record's own write (never in its value or audit). */
function withSecret(writes: Write[], secret: string): Write[] {
  return writes.map((w) => (w.op === 'put' && w.kind === def.kind ? { ...w, secret } : w));
}

/**
 * `/config/notification-settings`: the original's five operations (versioned and audited as every
 * `/config` record), with webhooks whose secrets are write-only; a test send and the delivery log.
 */
export function notificationRoutes(
  catalogue: AuthorizedCatalogue,
  notifications: AuthorizedNotifications,
): Route[] {
  return [
    route({
      method: 'get',
      path: '/config/notification-settings',
      summary: 'List notification settings (webhook secrets never shown: HasSecret says one is set)',
      tags: [TAG],
      auth: 'signed-in',
      responses: {
        200: { description: 'The notification settings', schema: z.array(NotificationSettings) },
        ...problemResponses(401),
      },
      handle: async () => ({ status: 200, body: (await catalogue.list(def)).map(settingsView) }),
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
        const id = body.NotificationSettingsId;
        const { value, secret } = withSecretsApart(body.Value, {}, 'body.Value');
        const writes = await catalogue.planCreate(def, principal, id, {
          NotificationSettingsId: id,
          Value: value,
        });
        await catalogue.commit(withSecret(writes, secret), actor);
        const rec = await catalogue.get(def, id);
        return {
          status: 201,
          body: settingsView(rec),
          headers: { Location: item(id), ETag: etag(rec.version) },
        };
      },
    }),
    route<z.infer<typeof ById>>({
      method: 'get',
      path: '/config/notification-settings/{id}',
      summary: 'Get notification settings',
      tags: [TAG],
      auth: 'signed-in',
      params: ById,
      responses: {
        200: { description: 'The settings', schema: NotificationSettings },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params }) => {
        const rec = await catalogue.get(def, params.id);
        return { status: 200, body: settingsView(rec), headers: { ETag: etag(rec.version) } };
      },
    }),
    route<z.infer<typeof ById>, Record<string, never>, NotificationSettingsValueInput>({
      method: 'put',
      path: '/config/notification-settings/{id}',
      summary:
        "Replace notification settings' value (admin); a webhook without Secret keeps its URL's secret",
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
        const current = await catalogue.get(def, params.id);
        const { value, secret } = withSecretsApart(body, secretsOf(current), 'body');
        const writes = await catalogue.planUpdate(def, principal, current, expectedVersion, {
          ...current.value,
          Value: value,
        });
        await catalogue.commit(withSecret(writes, secret), actor);
        const rec = await catalogue.get(def, params.id);
        return { status: 200, body: settingsView(rec), headers: { ETag: etag(rec.version) } };
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
      handle: async ({ params, principal, actor, expectedVersion }) => {
        const rec = await catalogue.remove(def, principal, actor, params.id, expectedVersion);
        return { status: 200, body: settingsView(rec) };
      },
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
      summary: 'The delivery log of the settings: every attempt, newest first (kept 30 days)',
      tags: [TAG],
      auth: 'signed-in',
      params: ById,
      query: z.strictObject({ per_page: z.coerce.number().int().min(1).max(500).default(100) }),
      responses: {
        200: { description: 'The attempts', schema: z.array(DeliveryAttempt) },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params, query }) => ({
        status: 200,
        body: await notifications.deliveries(params.id, query.per_page),
      }),
    }),
  ];
}
