import type { BreakGlassRecord, BreakGlassRequest, PlannedFreeze } from '@shared/governance/break-glass';
import type { Logger } from '../logger';

/** A freeze window overridden with break-glass: what was let through, by whom, why and past which window. */
export interface BreakGlassUsed {
  /** A deployment (its id) or an image patch operation (its PatchID). */
  readonly kind: 'deployment' | 'patch';
  readonly id: string;
  readonly environment: string;
  readonly environmentType: string;
  /** The cluster whose grants governed the request (the role's, or the patch's). */
  readonly cluster: string;
  /** What was deployed (`Basket@2.9.0`) or patched onto (the image). */
  readonly subject: string;
  readonly record: BreakGlassRecord;
}

/**
 * Announces a break-glass override once it is recorded (and audited with its record). The notifications
 * feature hooks in here: the composition root (server/portal.ts) gives Deployments and Patches the
 * announcer; the default only logs. An announcer's failure never undoes or fails the request.
 */
export type AnnounceBreakGlass = (event: BreakGlassUsed) => void | Promise<void>;

/** The default announcer: a warning in the portal's log. */
export function logBreakGlass(logger: Logger): AnnounceBreakGlass {
  return (event) =>
    logger.warn('break-glass: freeze window overridden', {
      kind: event.kind,
      id: event.id,
      environment: event.environment,
      cluster: event.cluster,
      subject: event.subject,
      by: event.record.By,
      reason: event.record.Reason,
      window: event.record.Window.Name,
    });
}

/** An announcer that never fails the request: what the one it wraps throws is logged. */
export function guardedAnnouncer(announce: AnnounceBreakGlass, logger: Logger): AnnounceBreakGlass {
  return async (event) => {
    try {
      await announce(event);
    } catch (e) {
      logger.error('break-glass announcement failed', {
        id: event.id,
        error: e instanceof Error ? e.message : String(e),
      });
    }
  };
}

/** What a request that broke the glass past a window records (undefined when no window stood in the way). */
export function breakGlassRecordOf(
  freeze: PlannedFreeze | undefined,
  request: BreakGlassRequest | undefined,
  by: string,
  now: number,
): BreakGlassRecord | undefined {
  if (!freeze?.Overridden || !request) return undefined;
  const { Overridden: _overridden, ...window } = freeze;
  return { By: by, Reason: request.reason, At: new Date(now).toISOString(), Window: window };
}

/** The log line of a deployment or patch that broke the glass. */
export function breakGlassLogLine(record: BreakGlassRecord): string {
  return `break-glass: ${record.By} overrode the freeze window "${record.Window.Name}" (until ${record.Window.EndsAt}): ${record.Reason}`;
}
