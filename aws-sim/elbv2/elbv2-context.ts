import type { Cloud } from '../cloud';
import type { QueryParams } from '../protocol/query-params';
import type { XmlValue } from '../protocol/xml';
import type { Elbv2Store } from './elbv2-store';
import type { TargetRegistry } from './target-registry';

/** What the ELBv2 action handlers work with. */
export interface Elbv2Context {
  readonly cloud: Cloud;
  readonly store: Elbv2Store;
  readonly registry: TargetRegistry;
  /** Brings the listeners' proxies in line with the listener records (opens new ones, closes gone ones). */
  syncListeners(): Promise<void>;
}

/** Action handlers by action name. */
export type ActionHandlers = Record<string, (params: QueryParams) => XmlValue | Promise<XmlValue>>;
