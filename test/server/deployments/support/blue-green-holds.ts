import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { z } from 'zod';
import type { CrashRig, DeploymentItem } from './crash-rig';
import { stepState, throttledHold, waitingHold, type StepHold, type StrategyUnderTest } from './step-hold';

/** The steps of a blue/green deployment with canary steps [50, 100] and no approval, in order. */
const BLUE_GREEN_STEPS = [
  'prepare-inactive-slice',
  'scale-inactive-slice',
  'wait-for-inactive-slice',
  'shift-traffic-50',
  'bake-50',
  'shift-traffic-100',
  'keep-old-slice-warm',
  'scale-down-old-slice',
] as const;
/** A step of a blue/green deployment with canary steps [50, 100]. */
export type BlueGreenStep = (typeof BLUE_GREEN_STEPS)[number];

/** Blue/green with canary steps [50, 100]: its steps, and those with an undo (strategies/blue-green.ts). */
export const BLUE_GREEN = {
  name: 'blue/green with canary steps [50, 100]',
  steps: BLUE_GREEN_STEPS,
  undoable: ['scale-inactive-slice', 'shift-traffic-50', 'shift-traffic-100'],
} satisfies StrategyUnderTest;

const SLOW_BOOT = 10;
/** The bake that holds bake-50 and keep-old-slice-warm, in seconds. */
const HOLDING_BAKE = 2;

const Prepared = z.object({
  newTemplateVersion: z.string(),
  sliceArns: z.object({ blue: z.string(), green: z.string() }),
});

/** After the kill: the new slice is not ready (in its group or behind the load balancer). */
async function sliceNotReady(rig: CrashRig, item: DeploymentItem): Promise<string | undefined> {
  const prepared = Prepared.parse(stepState(item, 'prepare-inactive-slice').outputs);
  const size = z.number().parse(stepState(item, 'scale-inactive-slice').outputs['sliceSize']);
  const slice = z.enum(['blue', 'green']).parse(item.Value.ServiceSlice);
  const g = await rig.group(item.Value.Resources!.AutoScalingGroup);
  const ready = g.Instances!.filter(
    (i) =>
      i.LifecycleState === 'InService' &&
      i.HealthStatus === 'Healthy' &&
      i.LaunchTemplate?.Version === prepared.newTemplateVersion,
  ).length;
  const health = await rig.sim.elbv2.send(
    new DescribeTargetHealthCommand({ TargetGroupArn: prepared.sliceArns[slice] }),
  );
  const healthy = (health.TargetHealthDescriptions ?? []).filter((t) => t.TargetHealth?.State === 'healthy');
  return ready < size || healthy.length < size
    ? `${ready} of ${size} instance(s) ready, ${healthy.length} healthy behind the load balancer after the kill`
    : undefined;
}

/** After the kill: the bake that follows `shift` was not over when the kill came. */
function bakeNotOver(shift: string) {
  return async (_rig: CrashRig, item: DeploymentItem, killAt: number): Promise<string | undefined> => {
    const since = Date.parse(z.string().parse(stepState(item, shift).outputs['lastShiftAt']));
    const into = killAt - since;
    return into < item.Value.BakeSeconds * 1000
      ? `killed ${into} ms into the ${item.Value.BakeSeconds} s bake`
      : undefined;
  };
}

/**
 * How aws-sim keeps the engine in each step of a blue/green deployment: a throttled call for the steps that
 * change something, slow boots and a bake for those that wait; the second shift and the scale-down call what
 * earlier steps called too, so their throttle starts once the step before them is under way.
 */
export function blueGreenSimHold(step: BlueGreenStep, variant: number): StepHold {
  switch (step) {
    case 'prepare-inactive-slice':
      // its first AWS read after the routing, or its last call: both keep it under way
      return throttledHold(step, variant < 0.5 ? 'DescribeAutoScalingGroups' : 'CreateLaunchTemplateVersion');
    case 'scale-inactive-slice':
      return throttledHold(step, 'UpdateAutoScalingGroup');
    case 'wait-for-inactive-slice':
      return waitingHold(step, {
        how: `boots ${SLOW_BOOT} times slower`,
        bootDelayFactor: SLOW_BOOT,
        maxDelayMs: 1200,
        stillWaiting: sliceNotReady,
      });
    case 'shift-traffic-50':
      return throttledHold(step, 'ModifyListener');
    case 'bake-50':
      return waitingHold(step, {
        how: `a ${HOLDING_BAKE} s bake`,
        bakeSeconds: HOLDING_BAKE,
        maxDelayMs: 1400,
        stillWaiting: bakeNotOver('shift-traffic-50'),
      });
    case 'shift-traffic-100':
      return throttledHold(step, 'ModifyListener', { after: 'bake-50', bakeSeconds: 1 });
    case 'keep-old-slice-warm':
      return waitingHold(step, {
        how: `a ${HOLDING_BAKE} s rollback window`,
        bakeSeconds: HOLDING_BAKE,
        maxDelayMs: 1400,
        stillWaiting: bakeNotOver('shift-traffic-100'),
      });
    case 'scale-down-old-slice':
      return throttledHold(step, 'UpdateAutoScalingGroup', { after: 'keep-old-slice-warm', bakeSeconds: 1 });
  }
}
