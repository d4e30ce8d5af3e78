import type { Cloud, SimInstance } from '../cloud';
import type {
  ActionRecord,
  ListenerRecord,
  TargetGroupRecord,
  WeightedTargetGroup,
} from '../elbv2/elbv2-model';
import type { Elbv2Store } from '../elbv2/elbv2-store';
import { isServing } from '../elbv2/target-health';
import { compilePathPattern } from './path-pattern';

/** A target a request may go to; its instance is read at request time for the port it serves on. */
export interface PoolTarget {
  readonly targetId: string;
  readonly instance: SimInstance;
}

/** The targets of a group that take new requests: the healthy ones, or every serving one when none is. */
export interface TargetPool {
  readonly targetGroupArn: string;
  readonly targets: readonly PoolTarget[];
}

/** An action made ready to route: a fixed response, or target groups by weight with their pools. */
export type CompiledAction =
  | {
      readonly kind: 'fixed';
      readonly statusCode: number;
      readonly contentType?: string;
      readonly body?: string;
    }
  | {
      readonly kind: 'forward';
      /** The record's own list: the weighted choice keeps its running credits per list. */
      readonly groups: readonly WeightedTargetGroup[];
      readonly pools: ReadonlyMap<string, TargetPool>;
    }
  | { readonly kind: 'none' };

/** A rule with its path patterns compiled. */
interface CompiledRule {
  /** Every path-pattern condition, each matching when any of its patterns does. */
  readonly pathConditions: readonly (readonly RegExp[])[];
  readonly action: CompiledAction;
}

/** A listener's routing table: its rules by priority, then its default action. */
export interface ListenerRoutes {
  readonly rules: readonly CompiledRule[];
  readonly defaultAction: CompiledAction;
}

const NONE: CompiledAction = { kind: 'none' };

function pool(cloud: Cloud, group: TargetGroupRecord): TargetPool {
  const serving: (PoolTarget & { healthy: boolean })[] = [];
  for (const target of group.targets) {
    const instance = cloud.ec2.instance(target.id);
    if (instance && isServing(target, instance))
      serving.push({ targetId: target.id, instance, healthy: target.phase === 'healthy' });
  }
  const healthy = group.healthCheck.enabled ? serving.filter((t) => t.healthy) : serving;
  const chosen = healthy.length ? healthy : serving;
  return {
    targetGroupArn: group.arn,
    targets: chosen.map(({ targetId, instance }) => ({ targetId, instance })),
  };
}

function compileAction(
  cloud: Cloud,
  store: Elbv2Store,
  action: ActionRecord | undefined,
  pools: Map<string, TargetPool>,
): CompiledAction {
  if (!action) return NONE;
  if (action.type === 'fixed-response')
    return {
      kind: 'fixed',
      statusCode: Number(action.fixedResponse?.statusCode ?? 503),
      contentType: action.fixedResponse?.contentType,
      body: action.fixedResponse?.messageBody,
    };
  for (const { targetGroupArn } of action.forward) {
    const group = store.targetGroups.get(targetGroupArn);
    if (group && !pools.has(group.arn)) pools.set(group.arn, pool(cloud, group));
  }
  return { kind: 'forward', groups: action.forward, pools };
}

/**
 * Compiles a listener's routing table from the records as they are now: path patterns as regular
 * expressions, and each target group's pool of targets that take requests. A table is rebuilt whenever the
 * records change, so a request only matches a path and picks a target.
 */
export function compileListenerRoutes(
  cloud: Cloud,
  store: Elbv2Store,
  listener: ListenerRecord,
): ListenerRoutes {
  // one pool per group, shared by every action that forwards to it
  const pools = new Map<string, TargetPool>();
  return {
    rules: listener.rules.map((rule) => ({
      pathConditions: rule.conditions
        .filter((c) => c.field === 'path-pattern')
        .map((c) => c.values.map(compilePathPattern)),
      action: compileAction(cloud, store, rule.actions[0], pools),
    })),
    defaultAction: compileAction(cloud, store, listener.defaultActions[0], pools),
  };
}

/** The action for a path: the first rule by priority whose path patterns all match, else the default. */
export function actionForPath(routes: ListenerRoutes, path: string): CompiledAction {
  for (const rule of routes.rules)
    if (rule.pathConditions.every((patterns) => patterns.some((re) => re.test(path)))) return rule.action;
  return routes.defaultAction;
}
