import { z } from 'zod';
import { RecordedToggleChange } from '@shared/deployments/deployment-toggles';
import type { ToggleEnvironment } from '@shared/toggles/feature-toggle';
import { step, succeeded, undone, type StepContext } from '../engine/step';
import { deploymentActor, settingIn, toggleChangeOf } from '../toggle-settings';
import { targetOrRefusal, togglesOf } from './apply-feature-toggles';

const Setting = RecordedToggleChange.omit({ Name: true });
type Setting = z.infer<typeof Setting>;

/** The canary toggle's setting before the deployment moved it (null: never set there, so off). */
const Before = z.object({
  canaryToggleBefore: z.object({ setting: Setting.nullable(), version: z.number().int() }),
});
type Before = z.infer<typeof Before>['canaryToggleBefore'];

function nameOf(ctx: StepContext<unknown>): string {
  const name = ctx.deployment.FeatureToggles?.CanaryToggle;
  if (!name) throw new Error('the deployment names no canary toggle');
  return name;
}

function settingOf(e: ToggleEnvironment): Setting {
  return {
    State: e.state,
    ...(e.percentage !== undefined ? { Percentage: e.percentage } : {}),
    Include: { Users: e.include.users, Groups: e.include.groups },
    Exclude: { Users: e.exclude.users, Groups: e.exclude.groups },
  };
}

const current = (ctx: StepContext<unknown>) =>
  settingIn(togglesOf(ctx), ctx.deployment.ServiceName, nameOf(ctx), ctx.deployment.EnvironmentName);

/**
 * Records the canary toggle's setting before any traffic moves, for the rollback to put back. Repeatable:
 * its outputs are saved before the first shift of traffic, so a run again never reads its own writes.
 */
export const recordCanaryToggle = step({
  name: 'record-canary-toggle',
  repeatable: true,
  timeoutSeconds: 120,
  needs: z.object({}),
  gives: Before,
  async run(ctx) {
    const now = await current(ctx);
    return succeeded(
      { canaryToggleBefore: { setting: now ? settingOf(now) : null, version: now?.version ?? 0 } },
      `${nameOf(ctx)} is ${now ? describe(settingOf(now)) : 'not set (off)'}: it follows the weights from here`,
    );
  },
});

function describe(s: Setting): string {
  return s.State === 'percentage' ? `at ${s.Percentage ?? 0}%` : s.State;
}

const noTargets = { Include: { Users: [], Groups: [] }, Exclude: { Users: [], Groups: [] } };

/** The canary toggle at a weight: that percentage, on at 100 (its users and groups kept). */
function atWeight(weight: number, base: Setting | null): Setting {
  const targets = base ?? noTargets;
  return {
    State: weight === 100 ? 'on' : 'percentage',
    ...(weight === 100 ? {} : { Percentage: weight }),
    Include: targets.Include,
    Exclude: targets.Exclude,
  };
}

const same = (a: Setting, b: Setting) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Sets the canary toggle to the weight of the traffic on the new slice. It stops following (and says so)
 * once someone else changed the toggle since it was recorded: a kill switch is never turned back on.
 * Its undo puts back the setting recorded before, while the setting is still this deployment's.
 */
export function canaryToggleAt(weight: number) {
  return step({
    name: `canary-toggle-${weight}`,
    timeoutSeconds: 120,
    needs: Before.extend({ canaryToggleFollows: z.boolean().optional() }),
    gives: z.object({ canaryToggleFollows: z.boolean() }),
    async run(ctx) {
      const name = nameOf(ctx);
      const d = ctx.deployment;
      const stop = (why: string) => succeeded({ canaryToggleFollows: false }, why);
      if (ctx.inputs.canaryToggleFollows === false) return stop(`${name} no longer follows the weights`);
      const toggles = togglesOf(ctx);
      const target = await targetOrRefusal(toggles, d, name);
      if (typeof target === 'string') return stop(target);
      const now = await current(ctx);
      const before: Before = ctx.inputs.canaryToggleBefore;
      const ours = now?.deploymentId === ctx.deploymentId || (now?.version ?? 0) === before.version;
      if (!ours)
        return stop(`${name} was changed by ${now?.updatedBy ?? 'someone'} meanwhile: left as it is`);
      const wanted = atWeight(weight, now ? settingOf(now) : before.setting);
      // run again after a crash: already there
      if (now && now.deploymentId === ctx.deploymentId && same(settingOf(now), wanted))
        return succeeded({ canaryToggleFollows: true }, `${name} ${describe(wanted)}`);
      const written = await toggles.set(
        target,
        toggleChangeOf(wanted, `deployment ${ctx.deploymentId}: ${weight}% of the traffic on the new slice`),
        now?.version ?? 0,
        deploymentActor(ctx.deploymentId, d),
        { deploymentId: ctx.deploymentId },
      );
      if (written.pending) return stop(`${name}: the environment type protects toggle changes; it waits`);
      return succeeded({ canaryToggleFollows: true }, `${name} ${describe(wanted)}`);
    },
    async undo(ctx) {
      const name = nameOf(ctx);
      const d = ctx.deployment;
      const toggles = togglesOf(ctx);
      const target = await targetOrRefusal(toggles, d, name);
      if (typeof target === 'string') return undone(`${name} left as it is: ${target}`);
      const now = await current(ctx);
      // someone else's setting (or one put back already) stays
      if (!now || now.deploymentId !== ctx.deploymentId) return undone(`${name} left as it is`);
      const before: Before = ctx.inputs.canaryToggleBefore;
      const back: Setting = before.setting ?? { State: 'off', ...noTargets };
      await toggles.set(
        target,
        toggleChangeOf(back, `deployment ${ctx.deploymentId} rolled back: as it was before`),
        now.version,
        deploymentActor(ctx.deploymentId, d),
      );
      return undone(`${name} back to ${before.setting ? describe(before.setting) : 'off'}`);
    },
  });
}
