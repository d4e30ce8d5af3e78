import type { InvalidField } from '@shared/api/problem';
import type { NewDeployment } from '@shared/deployments/deployment';
import {
  recordedChange,
  type DeploymentToggles,
  type PlannedCanaryToggle,
  type PlannedToggleChange,
} from '@shared/deployments/deployment-toggles';
import type { ToggleEnvironment } from '@shared/toggles/feature-toggle';
import { ConflictError, InputError, NotFoundError } from '../errors/domain-errors';
import type { ToggleTarget } from '../toggles/feature-toggles';
import type { ToggleSettings } from './toggle-settings';

/** A request's toggles, checked: where each goes (for the permission check) and what the record keeps. */
export interface CheckedToggles {
  /** Every toggle the deployment would change, the canary toggle last. */
  readonly targets: readonly ToggleTarget[];
  /** What the record keeps; undefined when the request carries no toggles. */
  readonly record: DeploymentToggles | undefined;
}

const none: CheckedToggles = { targets: [], record: undefined };

/**
 * Checks the toggles a deployment request carries, all at once: each a live toggle of the deployed
 * service (a 400 naming `body.toggles.N.name` otherwise), the canary toggle only with blue/green, not
 * also listed, and not where the environment type protects toggle changes (a second person cannot
 * approve each step of a canary). Who may change them is the authorization layer's, from the targets.
 */
export async function checkToggles(
  request: NewDeployment,
  toggles: ToggleSettings | undefined,
): Promise<CheckedToggles> {
  const changes = request.toggles ?? [];
  if (!changes.length && request.canaryToggle === undefined) return none;
  if (!toggles) throw new InputError('this portal does not set feature toggles with deployments');
  const errors: InvalidField[] = [];
  const targetOf = async (name: string, field: string): Promise<ToggleTarget | undefined> => {
    try {
      return await toggles.target(request.service, name, request.environment);
    } catch (e) {
      if (e instanceof NotFoundError || e instanceof ConflictError) {
        errors.push({ field, message: e.message });
        return undefined;
      }
      throw e;
    }
  };
  const targets = await Promise.all(changes.map((c, i) => targetOf(c.name, `body.toggles.${i}.name`)));
  let canary: ToggleTarget | undefined;
  if (request.canaryToggle !== undefined) {
    const field = 'body.canaryToggle';
    const listed = changes.findIndex((c) => c.name === request.canaryToggle);
    if (request.mode !== 'bg')
      errors.push({ field, message: 'follows the canary weights of a blue/green deployment: needs mode bg' });
    else if (listed >= 0)
      errors.push({
        field: `body.toggles.${listed}.name`,
        message: `is the canary toggle, which follows the weights: leave it out of toggles`,
      });
    else {
      canary = await targetOf(request.canaryToggle, field);
      if (canary?.protected)
        errors.push({
          field,
          message: `environment type ${canary.environmentType} protects toggle changes: each needs a second person, which the steps of a canary cannot wait for`,
        });
    }
  }
  if (errors.length) throw new InputError('the deployment names toggles it cannot change', errors);
  return {
    targets: [...targets.filter((t): t is ToggleTarget => t !== undefined), ...(canary ? [canary] : [])],
    record: {
      Changes: changes.map(recordedChange),
      ...(request.canaryToggle !== undefined ? { CanaryToggle: request.canaryToggle } : {}),
    },
  };
}

function currentOf(e: ToggleEnvironment | undefined): PlannedToggleChange['current'] {
  if (!e) return null;
  return {
    state: e.state,
    ...(e.percentage !== undefined ? { percentage: e.percentage } : {}),
    version: e.version,
  };
}

/**
 * What a dry run shows of the toggles: each change with the setting now and what success will do (a
 * protected type waits for approval unless the deployment itself needs someone else's approval, which
 * counts as the second person), and the canary toggle's percentage at each weight.
 */
export async function plannedToggles(
  request: NewDeployment,
  checked: CheckedToggles,
  plan: { readonly requireApproval: boolean; readonly canarySteps: readonly number[] },
  toggles: ToggleSettings | undefined,
): Promise<{ featureToggles?: PlannedToggleChange[]; canaryToggle?: PlannedCanaryToggle }> {
  if (!checked.record || !toggles) return {};
  const settingOf = async (name: string) =>
    (await toggles.get(request.service, name)).environments.find(
      (e) => e.environment === request.environment,
    );
  const featureToggles = await Promise.all(
    (request.toggles ?? []).map(async (c, i) => ({
      name: c.name,
      state: c.state,
      ...(c.percentage !== undefined ? { percentage: c.percentage } : {}),
      include: c.include,
      exclude: c.exclude,
      current: currentOf(await settingOf(c.name)),
      onSuccess:
        checked.targets[i]?.protected && !plan.requireApproval ? ('pending' as const) : ('applied' as const),
    })),
  );
  const canary = request.canaryToggle;
  return {
    ...(featureToggles.length ? { featureToggles } : {}),
    ...(canary !== undefined
      ? {
          canaryToggle: {
            name: canary,
            current: currentOf(await settingOf(canary)),
            percentages: [...plan.canarySteps],
          },
        }
      : {}),
  };
}
