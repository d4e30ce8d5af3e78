import { DescribeLaunchTemplateVersionsCommand } from '@aws-sdk/client-ec2';
import type { AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import { z } from 'zod';
import { seededRandom } from '../../support/seeded-random';
import { CrashRig, until } from './support/crash-rig';
import { expectReleased } from './support/expect-released';
import { describeRound, killRounds, runKillRound, type KillOutcome } from './support/kill-round';
import { KillTally } from './support/kill-tally';
import { SCALE_UP, scaleUpSimHold } from './support/scale-up-holds';
import { stepState } from './support/step-hold';

/** The rounds repeat from run to run: change the seed to explore other delays and rollbacks. */
const SEED = 20_240_611;

/**
 * A portal process SIGKILLed inside each step of a scale-up patch, then another started on the same tables:
 * every deployment ends Success (or Rolled Back), the group is back to its size and no lease or lock is left.
 * Real processes: aws-sim, DynamoDB Local, the API portal and each engine portal are their own.
 */
describe('scale-up patching survives a portal process killed inside each of its steps', () => {
  const rounds = killRounds(SCALE_UP.steps.map(scaleUpSimHold), SCALE_UP.steps, seededRandom(SEED));
  const tally = new KillTally(
    `crash-resume seed ${SEED}, ${SCALE_UP.name}: SIGKILLs by the step under way and the outcome`,
    SCALE_UP.steps,
  );
  let rig: CrashRig;
  let original: AutoScalingGroup;

  beforeAll(async () => {
    rig = await CrashRig.start({ msPerSecond: 10 });
    original = await rig.group(rig.estate.webGroup);
  }, 120_000);
  afterAll(async () => {
    await rig?.close();
  });

  /** The launch template version the group launches, `$Latest` and `$Default` resolved. */
  const launchedVersion = async (g: AutoScalingGroup): Promise<string> => {
    const lt = g.LaunchTemplate!;
    if (!lt.Version!.startsWith('$')) return lt.Version!;
    const res = await rig.sim.ec2.send(
      new DescribeLaunchTemplateVersionsCommand({
        LaunchTemplateId: lt.LaunchTemplateId,
        Versions: [lt.Version!],
      }),
    );
    return String(res.LaunchTemplateVersions![0]!.VersionNumber);
  };

  /** The group back to its size, its processes resumed; on the new version, or on its old instances. */
  const expectGroupRestored = async (o: KillOutcome, before: string) => {
    const g = await until(
      'the group back to its size, every instance in service',
      async () => {
        const g = await rig.group(rig.estate.webGroup);
        const settled =
          g.Instances!.length === original.DesiredCapacity &&
          g.Instances!.every((i) => i.LifecycleState === 'InService');
        return settled ? g : undefined;
      },
      { ms: 20_000, everyMs: 50 },
    );
    expect(g.DesiredCapacity).toBe(original.DesiredCapacity);
    expect(g.MinSize).toBe(original.MinSize);
    expect(g.MaxSize).toBe(original.MaxSize);
    expect(g.SuspendedProcesses).toEqual([]);
    expect(g.Instances!.every((i) => !i.ProtectedFromScaleIn))
      .withContext('protection')
      .toBeTrue();
    const outputs = (step: string) => stepState(o.item, step).outputs;
    if (o.final.Status === 'Success') {
      const version = z.string().parse(outputs('create-launch-template-version')['newTemplateVersion']);
      expect(g.Instances!.map((i) => i.LaunchTemplate?.Version)).toEqual(g.Instances!.map(() => version));
      expect(await launchedVersion(g)).toBe(version);
    } else {
      // what launches next is what launched before, and the instances are those it had
      expect(await launchedVersion(g))
        .withContext('the version the group launches')
        .toBe(before);
      const old = z.array(z.string()).optional().parse(outputs('record-capacity')['oldInstanceIds']);
      if (old) expect(g.Instances!.map((i) => i.InstanceId!).sort()).toEqual([...old].sort());
    }
  };

  for (const round of rounds) {
    it(`round ${round.round}: killed in ${round.hold.step} (${round.hold.how}), it ends Success or Rolled Back, the group its own size, no lease held`, async () => {
      const before = await launchedVersion(await rig.group(rig.estate.webGroup));
      const o = await runKillRound(rig, SCALE_UP, round, {
        environment: rig.estate.environment,
        service: rig.estate.webService,
        version: `3.${round.round}.0`,
      });
      console.log(describeRound(SEED, round, o));
      tally.add(o.heldIn, o.final.Status);

      expect(['Success', 'Rolled Back'])
        .withContext(`${o.final.Status}: ${o.final.ErrorReason}`)
        .toContain(o.final.Status);
      if (o.rollback === 'accepted') expect(o.final.Status).toBe('Rolled Back');
      if (o.rollback === 'refused') expect(o.final.Status).toBe('Success');
      await expectGroupRestored(o, before);
      await expectReleased(rig, o);
    }, 90_000);
  }

  it('killed the engine inside every step at least once', () => {
    console.log(tally.table());
    expect(tally.missing()).withContext('steps no SIGKILL landed in').toEqual([]);
  });
});
