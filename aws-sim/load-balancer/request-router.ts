import type { Cloud } from '../cloud';
import type { ListenerRecord } from '../elbv2/elbv2-model';
import type { Elbv2Store } from '../elbv2/elbv2-store';
import {
  actionForPath,
  compileListenerRoutes,
  type ListenerRoutes,
  type TargetPool,
} from './listener-routes';
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

const NOWHERE: Route = { kind: 'none' };

/**
 * Routes requests by each listener's routing table, compiled once per change of the records (the cloud's
 * revision) rather than per request: round-robin over a group's healthy targets, failing open over its
 * serving ones when none is healthy.
 */
export class RequestRouter {
  private readonly turns = new Map<string, number>();
  private readonly tables = new WeakMap<ListenerRecord, { revision: number; routes: ListenerRoutes }>();

  constructor(
    private readonly cloud: Cloud,
    private readonly store: Elbv2Store,
  ) {}

  /** Where a request for `path` (without its query) goes now. */
  route(listener: ListenerRecord, path: string): Route {
    const action = actionForPath(this.routesOf(listener), path);
    if (action.kind !== 'forward') return action;
    const chosen = weightedChoice(action.groups);
    const group = chosen && action.pools.get(chosen.targetGroupArn);
    return group ? this.pickTarget(group) : NOWHERE;
  }

  private routesOf(listener: ListenerRecord): ListenerRoutes {
    const revision = this.cloud.revision;
    const table = this.tables.get(listener);
    if (table?.revision === revision) return table.routes;
    const routes = compileListenerRoutes(this.cloud, this.store, listener);
    this.tables.set(listener, { revision, routes });
    return routes;
  }

  private pickTarget(pool: TargetPool): Route {
    const { targets } = pool;
    if (!targets.length) return NOWHERE;
    const turn = this.turns.get(pool.targetGroupArn) ?? 0;
    this.turns.set(pool.targetGroupArn, turn + 1);
    const { targetId, instance } = targets[turn % targets.length]!;
    // the port is read now: a target double in the specs may point an instance somewhere else
    return instance.localPort === undefined
      ? NOWHERE
      : { kind: 'target', targetId, port: instance.localPort };
  }
}
