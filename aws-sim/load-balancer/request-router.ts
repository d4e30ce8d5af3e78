import type { Cloud } from '../cloud';
import type { ActionRecord, ListenerRecord, TargetGroupRecord } from '../elbv2/elbv2-model';
import type { Elbv2Store } from '../elbv2/elbv2-store';
import { isServing } from '../elbv2/target-health';
import { matchesPathPattern } from './path-pattern';
import { weightedChoice } from './weighted-choice';

/** Where a request goes: a target's loopback port, a fixed response, or nowhere (503). */
export type Route =
  | { readonly kind: 'target'; readonly targetId: string; readonly port: number }
  | {
      readonly kind: 'fixed';
      readonly statusCode: number;
      readonly contentType?: string;
      readonly body?: string;
    }
  | { readonly kind: 'none' };

/** The action for a path: the first rule by priority whose path patterns match, else the default actions. */
export function actionFor(listener: ListenerRecord, path: string): ActionRecord | undefined {
  const rule = listener.rules.find((r) =>
    r.conditions.every(
      (c) => c.field !== 'path-pattern' || c.values.some((p) => matchesPathPattern(path, p)),
    ),
  );
  return (rule?.actions ?? listener.defaultActions)[0];
}

/** Round-robin over a group's healthy targets, failing open over its non-draining ones when none is healthy. */
export class RequestRouter {
  private readonly turns = new Map<string, number>();

  constructor(
    private readonly cloud: Cloud,
    private readonly store: Elbv2Store,
  ) {}

  route(listener: ListenerRecord, path: string): Route {
    const action = actionFor(listener, path);
    if (!action) return { kind: 'none' };
    if (action.type === 'fixed-response')
      return {
        kind: 'fixed',
        statusCode: Number(action.fixedResponse?.statusCode ?? 503),
        contentType: action.fixedResponse?.contentType,
        body: action.fixedResponse?.messageBody,
      };
    const chosen = weightedChoice(action.forward);
    const group = chosen && this.store.targetGroups.get(chosen.targetGroupArn);
    return group ? this.pickTarget(group) : { kind: 'none' };
  }

  private pickTarget(group: TargetGroupRecord): Route {
    const serving = group.targets
      .map((target) => ({ target, instance: this.cloud.ec2.instance(target.id) }))
      .filter(({ target, instance }) => isServing(target, instance));
    const healthy = group.healthCheck.enabled
      ? serving.filter(({ target }) => target.phase === 'healthy')
      : serving;
    const pool = healthy.length ? healthy : serving;
    if (!pool.length) return { kind: 'none' };
    const turn = this.turns.get(group.arn) ?? 0;
    this.turns.set(group.arn, turn + 1);
    const { target, instance } = pool[turn % pool.length]!;
    return { kind: 'target', targetId: target.id, port: instance!.localPort! };
  }
}
