import type { CrashRig } from './crash-rig';
import type { KillOutcome } from './kill-round';

/** Expects the ended deployment to hold no lease, to be out of the due index, and its target lock gone. */
export async function expectReleased(rig: CrashRig, o: KillOutcome): Promise<void> {
  expect(o.item.LeaseOwner).withContext('lease owner').toBeUndefined();
  expect(o.item.LeaseExpiresAt).withContext('lease expiry').toBeUndefined();
  expect(o.item.Active).withContext('still due').toBeUndefined();
  expect(await rig.lock(o.final.EnvironmentName, o.final.ServiceName))
    .withContext('target lock')
    .toBeUndefined();
}
