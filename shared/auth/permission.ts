import { z } from 'zod';
import { All, Name } from '../catalogue/names';

/** The typed actions a grant allows. `admin` allows everything within its scope. */
export const Action = z.enum([
  'deploy',
  'toggle-slices',
  'edit-catalogue',
  'edit-environments',
  'lock-environments',
  'operate-asgs',
  'approve-deployments',
  'manage-feature-toggles',
  'admin',
]);
export type Action = z.infer<typeof Action>;

/** A scope: every name (`"all"`) or a list of names. */
export const Scope = z.union([All, z.array(Name).min(1).max(200)]);
export type Scope = z.infer<typeof Scope>;

/** One grant: an action on the clusters and environment types in scope. */
export const Grant = z
  .strictObject({
    Action,
    Clusters: Scope.default('all'),
    EnvironmentTypes: Scope.default('all'),
  })
  .meta({ id: 'Grant' });
export type Grant = z.infer<typeof Grant>;

/** The grants held by one user or group, kept under `/config/permissions/{name}`. */
export const PermissionList = z.array(Grant).max(100).meta({ id: 'PermissionList' });

/** A permission record as the API accepts it on create. */
export const NewPermission = z
  .strictObject({
    Name,
    Permissions: PermissionList,
  })
  .meta({ id: 'NewPermission' });
export type NewPermission = z.infer<typeof NewPermission>;

/** A permission record as the API shows it. */
export const Permission = NewPermission.extend({ Version: z.number().int().min(1) }).meta({
  id: 'Permission',
});
export type Permission = z.infer<typeof Permission>;

/** What a grant is asked about: the cluster and environment type a change touches, where it has them. */
export interface ResourceScope {
  cluster?: string;
  environmentType?: string;
}

function inScope(scope: Scope, name: string | undefined): boolean {
  return name === undefined || scope === 'all' || scope.includes(name);
}

/** Whether one of the grants allows the action on the resource (shared by server checks and client buttons). */
export function allows(grants: readonly Grant[], action: Action, resource: ResourceScope): boolean {
  return grants.some(
    (g) =>
      (g.Action === action || g.Action === 'admin') &&
      inScope(g.Clusters, resource.cluster) &&
      inScope(g.EnvironmentTypes, resource.environmentType),
  );
}

/** Whether the grants allow the action on every cluster and environment type. */
export function allowsEverywhere(grants: readonly Grant[], action: Action): boolean {
  return grants.some(
    (g) =>
      (g.Action === action || g.Action === 'admin') && g.Clusters === 'all' && g.EnvironmentTypes === 'all',
  );
}
