import { deployLockRefusal } from '../environments/deploy-lock-refusal';
import type { EnvironmentOperations } from '../environments/operations-state';
import { ConflictError } from '../errors/domain-errors';

/** What a hand-made change of a group is checked against. */
export interface GroupChangeGuards {
  readonly operations: EnvironmentOperations;
  /** The id of the unfinished deployment or patch that holds the group's lock, if any. */
  readonly deploymentOn: (group: string) => Promise<string | undefined>;
}

/**
 * Refuses a hand-made change of a group while its environment's deployments are locked (423, naming who
 * locked them) or while a deployment or patch works on it (409, naming it).
 */
export async function assertGroupMayChange(
  guards: GroupChangeGuards,
  target: { readonly name: string; readonly environment: string },
): Promise<void> {
  const refusal = deployLockRefusal(
    target.environment,
    (await guards.operations.get(target.environment)).Value,
  );
  if (refusal) throw refusal;
  const running = await guards.deploymentOn(target.name);
  if (running) {
    throw new ConflictError(
      `deployment ${running} is working on ASG ${target.name}: wait for it or cancel it first`,
    );
  }
}
