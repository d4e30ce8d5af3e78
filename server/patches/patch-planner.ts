import type { ResourceScope } from '@shared/auth/permission';
import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import { countsOf, healthWarning } from '@shared/fleet/group-health';
import type { Image } from '@shared/fleet/image';
import type { LeftOutGroup, LeftOutReason, NewPatch, PatchPlan, PlannedGroup } from '@shared/patches/patch';
import type { Catalogue } from '../catalogue/catalogue';
import { environmentDefinition, environmentTypeDefinition } from '../catalogue/definitions';
import { deployLockRefusal } from '../environments/deploy-lock-refusal';
import type { EnvironmentOperations } from '../environments/operations-state';
import { InputError } from '../errors/domain-errors';
import { balancedScaleOut } from '../fleet/balanced-scale-out';
import { loadEnvironmentLayout } from '../fleet/environment-layout';
import { passOf, type Accounts } from '../fleet/accounts';
import { observeRoles, type ObservedGroup, type ObservedRole } from '../fleet/fleet-observer';
import type { ImageFleet, RankedImages } from '../fleet/image-fleet';
import { launchVersions } from '../fleet/launch-versions';
import { activeFreezeWindow, describeWindowPlace } from '../governance/freeze-windows';

/** The original's name of the action a type protects to keep image patches under control. */
export const PATCH_ACTION = 'BULK_PATCH_AMI';

/** What the planner reads: the catalogue, the operations state, AWS and the images. */
export interface PatchPlannerParts {
  readonly catalogue: Catalogue;
  readonly operations: EnvironmentOperations;
  /** The AWS accounts: a patch works in its environment's. */
  readonly accounts: Accounts;
  readonly images: ImageFleet;
  /** The id of the unfinished deployment or patch that holds the group's lock, if any. */
  readonly holderOf: (group: string) => Promise<string | undefined>;
  readonly now: () => number;
}

/** The image a group moves to: the one asked for, or the latest stable of the group's own type. */
function nextImageOf(
  current: Image,
  wanted: Image | 'latest-stable',
  images: RankedImages,
): Image | undefined {
  return wanted === 'latest-stable' ? images.latestStable(current.AmiType) : wanted;
}

/** The image `toImage` names (by id or name); `latest-stable` stands for each group's own; 400 when unknown. */
function wantedImage(toImage: string, images: RankedImages): Image | 'latest-stable' {
  if (toImage === 'latest-stable') return 'latest-stable';
  const found = images.byId.get(toImage) ?? images.all.find((i) => i.Name === toImage);
  if (!found) {
    throw new InputError(`no image of the account is called or has the id ${toImage}`, [
      {
        field: 'body.toImage',
        message: 'must name an image of the account (GET /images), or be latest-stable',
      },
    ]);
  }
  return found;
}

/** Why the group, on its own, cannot be patched now; undefined when it can. */
function groupRefusal(g: AutoScalingGroup): { reason: LeftOutReason; detail: string } | undefined {
  const live = g.Instances.filter((i) => !i.LifecycleState.startsWith('Terminat'));
  const standby = live.filter((i) => i.LifecycleState.includes('Standby'));
  if (standby.length) {
    return {
      reason: 'standby',
      detail: `${standby.length} instance(s) in standby (${standby.map((i) => i.InstanceId).join(', ')})`,
    };
  }
  const unhealthy = healthWarning(countsOf(g));
  if (unhealthy) return { reason: 'unhealthy', detail: unhealthy };
  return undefined;
}

/** A patch's plan, with what the operation's record takes from the reads behind it. */
export interface PlannedPatch {
  readonly plan: PatchPlan;
  readonly owningCluster: string;
  /** The account the environment's groups are in, as resolved now (absent: the portal's own). */
  readonly accountName: string | undefined;
}

/**
 * Plans a patch: every group of the environment's roles (one cluster's, the ones included, not the ones
 * excluded), with the image it would move to and the size it would double to, and the groups left out
 * with the reason. `mayPatch` says whether the caller holds `patch-images` for a role's scope (the
 * permission layer decides; the plan only reports). Reads AWS once for all groups. Answers too what the
 * operation's record takes from what the plan read: the environment's owning cluster and its account.
 */
export async function planPatch(
  request: NewPatch,
  parts: PatchPlannerParts,
  mayPatch: (scope: ResourceScope) => boolean,
): Promise<PlannedPatch> {
  const layout = await loadEnvironmentLayout(parts.catalogue, request.environment);
  const roles = layout.roles.filter((r) => request.cluster === undefined || r.cluster === request.cluster);
  const known = new Set(roles.flatMap((r) => r.groups.map((g) => g.name)));
  const unknown = (request.asgs?.include ?? []).filter((n) => !known.has(n));
  if (unknown.length) {
    throw new InputError(
      `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a group of ${request.environment}${request.cluster ? `'s ${request.cluster} roles` : ''}`,
      [{ field: 'body.asgs.include', message: `must name groups of the environment's roles` }],
    );
  }
  const include = request.asgs?.include && new Set(request.asgs.include);
  const exclude = new Set(request.asgs?.exclude ?? []);
  const chosen = (name: string) => (!include || include.has(name)) && !exclude.has(name);
  const [environment, type, ops, account] = await Promise.all([
    parts.catalogue.get(environmentDefinition, request.environment),
    parts.catalogue.get(environmentTypeDefinition, layout.type),
    parts.operations.get(request.environment),
    parts.accounts.ofEnvironment(request.environment),
  ]);
  const pass = passOf(account);
  // the images and the groups' locks need nothing of the fleet: read beside it, not after it
  const [{ observed, versions }, images, holders] = await Promise.all([
    observeRoles(pass, layout, roles).then(async (observed) => {
      const existing = observed.flatMap((r) =>
        r.groups.filter((g) => chosen(g.name)).flatMap((g) => (g.group ? [g.group] : [])),
      );
      return { observed, versions: await launchVersions(pass, account.fleet.launchTemplates, existing) };
    }),
    parts.images.ranked(account, { fresh: true }),
    Promise.all([...known].filter(chosen).map(async (name) => [name, await parts.holderOf(name)] as const)),
  ]);
  const wanted = wantedImage(request.toImage, images);
  const holder = new Map(holders);

  const now = parts.now();
  const locked = deployLockRefusal(request.environment, ops.Value);
  const freeze = activeFreezeWindow(
    {
      environment: request.environment,
      environmentWindows: environment.value.Value.FreezeWindows,
      environmentType: layout.type,
      typeWindows: type.value.Value.FreezeWindows,
    },
    now,
  );
  // break-glass (its grant checked by the authorization layer) patches inside the window, recorded
  const frozen = freeze !== undefined && !request.breakGlass;
  const protectedHere = (type.value.Value.ProtectedActions ?? []).includes(PATCH_ACTION);
  const requiresApproval = protectedHere && type.value.Value.RequiresApproval === true;

  const groups: PlannedGroup[] = [];
  const leftOut: LeftOutGroup[] = [];
  const visit = (role: ObservedRole, g: ObservedGroup): void => {
    const leave = (reason: LeftOutReason, detail: string): void => {
      leftOut.push({
        AutoScalingGroupName: g.name,
        ServerRole: role.layout.role,
        OwningCluster: role.layout.cluster,
        Reason: reason,
        Detail: detail,
      });
    };
    const scope = { cluster: role.layout.cluster, environmentType: layout.type };
    if (!mayPatch(scope)) {
      return leave(
        'not-allowed',
        `needs patch-images for cluster ${scope.cluster} and environment type ${scope.environmentType}`,
      );
    }
    if (locked) return leave('environment-locked', locked.message);
    if (frozen) {
      return leave(
        'freeze-window',
        `${request.environment} is in the freeze window "${freeze.Name}" (set on ${describeWindowPlace(freeze)}) until ${freeze.EndsAt}; break-glass can override it`,
      );
    }
    if (protectedHere && !requiresApproval) {
      return leave(
        'protected',
        `environment type ${layout.type} protects ${PATCH_ACTION} and takes no approvals`,
      );
    }
    if (!g.group) return leave('missing', `the group does not exist`);
    const busy = holder.get(g.name);
    if (busy) return leave('deployment-running', `deployment ${busy} is working on the group`);
    const version = versions.get(g.name);
    const current = version?.imageId === undefined ? undefined : images.byId.get(version.imageId);
    if (!current) {
      return leave(
        'unknown-image',
        `it launches from ${version?.imageId ?? 'no launch template version'}, not an image of the account`,
      );
    }
    const next = nextImageOf(current, wanted, images);
    if (!next) return leave('no-newer-image', `${current.AmiType} has no stable image`);
    const newer =
      next.ImageId !== current.ImageId &&
      (wanted !== 'latest-stable' || next.CreationDate > current.CreationDate);
    if (!newer) return leave('no-newer-image', `it is on ${current.Name} already`);
    const idle = g.group.DesiredCapacity === 0 && g.instances.length === 0;
    if (!idle) {
      const refusal = groupRefusal(g.group);
      if (refusal) return leave(refusal.reason, refusal.detail);
    }
    const zones = g.group.AvailabilityZones.length;
    groups.push({
      AutoScalingGroupName: g.name,
      ServerRole: role.layout.role,
      OwningCluster: role.layout.cluster,
      ...(g.slice ? { Slice: g.slice } : {}),
      Action: idle ? 'template-only' : 'scale-up',
      Image: { ImageId: current.ImageId, Name: current.Name },
      NextImage: { ImageId: next.ImageId, Name: next.Name },
      InstanceCount: g.group.DesiredCapacity,
      ScaleOutTo: idle ? 0 : balancedScaleOut(g.group.DesiredCapacity, zones),
      AvailabilityZones: zones,
    });
  };
  for (const role of observed) for (const g of role.groups) if (chosen(g.name)) visit(role, g);
  const plan: PatchPlan = {
    EnvironmentName: request.environment,
    EnvironmentType: layout.type,
    ...(request.cluster ? { Cluster: request.cluster } : {}),
    ToImage: request.toImage,
    MaxParallel: request.maxParallel,
    OnFailure: request.onFailure,
    RequiresApproval: requiresApproval,
    Groups: groups,
    LeftOut: leftOut,
    ...(freeze ? { FreezeWindow: { ...freeze, Overridden: !frozen } } : {}),
  };
  return { plan, owningCluster: environment.value.Value.OwningCluster, accountName: account.accountName };
}

/**
 * The permission scopes a patch request selects, from the catalogue alone: each chosen group's role
 * cluster with the environment type (what break-glass is asked for before anything is planned).
 */
export async function patchScopes(request: NewPatch, catalogue: Catalogue): Promise<ResourceScope[]> {
  const layout = await loadEnvironmentLayout(catalogue, request.environment);
  const include = request.asgs?.include && new Set(request.asgs.include);
  const exclude = new Set(request.asgs?.exclude ?? []);
  const clusters = new Set(
    layout.roles
      .filter((r) => request.cluster === undefined || r.cluster === request.cluster)
      .filter((r) => r.groups.some((g) => (!include || include.has(g.name)) && !exclude.has(g.name)))
      .map((r) => r.cluster),
  );
  return [...clusters].map((cluster) => ({ cluster, environmentType: layout.type }));
}
