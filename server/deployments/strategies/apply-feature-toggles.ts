import { z } from 'zod';
import type { Deployment } from '@shared/deployments/deployment';
import {
  ToggleSettingResult,
  type RecordedToggleChange,
  type ToggleSettingResult as Result,
} from '@shared/deployments/deployment-toggles';
import { ConflictError, NotFoundError, StaleVersionError } from '../../errors/domain-errors';
import type { ToggleTarget } from '../../toggles/feature-toggles';
import { step, succeeded, type StepContext } from '../engine/step';
import type { FinalStatus } from '../engine/strategy';
import {
  deploymentActor,
  settingIn,
  toggleChangeOf,
  toggleLink,
  type ToggleSettings,
} from '../toggle-settings';

/** The name of the step, which the conclusion reads the results of. */
export const APPLY_FEATURE_TOGGLES = 'apply-feature-toggles';

const Applied = z.object({ toggleResults: z.array(ToggleSettingResult) });

/** Why a deployment's toggle change is written: what its history shows and what a re-run looks for. */
export const appliedReason = (id: string): string => `deployment ${id} succeeded`;

/** Times a change is read and written again when someone else's write came between (a stale version). */
const STALE_RETRIES = 3;

/** The port a toggle step needs (a portal that did not wire one cannot run it). */
export function togglesOf(ctx: StepContext<unknown>): ToggleSettings {
  if (!ctx.toggles) throw new Error('this portal has no feature toggles wired into its deployment engine');
  return ctx.toggles;
}

/** The toggle's target, or why it is no longer one (archived, or its service gone, since the request). */
export async function targetOrRefusal(
  toggles: ToggleSettings,
  d: Deployment['Value'],
  name: string,
): Promise<ToggleTarget | string> {
  try {
    return await toggles.target(d.ServiceName, name, d.EnvironmentName);
  } catch (e) {
    if (e instanceof NotFoundError || e instanceof ConflictError) return e.message;
    throw e;
  }
}

/**
 * Writes one change, once: a re-run (after a crash between the write and the save of the record) finds
 * the setting carrying this deployment's id, or the change waiting with its reason, and writes nothing.
 */
async function applyOne(ctx: StepContext<unknown>, c: RecordedToggleChange): Promise<Result> {
  const toggles = togglesOf(ctx);
  const d = ctx.deployment;
  const id = ctx.deploymentId;
  const link = toggleLink(d.ServiceName, c.Name);
  const reason = appliedReason(id);
  for (let attempt = 0; ; attempt++) {
    const target = await targetOrRefusal(toggles, d, c.Name);
    if (typeof target === 'string') return { Name: c.Name, Result: 'refused', Link: link, Detail: target };
    const current = await settingIn(toggles, d.ServiceName, c.Name, d.EnvironmentName);
    if (current?.deploymentId === id)
      return { Name: c.Name, Result: 'applied', SettingVersion: current.version, Link: link, Detail: reason };
    // a waiting change cannot carry the deployment's id: its requester and reason say it is this one
    if (current?.pending?.reason === reason && current.pending.requestedBy === d.User)
      return waiting(c.Name, current.version, link, target);
    try {
      const written = await toggles.set(
        target,
        toggleChangeOf(c, reason),
        current?.version ?? 0,
        deploymentActor(id, d),
        { deploymentId: id, ...(d.ApprovedBy ? { approvedBy: d.ApprovedBy } : {}) },
      );
      const version = written.toggle.environments.find((e) => e.environment === d.EnvironmentName)?.version;
      if (written.pending) return waiting(c.Name, version, link, target);
      return {
        Name: c.Name,
        Result: 'applied',
        ...(version !== undefined ? { SettingVersion: version } : {}),
        Link: link,
        Detail: d.ApprovedBy && target.protected ? `${reason}, approved by ${d.ApprovedBy}` : reason,
      };
    } catch (e) {
      // someone changed the setting between the read and the write: read it again
      const stale = e instanceof StaleVersionError || e instanceof ConflictError;
      if (!stale) throw e;
      if (attempt >= STALE_RETRIES)
        return { Name: c.Name, Result: 'refused', Link: link, Detail: (e as Error).message };
    }
  }
}

function waiting(name: string, version: number | undefined, link: string, target: ToggleTarget): Result {
  return {
    Name: name,
    Result: 'pending',
    ...(version !== undefined ? { SettingVersion: version } : {}),
    Link: link,
    Detail: `environment type ${target.environmentType} protects toggle changes and no one else approved the deployment: the change waits for approval on the toggle`,
  };
}

/**
 * Sets the toggles the deployment carries, once its version is out. After the rollout: a failure here
 * (the engine's retries spent) ends the deployment Success with this step failed, never a rollback.
 * A toggle archived since the request is reported refused, not failed.
 */
export const applyFeatureToggles = step({
  name: APPLY_FEATURE_TOGGLES,
  afterRollout: true,
  timeoutSeconds: 300,
  needs: z.object({}),
  gives: Applied,
  async run(ctx) {
    const results: Result[] = [];
    for (const c of ctx.deployment.FeatureToggles?.Changes ?? []) results.push(await applyOne(ctx, c));
    return succeeded(
      { toggleResults: results },
      results.map((r) => `${r.Name} ${r.Result}`).join(', ') || 'no toggle changes',
    );
  },
});

/** What became of the canary toggle, as the deployment ended. */
function canaryResult(d: Deployment['Value'], name: string, status: FinalStatus): Result {
  const link = toggleLink(d.ServiceName, name);
  const last = [...d.Steps].reverse().find((s) => s.name.startsWith('canary-toggle-'));
  const follows = last?.outputs['canaryToggleFollows'];
  if (status === 'Success')
    return follows === false
      ? {
          Name: name,
          Result: 'left-alone',
          Link: link,
          Detail: last?.error ?? 'changed by someone else meanwhile',
        }
      : { Name: name, Result: 'applied', Link: link, Detail: 'followed the canary weights to 100: on' };
  return {
    Name: name,
    Result: 'left-alone',
    Link: link,
    Detail:
      status === 'Rollback Failed'
        ? 'the rollback stopped: check the toggle'
        : 'put back as it was before the deployment (unless someone changed it meanwhile)',
  };
}

/**
 * The record's account of its toggles when the deployment ends: on Success what the apply step did; on
 * any other end that they were not applied (and the canary toggle put back by the rollback's undo).
 */
export function concludeToggles(d: Deployment['Value'], status: FinalStatus): Deployment['Value'] {
  const toggles = d.FeatureToggles;
  if (!toggles) return d;
  const canary = toggles.CanaryToggle ? [canaryResult(d, toggles.CanaryToggle, status)] : [];
  if (status !== 'Success') {
    return {
      ...d,
      FeatureToggles: {
        ...toggles,
        Outcome: {
          Applied: false,
          Reason: `not applied: the deployment ended ${status}`,
          Settings: canary,
        },
      },
    };
  }
  const state = d.Steps.find((s) => s.name === APPLY_FEATURE_TOGGLES);
  const applied = Applied.safeParse(state?.outputs);
  const ran = state?.status === 'succeeded' && applied.success;
  const results = ran ? applied.data.toggleResults : [];
  const count = (r: Result['Result']) => results.filter((x) => x.Result === r).length;
  const reason = !toggles.Changes.length
    ? 'the deployment succeeded'
    : ran
      ? `the deployment succeeded: ${count('applied')} applied, ${count('pending')} waiting for approval, ${count('refused')} refused`
      : `the deployment succeeded but its toggle changes were not applied: ${state?.error ?? 'the step did not finish'}`;
  return {
    ...d,
    FeatureToggles: {
      ...toggles,
      Outcome: { Applied: ran || !toggles.Changes.length, Reason: reason, Settings: [...results, ...canary] },
    },
  };
}
