import type { OpsState } from '@shared/environments/ops-state';
import type { NotificationEvent } from '@shared/notifications/notification-event';
import type { Actor } from '../catalogue/record-store';
import { newEvent } from './new-event';

/** The event a change of an environment's operations state is, if its deploy lock changed. */
export function lockEvent(
  environment: string,
  before: OpsState,
  after: OpsState,
  actor: Actor,
  now?: number,
): NotificationEvent | undefined {
  if (before.DeploymentsLocked === after.DeploymentsLocked) return undefined;
  const reason = after.DeploymentsLocked ? after.LockReason : undefined;
  return newEvent(
    {
      Type: after.DeploymentsLocked ? 'environment.locked' : 'environment.unlocked',
      Environment: environment,
      Summary: after.DeploymentsLocked
        ? `Deployments to ${environment} were locked by ${actor.username}${reason ? `: ${reason}` : ''}`
        : `Deployments to ${environment} were unlocked by ${actor.username}`,
      By: actor.username,
      ...(reason ? { Details: { Reason: reason } } : {}),
    },
    now,
  );
}
