import type { CrashRig, DeploymentItem, DeploymentValue } from './crash-rig';
import { breakpointHold, type StepHold, type StrategyUnderTest } from './step-hold';

/**
 * Whether a round asks for its rollback when the record is behind the engine: a step with an undo ran (or,
 * killed after its AWS call, was running) but the record still says pending. On: the engine undoes the
 * pending steps that may have run unsaved (`stepsToUndo`), so such a rollback must leave nothing behind.
 */
const ROLLBACK_WHEN_AN_UNDO_WOULD_BE_LOST = true;

/** One round of a crash spec: the step to kill the engine in, how it is held there, and what follows. */
export interface KillRound {
  readonly round: number;
  readonly hold: StepHold;
  /** The seeded wait between reaching the step and the SIGKILL. */
  readonly delayMs: number;
  /** Whether a rollback is asked for while no engine runs (between the kill and the takeover). */
  readonly rollBack: boolean;
}

/** The share of rounds that ask for a rollback while no engine runs. */
const ROLLBACK_SHARE = 0.5;

/**
 * Two rounds a step: held there by aws-sim (`simHolds`: a throttled call, slow boots, a bake), killed at a
 * seeded moment of the hold; then paused at a breakpoint where the step answers succeeded, its AWS calls
 * made but not recorded. `random` (seeded) picks each round's delay and whether it asks for a rollback.
 */
export function killRounds(
  simHolds: readonly StepHold[],
  steps: readonly string[],
  random: () => number,
): KillRound[] {
  const holds = [...simHolds, ...steps.map((s) => breakpointHold(s, 'exit'))];
  return holds.map((hold, i) => ({
    round: i + 1,
    hold,
    delayMs: Math.round(random() * hold.maxDelayMs),
    rollBack: random() < ROLLBACK_SHARE,
  }));
}

/** What a round saw. */
export interface KillOutcome {
  readonly id: string;
  /** What the record said was under way, read right before the kill and again after it. */
  readonly recordBefore: string;
  readonly recordAfter: string;
  /** The step the engine was in at the kill, when the hold's evidence shows it could not have ended. */
  readonly heldIn: string | undefined;
  readonly evidence: string;
  /** `withheld` when an undo would be lost (ROLLBACK_WHEN_AN_UNDO_WOULD_BE_LOST), with the step it would lose. */
  readonly rollback: 'not asked' | `withheld: ${string}` | 'accepted' | 'refused';
  /** The deployment as it ended, and its item then. */
  readonly final: DeploymentValue;
  readonly item: DeploymentItem;
}

/** The first step of a record neither succeeded nor skipped. */
const firstPending = (item: DeploymentItem) =>
  item.Value.Steps.find((x) => x.status !== 'succeeded' && x.status !== 'skipped');

/**
 * The step with an undo that ran (or is running past its AWS call) but that the record shows pending, the
 * engine having saved nothing since: a rollback from this record would skip its undo.
 */
function unsavedUndoable(
  item: DeploymentItem,
  hold: StepHold,
  strategy: StrategyUnderTest,
): string | undefined {
  const from = strategy.steps.indexOf(firstPending(item)?.name ?? hold.step);
  const held = strategy.steps.indexOf(hold.step);
  const ran = strategy.steps.slice(from, hold.afterItsEffect ? held + 1 : held);
  return ran.find((s) => strategy.undoable.includes(s));
}

/** The step a record shows under way (the first neither succeeded nor skipped), or its status. */
export function underWay(item: DeploymentItem): string {
  const d = item.Value;
  if (d.Status !== 'In Progress') return d.Status;
  const s = firstPending(item);
  return s ? `${s.name} (${s.status})` : 'In Progress';
}

/**
 * Requests the deployment with the hold in place, waits until the engine is in the step, waits the seeded
 * delay, SIGKILLs the engine portal, reads the record as it left it and the hold's evidence, clears the
 * faults, asks for the rollback if the round does, starts the next engine portal and waits for the end.
 */
export async function runKillRound(
  rig: CrashRig,
  strategy: StrategyUnderTest,
  round: KillRound,
  request: Record<string, unknown> & { version: string },
): Promise<KillOutcome> {
  const { hold } = round;
  let id: string | undefined;
  try {
    await hold.arm(rig, request.version);
    id = await rig.deploy({ ...request, bakeSeconds: request['bakeSeconds'] ?? hold.bakeSeconds });
    return await killAndResume(rig, strategy, round, id);
  } catch (e) {
    // leave the rig as the next round needs it: no fault, an engine running, no deployment under way
    await rig.recover(id);
    throw e;
  }
}

async function killAndResume(
  rig: CrashRig,
  strategy: StrategyUnderTest,
  round: KillRound,
  id: string,
): Promise<KillOutcome> {
  const { hold } = round;
  await hold.reached(rig, id);
  if (round.delayMs) await new Promise((r) => setTimeout(r, round.delayMs));
  const recordBefore = underWay(await rig.item(id));
  const killAt = await rig.kill();
  const afterKill = await rig.item(id);
  const evidence = await hold.evidence(rig, afterKill, killAt);
  await rig.clearFaults();
  const lost = unsavedUndoable(afterKill, hold, strategy);
  let rollback: KillOutcome['rollback'] = 'not asked';
  if (round.rollBack && lost && !ROLLBACK_WHEN_AN_UNDO_WOULD_BE_LOST) rollback = `withheld: ${lost}`;
  else if (round.rollBack) {
    const res = await rig.api.post(`/deployments/${id}/rollback`, undefined);
    if (res.status !== 200 && res.status !== 409)
      throw new Error(`the rollback request failed: ${res.status} ${JSON.stringify(res.body)}`);
    rollback = res.status === 200 ? 'accepted' : 'refused';
  }
  await rig.startEngine();
  const final = await rig.ended(id);
  return {
    id,
    recordBefore,
    recordAfter: underWay(afterKill),
    heldIn: evidence === undefined ? undefined : hold.step,
    evidence: evidence ?? 'no evidence that it was still under way',
    rollback,
    final,
    item: await rig.item(id),
  };
}

/** One line of the round's log. */
export function describeRound(seed: number, round: KillRound, o: KillOutcome): string {
  const rollback =
    o.rollback === 'not asked'
      ? ''
      : o.rollback.startsWith('withheld: ')
        ? `; rollback not asked: the record says ${o.rollback.slice('withheld: '.length)} is pending, which ran`
        : `; rollback asked with no engine up: ${o.rollback}`;
  return (
    `crash-resume seed ${seed} round ${round.round}: aimed at ${round.hold.step} (${round.hold.how}) ` +
    `+ ${round.delayMs} ms; the record said ${o.recordBefore} right before the kill and ${o.recordAfter} ` +
    `after it; the engine was in ${o.heldIn ?? '(unconfirmed)'}: ${o.evidence}${rollback}; ended ${o.final.Status}`
  );
}
