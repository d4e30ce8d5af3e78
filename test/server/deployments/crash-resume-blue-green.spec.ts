import {
  DescribeListenersCommand,
  ModifyTargetGroupAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { z } from 'zod';
import { seededRandom } from '../../support/seeded-random';
import { versionBehind } from '../fleet/support/fleet-estate';
import { BLUE_GREEN, blueGreenSimHold } from './support/blue-green-holds';
import { CrashRig, until } from './support/crash-rig';
import { expectReleased } from './support/expect-released';
import { describeRound, killRounds, runKillRound, type KillOutcome } from './support/kill-round';
import { KillTally } from './support/kill-tally';
import { stepState } from './support/step-hold';

/** The rounds repeat from run to run: change the seed to explore other delays and rollbacks. */
const SEED = 20_240_612;
/** The size of the live slice (the estate's). */
const SIZE = 2;

type Slice = 'blue' | 'green';
const other = (s: Slice): Slice => (s === 'blue' ? 'green' : 'blue');

/**
 * A portal process SIGKILLed inside each step of a blue/green deployment with canary steps [50, 100], then
 * another started on the same tables: every deployment ends Success (or Rolled Back) with one slice live at
 * its size and all the traffic, the other at zero, and no lease or lock left.
 */
describe('blue/green deployments survive a portal process killed inside each of their steps', () => {
  // the sim holds draw from the seed first, then each round's delay and rollback
  const random = seededRandom(SEED);
  const rounds = killRounds(
    BLUE_GREEN.steps.map((s) => blueGreenSimHold(s, random())),
    BLUE_GREEN.steps,
    random,
  );
  const tally = new KillTally(
    `crash-resume seed ${SEED}, ${BLUE_GREEN.name}: SIGKILLs by the step under way and the outcome`,
    BLUE_GREEN.steps,
  );
  let rig: CrashRig;
  /** The version the live slice runs. */
  let liveVersion = '2.0.0';

  beforeAll(async () => {
    rig = await CrashRig.start({ msPerSecond: 10 });
    // a second of draining, not five minutes: the next round's slice is empty sooner
    for (const arn of Object.values(rig.estate.targetGroups))
      await rig.sim.elbv2.send(
        new ModifyTargetGroupAttributesCommand({
          TargetGroupArn: arn,
          Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '1' }],
        }),
      );
  }, 120_000);
  afterAll(async () => {
    await rig?.close();
  });

  const groupOf = (slice: Slice) => (slice === 'blue' ? rig.estate.blueGroup : rig.estate.greenGroup);
  const weights = async (): Promise<Record<Slice, number>> => {
    const l = await rig.sim.elbv2.send(
      new DescribeListenersCommand({ ListenerArns: [rig.estate.listenerArn] }),
    );
    const groups = l.Listeners![0]!.DefaultActions![0]!.ForwardConfig!.TargetGroups!;
    const weight = (s: Slice) =>
      groups.find((g) => g.TargetGroupArn === rig.estate.targetGroups[s])!.Weight ?? 0;
    return { blue: weight('blue'), green: weight('green') };
  };

  /** One slice live at its size with all the traffic, the other at zero; on the new version after a Success. */
  const expectSlicesRestored = async (o: KillOutcome, deployed: Slice, version: string) => {
    const live = o.final.Status === 'Success' ? deployed : other(deployed);
    const [liveGroup, idleGroup] = await until(
      'the live slice at its size, the other empty',
      async () => {
        const g = await Promise.all([rig.group(groupOf(live)), rig.group(groupOf(other(live)))]);
        const ready = g[0].Instances!.filter((i) => i.LifecycleState === 'InService');
        return ready.length === SIZE && g[0].Instances!.length === SIZE && !g[1].Instances!.length
          ? g
          : undefined;
      },
      { ms: 20_000, everyMs: 50 },
    );
    expect(liveGroup.DesiredCapacity).withContext(`${live} desired`).toBe(SIZE);
    expect(idleGroup.DesiredCapacity)
      .withContext(`${other(live)} desired`)
      .toBe(0);
    for (const g of [liveGroup, idleGroup]) {
      expect(g.MinSize).toBe(0);
      expect(g.MaxSize).toBe(4);
      expect(g.SuspendedProcesses).toEqual([]);
    }
    expect(await weights()).toEqual({ [live]: 100, [other(live)]: 0 } as Record<Slice, number>);
    if (o.final.Status === 'Success') {
      const prepared = z
        .string()
        .parse(stepState(o.item, 'prepare-inactive-slice').outputs['newTemplateVersion']);
      expect(liveGroup.Instances!.every((i) => i.LaunchTemplate?.Version === prepared)).toBeTrue();
      liveVersion = version;
    }
    expect(await versionBehind(rig.sim, rig.estate.listenerArn)).toBe(liveVersion);
  };

  for (const round of rounds) {
    it(`round ${round.round}: killed in ${round.hold.step} (${round.hold.how}), it ends Success or Rolled Back, one slice live at its size, no lease held`, async () => {
      const w = await weights();
      const slice: Slice = w.blue === 0 ? 'blue' : 'green';
      const version = `4.${round.round}.0`;
      const o = await runKillRound(rig, BLUE_GREEN, round, {
        environment: rig.estate.environment,
        service: rig.estate.apiService,
        mode: 'bg',
        slice,
        version,
        canarySteps: [50, 100],
      });
      console.log(describeRound(SEED, round, o));
      tally.add(o.heldIn, o.final.Status);

      expect(['Success', 'Rolled Back'])
        .withContext(`${o.final.Status}: ${o.final.ErrorReason}`)
        .toContain(o.final.Status);
      if (o.rollback === 'accepted') expect(o.final.Status).toBe('Rolled Back');
      await expectSlicesRestored(o, slice, version);
      await expectReleased(rig, o);
    }, 90_000);
  }

  it('killed the engine inside every step at least once', () => {
    console.log(tally.table());
    expect(tally.missing()).withContext('steps no SIGKILL landed in').toEqual([]);
  });
});
