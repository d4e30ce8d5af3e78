import { OpsState } from '@shared/environments/ops-state';
import { LockedError } from '../errors/domain-errors';

/**
 * The 423 for a change to an environment whose deployments are locked, naming who locked them and why so
 * that the refused caller knows whom to ask; undefined while they are not locked. Takes the stored
 * operations state (`EnvironmentOps` value, absent until first changed) or an `OpsEnvironment`'s Value.
 */
export function deployLockRefusal(environment: string, state: unknown): LockedError | undefined {
  const lock = OpsState.safeParse(state ?? {});
  // A state this code cannot read refuses unless it plainly says unlocked: never deploy through a lock.
  const locked = lock.success
    ? lock.data.DeploymentsLocked
    : !(
        typeof state === 'object' &&
        state !== null &&
        'DeploymentsLocked' in state &&
        state.DeploymentsLocked === false
      );
  if (!locked) return undefined;
  const { LockedBy, LockReason } = lock.data ?? {};
  // A lock taken before locks were signed still refuses, in the words it always used.
  if (!LockedBy) return new LockedError(`deployments to ${environment} are locked`);
  const why = LockReason ? `: ${JSON.stringify(LockReason)}` : ' (no reason given)';
  return new LockedError(`${environment} is locked by ${LockedBy}${why}`);
}
