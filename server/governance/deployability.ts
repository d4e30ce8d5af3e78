import type { ResourceScope } from '@shared/auth/permission';
import type { DeploymentTarget } from '@shared/catalogue/deployment-map';
import type { EnvironmentValue } from '@shared/catalogue/environment';
import type { EnvironmentTypeValue } from '@shared/catalogue/environment-type';
import type { DeploymentPlan, DeploymentResources, NewDeployment } from '@shared/deployments/deployment';
import { recordByKey } from '../catalogue/record-by-key';
import type { RecordStore } from '../catalogue/record-store';
import { deployLockRefusal } from '../environments/deploy-lock-refusal';
import { ConflictError, InputError, NotFoundError } from '../errors/domain-errors';
import { groupFor, roleNames, type RoleNames } from '../fleet/fleet-names';
import { activeFreezeWindow, FreezeWindowError } from './freeze-windows';

const DEFAULT_BAKE_SECONDS = 60;

/** Where a deployment request goes: the environment, its type and the server role that hosts the service. */
export interface DeploymentDestination {
  readonly environment: string;
  readonly environmentType: string;
  readonly environmentValue: EnvironmentValue;
  readonly typeValue: EnvironmentTypeValue | undefined;
  readonly opsState: unknown;
  readonly target: DeploymentTarget;
  /** The short name of the role's owning cluster (for the naming rule); undefined when it does not exist. */
  readonly clusterShortName: string | undefined;
  /** The permission scope of deploying there: the role's owning cluster and the environment type. */
  readonly scope: ResourceScope;
}

/** What a plan leaves to the deployments it describes: the steps of the strategy. */
export type AssessedPlan = Omit<DeploymentPlan, 'steps'>;

/**
 * The first half of a deployment request's governance (DESIGN.md): a catalogued, live, not deprecated
 * service, an environment whose map hosts it on one role (or the named one). Answers where it would go,
 * or throws the refusal (404, 409, 400). The caller's grant for that scope is the authorization layer's.
 */
export async function deploymentDestination(
  request: NewDeployment,
  store: RecordStore,
): Promise<DeploymentDestination> {
  // the kinds' generation-checked lists, all asked for at once: a request reads the shared generation
  // items (in parallel), not six records one after another
  const services = store.list('Service');
  const environments = store.list('Environment');
  const maps = store.list('DeploymentMap');
  const types = store.list('EnvironmentType');
  const opsStates = store.list('EnvironmentOps');
  const clusters = store.list('Cluster');
  // a refusal can come before every list is awaited: their errors are met where they are awaited
  for (const list of [services, environments, maps, types, opsStates, clusters]) list.catch(() => undefined);
  const service = recordByKey(await services, request.service);
  if (!service) throw new NotFoundError(`service ${request.service} is not in the catalogue`);
  if (service.deleted) throw new NotFoundError(`service ${request.service} was deleted from the catalogue`);
  if (service.value.Value.Lifecycle === 'deprecated') {
    throw new ConflictError(`service ${request.service} is deprecated and cannot be deployed`);
  }
  const env = recordByKey(await environments, request.environment);
  if (!env || env.deleted) throw new NotFoundError(`environment ${request.environment} does not exist`);
  const envValue = env.value.Value;
  const map = recordByKey(await maps, envValue.DeploymentMap);
  const type = recordByKey(await types, envValue.EnvironmentType);
  const ops = recordByKey(await opsStates, request.environment);
  const targets = (map && !map.deleted ? map.value.Value.DeploymentTarget : []).filter((t) =>
    t.Services.some((s) => s.ServiceName === request.service),
  );
  if (targets.length === 0) {
    throw new NotFoundError(
      `the deployment map ${envValue.DeploymentMap} of ${request.environment} has no server role hosting ${request.service}`,
    );
  }
  let target = targets[0]!;
  if (request.serverRole) {
    const named = targets.find((t) => t.ServerRoleName === request.serverRole);
    if (!named) {
      throw new InputError(
        `server role ${request.serverRole} does not host ${request.service} in ${request.environment}`,
        [
          {
            field: 'body.serverRole',
            message: `must be one of ${targets.map((t) => t.ServerRoleName).join(', ')}`,
          },
        ],
      );
    }
    target = named;
  } else if (targets.length > 1) {
    throw new InputError(
      `${request.service} runs on several server roles in ${request.environment}: name one in serverRole`,
      [
        {
          field: 'body.serverRole',
          message: `is required: one of ${targets.map((t) => t.ServerRoleName).join(', ')}`,
        },
      ],
    );
  }
  const cluster = recordByKey(await clusters, target.OwningCluster);
  return {
    environment: request.environment,
    environmentType: envValue.EnvironmentType,
    environmentValue: envValue,
    typeValue: type?.value.Value,
    opsState: ops?.value,
    target,
    clusterShortName: cluster && !cluster.deleted ? cluster.value.Value.ShortName : undefined,
    scope: { cluster: target.OwningCluster, environmentType: envValue.EnvironmentType },
  };
}

/** Whether the requester's own grants stand in for the approval a protected environment type asks for. */
export interface Requester {
  readonly username: string;
  readonly mayApprove: boolean;
}

/** The AWS resources of a deployment to a role, by the naming rule, as the record keeps them. */
function resourcesOf(names: RoleNames, slice: 'none' | 'blue' | 'green'): DeploymentResources {
  if (slice === 'none' || !names.routing) return { AutoScalingGroup: groupFor(names, 'none') };
  return {
    AutoScalingGroup: groupFor(names, slice),
    LiveAutoScalingGroup: groupFor(names, slice === 'blue' ? 'green' : 'blue'),
    LoadBalancer: names.routing.loadBalancer,
    ListenerPort: names.routing.listenerPort,
    TargetGroups: { ...names.routing.targetGroups },
  };
}

/**
 * The second half, once the caller may deploy there: the environment not locked, not in a freeze window of
 * its own or its type's (unless the request breaks the glass), mode and slice agreeing, the approval the type
 * asks for. Answers what would happen, with every AWS resource named and the window it would override.
 */
export async function assessDeployment(
  request: NewDeployment,
  destination: DeploymentDestination,
  requester: Requester,
  store: RecordStore,
  now: number,
): Promise<AssessedPlan> {
  const { target, environmentValue: envValue } = destination;
  const locked = deployLockRefusal(request.environment, destination.opsState);
  if (locked) throw locked;
  const freeze = activeFreezeWindow(
    {
      environment: request.environment,
      environmentWindows: envValue.FreezeWindows,
      environmentType: destination.environmentType,
      typeWindows: destination.typeValue?.FreezeWindows,
    },
    now,
  );
  // break-glass (its grant checked by the authorization layer) lets the deployment through, recorded
  if (freeze && !request.breakGlass) throw new FreezeWindowError(request.environment, freeze);

  const slice = request.slice ?? (request.mode === 'bg' ? undefined : 'none');
  if (request.mode === 'overwrite' && slice !== 'none') {
    throw new InputError('scale-up patching (mode overwrite) deploys to slice none', [
      { field: 'body.slice', message: 'must be none with mode overwrite' },
    ]);
  }
  if (request.mode === 'bg') {
    if (slice !== 'blue' && slice !== 'green') {
      throw new InputError('blue/green (mode bg) needs the slice to deploy to', [
        { field: 'body.slice', message: 'must be blue or green with mode bg' },
      ]);
    }
    if (!target.FleetPerSlice) {
      throw new InputError(`server role ${target.ServerRoleName} has no blue/green slices (FleetPerSlice)`, [
        { field: 'body.mode', message: 'must be overwrite for this server role' },
      ]);
    }
  }
  if (request.mode === 'overwrite' && request.canarySteps) {
    throw new InputError('canary steps shift traffic between slices: they need mode bg', [
      { field: 'body.canarySteps', message: 'needs mode bg' },
    ]);
  }
  const short = destination.clusterShortName;
  if (!short)
    throw new NotFoundError(`cluster ${target.OwningCluster} of ${target.ServerRoleName} does not exist`);
  const typeValue = destination.typeValue;
  const protectedDeploy = (typeValue?.ProtectedActions ?? []).includes('deploy');
  const requireApproval =
    request.requireApproval === true ||
    typeValue?.RequiresApproval === true ||
    (protectedDeploy && !requester.mayApprove);
  const canarySteps = request.mode === 'bg' ? (request.canarySteps ?? [100]) : [];
  const names = roleNames({
    environment: request.environment,
    clusterShortName: short,
    role: target.ServerRoleName,
    fleetPerSlice: target.FleetPerSlice === true,
  });
  const resources = resourcesOf(names, slice!);
  return {
    environment: request.environment,
    environmentType: destination.environmentType,
    service: request.service,
    version: request.version,
    mode: request.mode,
    slice: slice!,
    serverRole: target.ServerRoleName,
    owningCluster: target.OwningCluster,
    autoScalingGroupName: resources.AutoScalingGroup,
    resources,
    requireApproval,
    canarySteps,
    bakeSeconds: request.bakeSeconds ?? (request.mode === 'bg' ? DEFAULT_BAKE_SECONDS : 0),
    currentVersions: [],
    instances: null,
    warnings: [],
    ...(freeze ? { freezeWindow: { ...freeze, Overridden: true } } : {}),
  };
}
