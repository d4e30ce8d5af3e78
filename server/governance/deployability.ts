import { allows } from '@shared/auth/permission';
import type { DeploymentTarget } from '@shared/catalogue/deployment-map';
import type { EnvironmentValue } from '@shared/catalogue/environment';
import type { EnvironmentTypeValue } from '@shared/catalogue/environment-type';
import type { ServiceValue } from '@shared/catalogue/service';
import type { DeploymentPlan, NewDeployment } from '@shared/deployments/deployment';
import type { Principal } from '../auth/principal';
import type { RecordStore } from '../catalogue/record-store';
import { strategyOutline } from '../deployments/strategy-outline';
import { deployLockRefusal } from '../environments/deploy-lock-refusal';
import { ConflictError, InputError, LockedError, NotFoundError } from '../errors/domain-errors';
import { authorize } from '../authorization/authorize';

const DEFAULT_BAKE_SECONDS = 60;

/**
 * The governance of a deployment request, as DESIGN.md lists it: catalogued, live and not deprecated
 * service; an environment whose map hosts it on one role (or the named one); the caller's `deploy` grant
 * for the role's cluster and the environment type; the environment not locked; mode and slice agreeing.
 * Returns what would happen, or throws the refusal. (Whether another deployment of the service runs there
 * is decided when the deployment is written, by a conditional lock item.)
 */
export async function assessDeployment(
  request: NewDeployment,
  principal: Principal,
  store: RecordStore,
): Promise<DeploymentPlan> {
  const service = await store.get('Service', request.service);
  if (!service) throw new NotFoundError(`service ${request.service} is not in the catalogue`);
  if (service.deleted) throw new NotFoundError(`service ${request.service} was deleted from the catalogue`);
  if ((service.value['Value'] as ServiceValue).Lifecycle === 'deprecated') {
    throw new ConflictError(`service ${request.service} is deprecated and cannot be deployed`);
  }
  const env = await store.get('Environment', request.environment);
  if (!env || env.deleted) throw new NotFoundError(`environment ${request.environment} does not exist`);
  const envValue = env.value['Value'] as EnvironmentValue;
  const [map, type, ops] = await Promise.all([
    store.get('DeploymentMap', envValue.DeploymentMap),
    store.get('EnvironmentType', envValue.EnvironmentType),
    store.get('EnvironmentOps', request.environment),
  ]);
  const targets = (
    (map?.value['Value'] as { DeploymentTarget?: DeploymentTarget[] } | undefined)?.DeploymentTarget ?? []
  ).filter((t) => t.Services.some((s) => s.ServiceName === request.service));
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
  const scope = { cluster: target.OwningCluster, environmentType: envValue.EnvironmentType };
  await authorize(principal, { action: 'deploy', scopes: [scope] });
  const locked = deployLockRefusal(request.environment, ops?.value);
  if (locked) throw locked;
  const now = Date.now();
  const freeze = (envValue.FreezeWindows ?? []).find(
    (w) => Date.parse(w.Start) <= now && now < Date.parse(w.End),
  );
  if (freeze) {
    throw new LockedError(
      `${request.environment} is in a deployment freeze until ${freeze.End}${freeze.Reason ? ` (${freeze.Reason})` : ''}`,
    );
  }

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
  const cluster = await store.get('Cluster', target.OwningCluster);
  const short =
    (cluster?.value['Value'] as { ShortName?: string } | undefined)?.ShortName ??
    target.OwningCluster.toLowerCase();
  const typeValue = type?.value['Value'] as EnvironmentTypeValue | undefined;
  const protectedDeploy = (typeValue?.ProtectedActions ?? []).includes('deploy');
  const grants = await principal.grants();
  const mayApprove = allows(grants, 'approve-deployments', scope);
  const requireApproval =
    request.requireApproval === true ||
    typeValue?.RequiresApproval === true ||
    (protectedDeploy && !mayApprove);
  const canarySteps = request.mode === 'bg' ? (request.canarySteps ?? [100]) : [];
  const asg = `${request.environment}-${short}-${target.ServerRoleName}${request.mode === 'bg' ? `-${slice}` : ''}`;
  return {
    environment: request.environment,
    environmentType: envValue.EnvironmentType,
    service: request.service,
    version: request.version,
    mode: request.mode,
    slice: slice!,
    serverRole: target.ServerRoleName,
    owningCluster: target.OwningCluster,
    autoScalingGroupName: asg,
    requireApproval,
    canarySteps,
    bakeSeconds: request.bakeSeconds ?? (request.mode === 'bg' ? DEFAULT_BAKE_SECONDS : 0),
    steps: strategyOutline(request.mode, { canarySteps, requireApproval }),
    currentVersions: [],
    instances: null,
    warnings: [],
  };
}
