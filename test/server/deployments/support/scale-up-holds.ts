import { z } from 'zod';
import type { CrashRig, DeploymentItem } from './crash-rig';
import {
  breakpointHold,
  stepState,
  throttledHold,
  waitingHold,
  type StepHold,
  type StrategyUnderTest,
} from './step-hold';

/** The steps of scale-up patching, in order. */
const SCALE_UP_STEPS = [
  'record-capacity',
  'create-launch-template-version',
  'suspend-processes',
  'scale-out',
  'wait-for-new-instances',
  'remove-old-instances',
  'verify-version',
  'restore-capacity',
] as const;

/** Scale-up patching: its steps, and those with an undo (server/deployments/strategies/scale-up-patch.ts). */
export const SCALE_UP = {
  name: 'scale-up patching',
  steps: SCALE_UP_STEPS,
  undoable: ['suspend-processes', 'scale-out'],
} satisfies StrategyUnderTest;

/** Boots this many times slower keep wait-for-new-instances waiting about 2 s (at 10 ms per AWS second). */
const SLOW_BOOT = 10;

const Recorded = z.object({
  oldInstanceIds: z.array(z.string()),
  originalCapacity: z.object({ desiredCapacity: z.number() }),
});

/** After the kill: the new instances are not all ready, so wait-for-new-instances could not have ended. */
async function newInstancesNotReady(rig: CrashRig, item: DeploymentItem): Promise<string | undefined> {
  const recorded = Recorded.parse(stepState(item, 'record-capacity').outputs);
  const old = new Set(recorded.oldInstanceIds);
  const n = recorded.originalCapacity.desiredCapacity;
  const g = await rig.group(item.Value.Resources!.AutoScalingGroup);
  const ready = g.Instances!.filter(
    (i) => !old.has(i.InstanceId!) && i.LifecycleState === 'InService' && i.HealthStatus === 'Healthy',
  ).length;
  return ready < n ? `${ready} of ${n} new instance(s) ready after the kill` : undefined;
}

/**
 * How aws-sim keeps the engine in each step of scale-up patching. verify-version does no I/O of its own (it
 * judges the group as the pass read it for remove-old-instances, and nothing is saved in between), so no
 * fault can hold it: only a breakpoint can.
 */
export function scaleUpSimHold(step: (typeof SCALE_UP_STEPS)[number]): StepHold {
  switch (step) {
    case 'record-capacity':
      return throttledHold(step, 'DescribeAutoScalingGroups');
    case 'suspend-processes':
      return throttledHold(step, 'SuspendProcesses');
    case 'create-launch-template-version':
      return throttledHold(step, 'CreateLaunchTemplateVersion');
    case 'scale-out':
      return throttledHold(step, 'UpdateAutoScalingGroup');
    case 'wait-for-new-instances':
      return waitingHold(step, {
        how: `boots ${SLOW_BOOT} times slower`,
        bootDelayFactor: SLOW_BOOT,
        maxDelayMs: 1200,
        stillWaiting: newInstancesNotReady,
      });
    case 'remove-old-instances':
      return throttledHold(step, 'SetInstanceProtection');
    case 'verify-version':
      return breakpointHold(step, 'entry');
    case 'restore-capacity':
      return throttledHold(step, 'ResumeProcesses');
  }
}
