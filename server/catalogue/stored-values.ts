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

/** The value type of each kind of record, as its definition's schema reads it from the store. */
export interface StoredValues {
  Account: StoredAccount;
  Cluster: StoredCluster;
  DeploymentMap: StoredDeploymentMap;
  Environment: StoredEnvironment;
  EnvironmentOps: OpsState;
  EnvironmentType: StoredEnvironmentType;
  Group: StoredGroup;
  NotificationSettings: StoredNotificationSettings;
  Permission: NewPermission;
  Service: NewService;
  User: StoredUser;
}
