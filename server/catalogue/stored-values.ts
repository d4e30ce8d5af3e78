import { z } from 'zod';
import { AccountValue } from '@shared/catalogue/account';
import { Cluster } from '@shared/catalogue/cluster';
import { DeploymentMap } from '@shared/catalogue/deployment-map';
import { Environment } from '@shared/catalogue/environment';
import { EnvironmentType } from '@shared/catalogue/environment-type';
import type { NewService } from '@shared/catalogue/service';
import type { NewPermission } from '@shared/auth/permission';
import { Group, User } from '@shared/auth/user';
import type { OpsState } from '@shared/environments/ops-state';
import type { StoredNotificationSettings } from '@shared/notifications/notification-settings';
import { ToggleStateName, ToggleType } from '@shared/toggles/feature-toggle';

// The shapes the Config table keeps under `Value`: each API record without its `Version` (which the item
// keeps beside it). Services and permission records are stored as created (`NewService`, `NewPermission`);
// the operations state of an environment is `OpsState`.

/** A stored cluster: `{ClusterName, Value}`. */
export const StoredCluster = Cluster.omit({ Version: true });
export type StoredCluster = z.infer<typeof StoredCluster>;

/** A stored environment type: `{EnvironmentType, Value}`. */
export const StoredEnvironmentType = EnvironmentType.omit({ Version: true });
export type StoredEnvironmentType = z.infer<typeof StoredEnvironmentType>;

/** A stored environment: `{EnvironmentName, Value}`. */
export const StoredEnvironment = Environment.omit({ Version: true });
export type StoredEnvironment = z.infer<typeof StoredEnvironment>;

/** A stored deployment map: `{DeploymentMapName, Value}`. */
export const StoredDeploymentMap = DeploymentMap.omit({ Version: true });
export type StoredDeploymentMap = z.infer<typeof StoredDeploymentMap>;

/** A stored AWS account association: every field present, `RoleArn` null when there is none. */
export const StoredAccount = AccountValue.extend({
  AccountNumber: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account number'),
  IncludeAMIs: z.boolean(),
  RoleArn: AccountValue.shape.RoleArn.unwrap(),
});
export type StoredAccount = z.infer<typeof StoredAccount>;

/**
 * A stored user profile (the password hash is kept beside it, never in it). The record's key is the
 * username: `Username` is written on create, and a profile update (`PUT /users/{name}`) writes the
 * profile without it.
 */
export const StoredUser = User.omit({ Version: true }).extend({
  Username: User.shape.Username.optional(),
  PasswordChangedAt: z.iso.datetime({ offset: true }).optional(),
});
export type StoredUser = z.infer<typeof StoredUser>;

/** A stored group: `{GroupName, Description?}`. */
export const StoredGroup = Group.omit({ Version: true });
export type StoredGroup = z.infer<typeof StoredGroup>;

/** A feature toggle (key `service/name`): its definition; soft-deleted when archived (names are never reused). */
export const StoredFeatureToggle = z.object({
  Service: z.string(),
  Name: z.string(),
  Description: z.string(),
  Type: ToggleType,
  CreatedAt: z.string(),
  CreatedBy: z.string(),
});
export type StoredFeatureToggle = z.infer<typeof StoredFeatureToggle>;

const StoredTargets = z.object({ Users: z.array(z.string()), Groups: z.array(z.string()) });

/** A change of a toggle's setting waiting for a second person (the environment type protects toggles). */
export const PendingToggleChange = z.object({
  State: ToggleStateName,
  Percentage: z.number().optional(),
  Include: StoredTargets,
  Exclude: StoredTargets,
  Reason: z.string(),
  RequestedBy: z.string(),
  RequestedAt: z.string(),
});
export type PendingToggleChange = z.infer<typeof PendingToggleChange>;

/** A toggle's setting in one environment (key `service/name/environment`). */
export const StoredToggleState = z.object({
  Service: z.string(),
  Name: z.string(),
  Environment: z.string(),
  EnvironmentType: z.string(),
  State: ToggleStateName,
  Percentage: z.number().optional(),
  Include: StoredTargets,
  Exclude: StoredTargets,
  UpdatedAt: z.string(),
  UpdatedBy: z.string(),
  Reason: z.string(),
  /** Since when it has been fully on or fully off, with no targeting; null while partly on. */
  SettledSince: z.string().nullable(),
  /** A change asked for and not yet approved; null when none waits. */
  Pending: PendingToggleChange.nullable(),
  /** The deployment whose success applied this setting, if one did. */
  DeploymentId: z.string().optional(),
});
export type StoredToggleState = z.infer<typeof StoredToggleState>;

/** The value type of each kind of record, as its definition's schema reads it from the store. */
export interface StoredValues {
  Account: StoredAccount;
  Cluster: StoredCluster;
  DeploymentMap: StoredDeploymentMap;
  Environment: StoredEnvironment;
  EnvironmentOps: OpsState;
  EnvironmentType: StoredEnvironmentType;
  FeatureToggle: StoredFeatureToggle;
  FeatureToggleState: StoredToggleState;
  Group: StoredGroup;
  NotificationSettings: StoredNotificationSettings;
  Permission: NewPermission;
  Service: NewService;
  User: StoredUser;
}
