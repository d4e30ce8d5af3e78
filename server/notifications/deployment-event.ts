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

/**
 * The events a save of a deployment is: its change of status (see deploymentEvent) and, when it is
 * created past a freeze window with break-glass, that override, so that both are in the outbox exactly
 * when the record is.
 */
export function deploymentEvents(
  id: string,
  before: Value | undefined,
  after: Value,
  now?: number,
): NotificationEvent[] {
  const status = deploymentEvent(id, before, after, now);
  const glass = !before && after.BreakGlass ? breakGlassEvent(id, after, now) : undefined;
  return [...(glass ? [glass] : []), ...(status ? [status] : [])];
}

/** A deployment's or image patch operation's break-glass override of a freeze window. */
function breakGlassEvent(id: string, after: Value, now?: number): NotificationEvent | undefined {
  const glass = after.BreakGlass;
  if (!glass) return undefined;
  const isPatch = after.DeploymentType === 'patch-operation';
  const what = isPatch
    ? `an image patch of ${after.EnvironmentName}`
    : `${after.ServiceName} ${after.ServiceVersion} to ${after.EnvironmentName}`;
  return newEvent(
    {
      Type: 'break-glass.used',
      Environment: after.EnvironmentName,
      Summary: `${glass.By} broke the glass: ${what} past the freeze window "${glass.Window.Name}": ${glass.Reason}`,
      By: glass.By,
      Deployment: {
        DeploymentID: id,
        DeploymentType: after.DeploymentType,
        ServiceName: after.ServiceName,
        ServiceVersion: after.ServiceVersion,
        ServerRoleName: after.ServerRoleName,
        Status: after.Status,
        User: after.User,
      },
      Details: { Reason: glass.Reason, Window: glass.Window.Name, WindowEndsAt: glass.Window.EndsAt },
    },
    now,
  );
}
