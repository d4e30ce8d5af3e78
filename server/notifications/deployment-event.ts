import type { Deployment, DeploymentStatus } from '@shared/deployments/deployment';
import type { NotificationEvent, NotificationEventType } from '@shared/notifications/notification-event';
import { newEvent } from './new-event';

type Value = Deployment['Value'];
type Outcome = 'started' | 'succeeded' | 'failed' | 'rolled-back' | 'cancelled' | 'awaiting-approval';

const outcomeOf: Partial<Record<DeploymentStatus, Outcome>> = {
  Success: 'succeeded',
  Failed: 'failed',
  'Rollback Failed': 'failed',
  'Rolled Back': 'rolled-back',
  Cancelled: 'cancelled',
  'Awaiting Approval': 'awaiting-approval',
};

const words: Record<Outcome, string> = {
  started: 'started',
  succeeded: 'succeeded',
  failed: 'failed',
  'rolled-back': 'was rolled back',
  cancelled: 'was cancelled',
  'awaiting-approval': 'is awaiting approval',
};

/**
 * Whether this save starts the deployment: its first In Progress, from Queued, or from an approval it
 * waited for before any step had run (an approval before full traffic comes after steps that ran).
 */
function isStart(before: Value | undefined, after: Value): boolean {
  if (after.Status !== 'In Progress') return false;
  if (!before || before.Status === 'Queued') return true;
  return before.Status === 'Awaiting Approval' && !before.Steps.some((s) => s.status === 'succeeded');
}

/** The outcome a change of status is, if it is one that notifies. */
function outcome(before: Value | undefined, after: Value): Outcome | undefined {
  if (before?.Status === after.Status) return undefined;
  if (isStart(before, after)) return 'started';
  return outcomeOf[after.Status];
}

/**
 * The event a save of a deployment is, if any: a version deployment's or an image patch operation's
 * start, end or wait for approval. A group's patch (`patch`) is one step of its operation and notifies
 * nothing of its own: the operation's start and end say it, once per patch rather than once per group.
 */
export function deploymentEvent(
  id: string,
  before: Value | undefined,
  after: Value,
  now?: number,
): NotificationEvent | undefined {
  if (after.DeploymentType === 'patch') return undefined;
  const o = outcome(before, after);
  if (!o) return undefined;
  const isPatch = after.DeploymentType === 'patch-operation';
  const type = `${isPatch ? 'patch' : 'deployment'}.${o}` as NotificationEventType;
  const what = isPatch
    ? `Image patch of ${after.EnvironmentName}${after.PatchOperation ? ` onto ${after.PatchOperation.ToImage}` : ''}`
    : `Deployment of ${after.ServiceName} ${after.ServiceVersion} to ${after.EnvironmentName}`;
  const reason = o === 'failed' || o === 'rolled-back' ? after.ErrorReason : undefined;
  return newEvent(
    {
      Type: type,
      Environment: after.EnvironmentName,
      Summary: `${what} ${words[o]}${reason ? `: ${reason}` : ''}`,
      By: after.User,
      Deployment: {
        DeploymentID: id,
        DeploymentType: after.DeploymentType,
        ServiceName: after.ServiceName,
        ServiceVersion: after.ServiceVersion,
        ServerRoleName: after.ServerRoleName,
        Status: after.Status,
        User: after.User,
        ...(after.ErrorReason ? { ErrorReason: after.ErrorReason } : {}),
      },
    },
    now,
  );
}
