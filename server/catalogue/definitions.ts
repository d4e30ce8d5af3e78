import { NewPermission } from '@shared/auth/permission';
import { NewService } from '@shared/catalogue/service';
import { OpsState } from '@shared/environments/ops-state';
import { StoredNotificationSettings } from '@shared/notifications/notification-settings';
import type { EntityDefinition } from './entity-definition';
import type { RecordDefinition } from './record-definition';
import type { Kind, RecordStore, Reference, Write } from './record-store';
import {
  StoredAccount,
  StoredFeatureToggle,
  StoredToggleState,
  StoredCluster,
  StoredDeploymentMap,
  StoredEnvironment,
  StoredEnvironmentType,
  StoredGroup,
  StoredUser,
} from './stored-values';
import { accountOfType } from '@shared/catalogue/account-of-type';
import { ConflictError, InputError } from '../errors/domain-errors';
import { validatePermission } from './validate-permission';

const everywhere = () => 'everywhere' as const;
const none = () => [];

/** Clusters (teams): global, may name the group whose members form the team. */
export const clusterDefinition: EntityDefinition<'Cluster'> = {
  kind: 'Cluster',
  schema: StoredCluster,
  action: 'admin',
  scopes: everywhere,
  references: (v) => {
    const group = v.Value.ADMembershipGroup;
    return group ? [{ kind: 'Group', key: group, field: 'body.Value.ADMembershipGroup' }] : [];
  },
};

/** Environment types: global. */
export const environmentTypeDefinition: EntityDefinition<'EnvironmentType'> = {
  kind: 'EnvironmentType',
  schema: StoredEnvironmentType,
  action: 'admin',
  scopes: everywhere,
  references: none,
};

/** Environments: owned by a team, of a type, with a deployment map. */
export const environmentDefinition: EntityDefinition<'Environment'> = {
  kind: 'Environment',
  schema: StoredEnvironment,
  action: 'edit-environments',
  scopes: ({ Value: e }) => [{ cluster: e.OwningCluster, environmentType: e.EnvironmentType }],
  references: ({ Value: e }) => [
    { kind: 'EnvironmentType', key: e.EnvironmentType, field: 'body.Value.EnvironmentType' },
    { kind: 'Cluster', key: e.OwningCluster, field: 'body.Value.OwningCluster' },
    { kind: 'DeploymentMap', key: e.DeploymentMap, field: 'body.Value.DeploymentMap' },
    ...(e.NotificationSettingsId
      ? [
          {
            kind: 'NotificationSettings' as const,
            key: e.NotificationSettingsId,
            field: 'body.Value.NotificationSettingsId',
          },
        ]
      : []),
  ],
  // its toggle settings go with it, and any a deleted environment of the same name left are gone before
  // a new one exists: a new environment never inherits a feature switched on in an old one
  onDelete: async (key, store) => [
    { op: 'purge', kind: 'EnvironmentOps', key },
    ...(await toggleSettingPurges(key, store)),
  ],
  onCreate: (key, store) => toggleSettingPurges(key, store),
};

/**
 * Most toggle settings removed with one environment write: a transaction holds 100 items, the write's own
 * take about ten. An environment with more keeps the rest after its deletion, and the next environment of
 * its name is created without as many again (80 more at each creation).
 */
const MOST_SETTING_PURGES = 80;

/** The writes that remove the toggle settings kept for an environment (by its name). */
async function toggleSettingPurges(environment: string, store: RecordStore): Promise<Write[]> {
  return (await store.list('FeatureToggleState'))
    .filter((s) => s.value.Environment === environment)
    .slice(0, MOST_SETTING_PURGES)
    .map((s) => ({ op: 'purge', kind: 'FeatureToggleState', key: s.key }));
}

/** Deployment maps: each server role is owned by a team and hosts services. */
export const deploymentMapDefinition: EntityDefinition<'DeploymentMap'> = {
  kind: 'DeploymentMap',
  schema: StoredDeploymentMap,
  action: 'edit-environments',
  scopes: (v) => {
    const clusters = new Set(v.Value.DeploymentTarget.map((t) => t.OwningCluster));
    return [...clusters].map((cluster) => ({ cluster }));
  },
  references: (v) => {
    const refs: Reference[] = [];
    v.Value.DeploymentTarget.forEach((t, i) => {
      refs.push({
        kind: 'Cluster',
        key: t.OwningCluster,
        field: `body.Value.DeploymentTarget.${i}.OwningCluster`,
      });
      t.Services.forEach((s, j) =>
        refs.push({
          kind: 'Service',
          key: s.ServiceName,
          field: `body.Value.DeploymentTarget.${i}.Services.${j}.ServiceName`,
        }),
      );
    });
    return refs;
  },
};

/** Services: owned by a team, ports unique forever, soft-deleted. */
export const serviceDefinition: EntityDefinition<'Service'> = {
  kind: 'Service',
  schema: NewService,
  action: 'edit-catalogue',
  scopes: (v) => [{ cluster: v.OwningCluster }],
  references: (v) => [{ kind: 'Cluster', key: v.OwningCluster, field: 'body.OwningCluster' }],
  ports: ({ Value: value }) => {
    const out: { port: number; field: string }[] = [];
    if (value.BluePort !== undefined) out.push({ port: value.BluePort, field: 'body.Value.BluePort' });
    if (value.GreenPort !== undefined) out.push({ port: value.GreenPort, field: 'body.Value.GreenPort' });
    return out;
  },
  softDelete: true,
  // the toggle token routes (/feature-toggles/tokens/{id}) would take the paths of its toggles
  onCreate: async (key) => {
    if (RESERVED_SERVICE_NAMES.has(key.toLowerCase()))
      throw new InputError(`the service name ${key} is reserved`, [
        {
          field: 'body.ServiceName',
          message: `"${key}" is reserved (the paths /feature-toggles/${key}/... are the toggle tokens'); choose another name`,
        },
      ]);
    return [];
  },
};

/** Service names that would clash with the portal's own paths (routes match without regard to case). */
const RESERVED_SERVICE_NAMES = new Set(['tokens']);

/**
 * AWS account associations: global. One an environment type names (by name or number) is not deleted:
 * the type's environments, and the deployments under way there, would lose their account.
 */
export const accountDefinition: EntityDefinition<'Account'> = {
  kind: 'Account',
  schema: StoredAccount,
  action: 'admin',
  scopes: everywhere,
  references: none,
  async guardDelete(current, store) {
    const { AccountName: name, AccountNumber: number } = current.value;
    const types = (await store.list('EnvironmentType'))
      .filter((t) => !t.deleted && accountOfType(t.value.Value, [current.value]) !== undefined)
      .map((t) => t.key);
    if (types.length)
      throw new ConflictError(
        `Account ${number} (${name}) is still named by environment type${types.length > 1 ? 's' : ''} ${types.join(', ')}: point ${types.length > 1 ? 'them' : 'it'} at another account first`,
        types.map((t) => `EnvironmentType:${t}`),
      );
  },
};

/** Permission records: global (only admins give grants); they name a user or group and existing scopes. */
export const permissionDefinition: EntityDefinition<'Permission'> = {
  kind: 'Permission',
  schema: NewPermission,
  action: 'admin',
  scopes: everywhere,
  references: none,
  validate: validatePermission,
};

/** Portal users: global (admins manage them); their groups must exist. */
export const userDefinition: EntityDefinition<'User'> = {
  kind: 'User',
  schema: StoredUser,
  action: 'admin',
  scopes: everywhere,
  references: (v) =>
    v.Groups.map((g, i) => ({
      kind: 'Group',
      key: g,
      field: `body.Groups.${i}`,
    })),
};

/** Groups of users: global. */
export const groupDefinition: EntityDefinition<'Group'> = {
  kind: 'Group',
  schema: StoredGroup,
  action: 'admin',
  scopes: everywhere,
  references: none,
};

/**
 * Notification settings (the original's, with webhooks): global, changed by admins. A webhook's secret is
 * kept beside the value (the record's secret), never in it, so it is never audited, exported or shown.
 */
export const notificationSettingsDefinition: EntityDefinition<'NotificationSettings'> = {
  kind: 'NotificationSettings',
  schema: StoredNotificationSettings,
  action: 'admin',
  scopes: everywhere,
  references: none,
};

/**
 * The operations state of an environment (deploy lock, maintenance): kept beside the environment, changed
 * only through EnvironmentOperations (never the generic catalogue operations), so it has no grants or
 * references of its own.
 */
export const environmentOpsDefinition: RecordDefinition<'EnvironmentOps'> = {
  kind: 'EnvironmentOps',
  schema: OpsState,
};

/**
 * Feature toggles (`service/name`): each names its catalogue service (which cannot be deleted while it has
 * toggles); archived by a soft delete, so a name is never reused. Changed only through FeatureToggles, whose
 * authorization reads the service's team now (the scopes here are for the generic views).
 */
export const featureToggleDefinition: EntityDefinition<'FeatureToggle'> = {
  kind: 'FeatureToggle',
  schema: StoredFeatureToggle,
  action: 'manage-feature-toggles',
  scopes: everywhere,
  references: (v) => [{ kind: 'Service', key: v.Service, field: 'body.service' }],
  softDelete: true,
};

/** A toggle's setting in an environment (`service/name/environment`): changed only through FeatureToggles. */
export const featureToggleStateDefinition: EntityDefinition<'FeatureToggleState'> = {
  kind: 'FeatureToggleState',
  schema: StoredToggleState,
  action: 'manage-feature-toggles',
  scopes: (v) => [{ environmentType: v.EnvironmentType }],
  references: none,
};

/** The definition of every kind of record, by kind: how the store reads each. */
export const recordDefinitions: { readonly [K in Kind]: RecordDefinition<K> } = {
  Account: accountDefinition,
  Cluster: clusterDefinition,
  DeploymentMap: deploymentMapDefinition,
  Environment: environmentDefinition,
  EnvironmentOps: environmentOpsDefinition,
  EnvironmentType: environmentTypeDefinition,
  FeatureToggle: featureToggleDefinition,
  FeatureToggleState: featureToggleStateDefinition,
  Group: groupDefinition,
  NotificationSettings: notificationSettingsDefinition,
  Permission: permissionDefinition,
  Service: serviceDefinition,
  User: userDefinition,
};
