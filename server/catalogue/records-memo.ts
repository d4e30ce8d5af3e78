import type { Kind, StoredRecord } from './record-store';

/** Records of one kind, and what they were derived from (a generation counter, a source array). */
interface Remembered<K extends Kind> {
  readonly from: unknown;
  readonly records: readonly StoredRecord<K>[];
}

/**
 * The last records derived for each kind, typed by kind (a `Map<Kind, ...>` would lose which kind's
 * records it holds). One slot per kind: a newer derivation replaces the older.
 */
export class RecordsMemo {
  private readonly slots: { readonly [K in Kind]: { last?: Remembered<K> } } = {
    Account: {},
    Cluster: {},
    DeploymentMap: {},
    Environment: {},
    EnvironmentOps: {},
    EnvironmentType: {},
    FeatureToggle: {},
    FeatureToggleState: {},
    Group: {},
    NotificationSettings: {},
    Permission: {},
    Service: {},
    User: {},
  };

  /** The kind's remembered records, if they were derived from `from` (compared by identity). */
  get<K extends Kind>(kind: K, from: unknown): readonly StoredRecord<K>[] | undefined {
    const last = this.slots[kind].last;
    return last && last.from === from ? last.records : undefined;
  }

  /** Remembers the kind's records as derived from `from`. */
  set<K extends Kind>(kind: K, from: unknown, records: readonly StoredRecord<K>[]): void {
    this.slots[kind].last = { from, records };
  }
}
