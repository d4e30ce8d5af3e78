import { z } from 'zod';
import { All, Name, Text } from '../catalogue/names';

/** The typed actions a grant allows. `admin` allows everything within its scope. */
export const Action = z.enum([
  'deploy',
  'toggle-slices',
  'edit-catalogue',
  'edit-environments',
  'lock-environments',
  'operate-asgs',
  'patch-images',
  'approve-deployments',
  'manage-feature-toggles',
  'manage-schedules',
  'break-glass',
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

/** A scope of the original's rules: every name (`all`, in any case, as it compared) or a list of names. */
const OriginalScope = z.union([
  z.string().regex(/^all$/i, 'must be "all" or a list of names'),
  z.array(Name).max(200),
]);

/** The fields only the original's rules have: an entry with one of them and no `Action` is a rule. */
const originalRuleFields = ['Resource', 'Access', 'Cluster', 'EnvironmentType'] as const;

/**
 * A rule of the original Environment Manager, kept as it was imported: `{Resource, Access}` (a path
 * pattern, and the method or ADMIN, in any case as it compared them) optionally narrowed by `Clusters`
 * and `EnvironmentTypes` (`all` or names), or a `{Cluster}` / `{EnvironmentType}` rule. It grants nothing here: matching the original's path patterns
 * against this portal's actions would be a guess, and a wrong guess would grant too much.
 */
export const OriginalRule = z
  .strictObject({
    Resource: Text(1000).min(1, 'must not be empty').optional(),
    Access: z
      .string()
      .regex(/^(GET|POST|PUT|PATCH|DELETE|ADMIN)$/i, 'must be GET, POST, PUT, PATCH, DELETE or ADMIN')
      .optional(),
    Clusters: OriginalScope.optional(),
    EnvironmentTypes: OriginalScope.optional(),
    Cluster: Name.optional(),
    EnvironmentType: Name.optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.Resource !== undefined && rule.Access === undefined)
      ctx.addIssue({ code: 'custom', path: ['Access'], message: 'is required with Resource' });
    if (rule.Access !== undefined && rule.Resource === undefined)
      ctx.addIssue({ code: 'custom', path: ['Resource'], message: 'is required with Access' });
    for (const filter of ['Clusters', 'EnvironmentTypes'] as const) {
      if (rule[filter] !== undefined && rule.Resource === undefined)
        ctx.addIssue({
          code: 'custom',
          path: [filter],
          message: 'narrows a Resource rule: give Resource too',
        });
    }
  })
  .meta({ id: 'OriginalRule' });
export type OriginalRule = z.infer<typeof OriginalRule>;

/** One entry of a permission record: a grant, or a rule of the original kept as imported. */
export type PermissionEntry = Grant | OriginalRule;

/** Whether the object carries the original's rule fields and no `Action`, so it is read as a rule. */
function looksLikeOriginalRule(input: unknown): boolean {
  return (
    typeof input === 'object' &&
    input !== null &&
    !Array.isArray(input) &&
    !Object.hasOwn(input, 'Action') &&
    originalRuleFields.some((f) => Object.hasOwn(input, f))
  );
}

/**
 * Parses an entry as a rule when it looks like one and as a grant otherwise. Choosing first keeps the
 * errors those of the shape meant (`Permissions.0.Evil is not a known field`) where a union answers only
 * "Invalid input".
 */
const parseEntry = z.transform((input: unknown, ctx): PermissionEntry => {
  const parsed = (looksLikeOriginalRule(input) ? OriginalRule : Grant).safeParse(input);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ ...issue });
  return z.NEVER;
});

/**
 * One entry of a permission record. The union is what the OpenAPI shows; whatever it makes of an entry
 * is handed on unchanged (`catch`) to `parseEntry`, which judges every entry and reports its issues.
 */
export const PermissionEntry = z
  .union([Grant, OriginalRule])
  .transform((entry): unknown => entry)
  .catch((ctx: z.core.$ZodCatchCtx) => ctx.input)
  .pipe(parseEntry)
  .meta({ id: 'PermissionEntry' });

/** Whether the entry is one of our grants (only grants allow anything). */
export function isGrant(entry: PermissionEntry): entry is Grant {
  return 'Action' in entry;
}

/** The grants among a record's entries: what the record allows. The original's rules allow nothing. */
export function grantsAmong(entries: readonly PermissionEntry[]): Grant[] {
  return entries.filter(isGrant);
}

/**
 * The grants held by one user or group, kept under `/config/permissions/{name}`, and any rules of the
 * original imported with them (kept and exported as given, allowing nothing).
 */
export const PermissionList = z.array(PermissionEntry).max(100).meta({ id: 'PermissionList' });

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
