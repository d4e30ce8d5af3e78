import type { CrashRig } from './crash-rig';
import type { KillOutcome } from './kill-round';

/** Expects the ended deployment to hold no lease, to be out of the due index, and its locks gone. */
export async function expectReleased(rig: CrashRig, o: KillOutcome): Promise<void> {
  expect(o.item.LeaseOwner).withContext('lease owner').toBeUndefined();
  expect(o.item.LeaseExpiresAt).withContext('lease expiry').toBeUndefined();
  expect(o.item.Active).withContext('still due').toBeUndefined();
  expect(await rig.lock(o.final.EnvironmentName, o.final.ServiceName))
    .withContext('target lock')
    .toBeUndefined();
  const groups = [o.final.Resources?.AutoScalingGroup, o.final.Resources?.LiveAutoScalingGroup];
  for (const group of groups.filter((g) => g !== undefined)) {
    expect(await rig.groupLock(group))
      .withContext(`lock of ${group}`)
      .toBeUndefined();
  }
}
