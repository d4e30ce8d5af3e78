import { z } from 'zod';
import { NewAccount, Account, AccountValue } from '@shared/catalogue/account';
import { Cluster, ClusterValue } from '@shared/catalogue/cluster';
import { DeploymentMap, DeploymentMapValue } from '@shared/catalogue/deployment-map';
import { Environment, EnvironmentValue } from '@shared/catalogue/environment';
import { EnvironmentType, EnvironmentTypeValue } from '@shared/catalogue/environment-type';
import { Name } from '@shared/catalogue/names';
import { NewPermission, Permission, PermissionList } from '@shared/auth/permission';
import {
  accountDefinition,
  clusterDefinition,
  deploymentMapDefinition,
  environmentDefinition,
  environmentTypeDefinition,
  permissionDefinition,
} from '../catalogue/definitions';
import type { AuthorizedCatalogue } from '../authorization/authorized-catalogue';
import type { Route } from '../http/route';
import { configRoutes, withVersion, type ConfigResource } from './config-resource';

/**
 * A create body may carry any version (the original sent the record it had read): it is ignored. The
 * original documented an account's version as a string, so a string of digits is taken too.
 */
const anyVersion = {
  Version: z
    .union([
      z.number().int(),
      z
        .string()
        .regex(/^\d{1,15}$/)
        .transform(Number),
    ])
    .optional(),
};

/** `/config/clusters`: teams. */
export const clusters: ConfigResource<'Cluster', Cluster, ClusterValue> = {
  def: clusterDefinition,
  path: 'clusters',
  tag: 'Clusters',
  noun: 'cluster',
  record: Cluster,
  createBody: Cluster.extend(anyVersion),
  updateBody: ClusterValue,
  fromCreate: (b) => ({ key: b.ClusterName, value: { ClusterName: b.ClusterName, Value: b.Value } }),
  fromUpdate: (cur, b) => ({ ...cur.value, Value: b }),
  updatePart: 'Value',
  toApi: withVersion,
};

/** `/config/environment-types`. */
export const environmentTypes: ConfigResource<'EnvironmentType', EnvironmentType, EnvironmentTypeValue> = {
  def: environmentTypeDefinition,
  path: 'environment-types',
  tag: 'Environment types',
  noun: 'environment type',
  record: EnvironmentType,
  createBody: EnvironmentType.extend(anyVersion),
  updateBody: EnvironmentTypeValue,
  fromCreate: (b) => ({
    key: b.EnvironmentType,
    value: { EnvironmentType: b.EnvironmentType, Value: b.Value },
  }),
  fromUpdate: (cur, b) => ({ ...cur.value, Value: b }),
  updatePart: 'Value',
  toApi: withVersion,
};

/** `/config/environments`, filtered by `environmentType` and `cluster`. */
export const environments: ConfigResource<'Environment', Environment, EnvironmentValue> = {
  def: environmentDefinition,
  path: 'environments',
  tag: 'Environments',
  noun: 'environment',
  record: Environment,
  createBody: Environment.extend({
    ...anyVersion,
    AWSAccountNumber: EnvironmentTypeValue.shape.AWSAccountNumber.describe(
      "the original's account of the environment's type, which it added on read: ignored",
    ),
  }),
  updateBody: EnvironmentValue,
  fromCreate: (b) => ({
    key: b.EnvironmentName,
    value: { EnvironmentName: b.EnvironmentName, Value: b.Value },
  }),
  fromUpdate: (cur, b) => ({ ...cur.value, Value: b }),
  updatePart: 'Value',
  toApi: withVersion,
  listQuery: z.strictObject({ environmentType: Name.optional(), cluster: Name.optional() }),
  filter: (rec, q) => {
    const v = rec.value.Value;
    return (
      (!q['environmentType'] || v.EnvironmentType === q['environmentType']) &&
      (!q['cluster'] || v.OwningCluster === q['cluster'])
    );
  },
};

/** `/config/deployment-maps`. */
export const deploymentMaps: ConfigResource<'DeploymentMap', DeploymentMap, DeploymentMapValue> = {
  def: deploymentMapDefinition,
  path: 'deployment-maps',
  tag: 'Deployment maps',
  noun: 'deployment map',
  record: DeploymentMap,
  createBody: DeploymentMap.extend(anyVersion),
  updateBody: DeploymentMapValue,
  fromCreate: (b) => ({
    key: b.DeploymentMapName,
    value: { DeploymentMapName: b.DeploymentMapName, Value: b.Value },
  }),
  fromUpdate: (cur, b) => ({ ...cur.value, Value: b }),
  updatePart: 'Value',
  toApi: withVersion,
};

/** `/config/accounts`: AWS account associations, keyed by account number. */
export const accounts: ConfigResource<'Account', NewAccount, AccountValue> = {
  def: accountDefinition,
  path: 'accounts',
  tag: 'Accounts',
  noun: 'account',
  keyParam: 'accountNumber',
  record: Account,
  createBody: NewAccount.extend(anyVersion),
  updateBody: AccountValue,
  fromCreate: (b) => ({
    key: b.AccountNumber,
    value: {
      AccountNumber: b.AccountNumber,
      AccountName: b.AccountName,
      IncludeAMIs: b.IncludeAMIs,
      RoleArn: b.RoleArn ?? null,
    },
  }),
  fromUpdate: (cur, b) => ({
    ...cur.value,
    AccountName: b.AccountName,
    IncludeAMIs: b.IncludeAMIs,
    RoleArn: b.RoleArn ?? null,
  }),
  toApi: withVersion,
};

/** `/config/permissions`: the grants of a user or group. */
export const permissions: ConfigResource<'Permission', NewPermission, z.infer<typeof PermissionList>> = {
  def: permissionDefinition,
  path: 'permissions',
  tag: 'Permissions',
  noun: 'permission record',
  record: Permission,
  createBody: NewPermission.extend(anyVersion),
  updateBody: PermissionList,
  fromCreate: (b) => ({ key: b.Name, value: { Name: b.Name, Permissions: b.Permissions } }),
  fromUpdate: (cur, b) => ({ ...cur.value, Permissions: b }),
  updatePart: 'Permissions',
  toApi: withVersion,
};

/** Every generic config resource, by the name export and import use. */
export const configResources = {
  clusters,
  environmentTypes,
  environments,
  deploymentMaps,
  accounts,
  permissions,
};

/** The CRUD routes of every generic config resource. */
export function configResourceRoutes(catalogue: AuthorizedCatalogue): Route[] {
  return [
    ...configRoutes(clusters, catalogue),
    ...configRoutes(environmentTypes, catalogue),
    ...configRoutes(environments, catalogue),
    ...configRoutes(deploymentMaps, catalogue),
    ...configRoutes(accounts, catalogue),
    ...configRoutes(permissions, catalogue),
  ];
}
