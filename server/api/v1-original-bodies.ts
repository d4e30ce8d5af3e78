import { z } from 'zod';

/*
 * The request bodies of the original's operations that answer 410 or 501 here, as its published API
 * documents them: strict, so that what the original never took is a 400 naming it, as everywhere else.
 */

const Text = z.string().max(2000);
const Texts = z.array(Text).max(100);

/** `PUT /target-state/{environment}/{service}/toggle-status`. */
export const ToggleServiceStatusBody = z.strictObject({
  Enable: z.boolean(),
  Slice: Text,
  ServerRole: Text,
  EnvironmentType: Text,
});

/** The original's `UpstreamConfigValue` (with the fields its records carried beside the documented ones). */
export const UpstreamConfigValueBody = z.strictObject({
  EnvironmentName: Text,
  Hosts: z
    .array(
      z.strictObject({
        DnsName: Text.optional(),
        FailTimeout: Text.optional(),
        Port: z.number().int().optional(),
        State: Text.optional(),
        Weight: z.number().int().optional(),
      }),
    )
    .max(100)
    .optional(),
  LoadBalancingMethod: Text.optional(),
  MarkForDelete: z.boolean().optional(),
  MarkForDeleteTimestamp: z.number().int().optional(),
  PersistenceMethod: Text.optional(),
  SchemaVersion: z.number().int().optional(),
  ServiceName: Text.optional(),
  SlowStart: Text.optional(),
  UpStreamKeepalives: z.number().int().optional(),
  UpstreamName: Text.optional(),
  ZoneSize: Text.optional(),
});

/** The original's `UpstreamConfig`. */
export const UpstreamConfigBody = z.strictObject({
  AccountName: Text.optional(),
  key: Text,
  Value: UpstreamConfigValueBody,
});

/** The original's `LBSettingValue`. */
export const LBSettingValueBody = z.strictObject({
  EnvironmentName: Text.optional(),
  FrontEnd: z.boolean().optional(),
  Listen: z
    .array(
      z.strictObject({
        Port: z.number().int().optional(),
        SSL: z.boolean().optional(),
        IP: Text.nullable().optional(),
      }),
    )
    .max(100)
    .optional(),
  Locations: z
    .array(
      z.strictObject({
        Path: Text.optional(),
        ProxyHttpVersion: Text.optional(),
        ProxyPass: Text.optional(),
        ProxySetHeaders: Texts.optional(),
      }),
    )
    .max(500)
    .optional(),
  SSLCertificate: Text.nullable().optional(),
  SSLKey: Text.nullable().optional(),
  ServerName: Texts.optional(),
  VHostName: Text.optional(),
});

/** The original's `LBSetting`. */
export const LBSettingBody = z.strictObject({
  AccountName: Text.optional(),
  EnvironmentName: Text,
  VHostName: Text,
  Value: LBSettingValueBody,
  Version: z.number().int().optional(),
});

/** The original's `NotificationSettingsValue`. */
export const NotificationSettingsValueBody = z.strictObject({
  NotificationEmail: Texts.optional(),
  ChatChannel: Texts.optional(),
  Paging: Texts.optional(),
  Ticketing: Text.optional(),
});

/** The original's `NotificationSettings`. */
export const NotificationSettingsBody = z.strictObject({
  NotificationSettingsId: Text,
  Version: z.number().int().optional(),
  Value: NotificationSettingsValueBody,
});
