import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AuditedKind } from '@shared/audit/audited-kind';
import type { ChangeType } from '@shared/audit/audit-entry';
import { ulid } from '../../audit/ulid';
import type { Actor } from '../../catalogue/record-store';

/** One item of a TransactWriteItems call. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** What an audit entry records about one change of one versioned record. */
export interface AuditedChange {
  readonly kind: AuditedKind;
  readonly key: string;
  /** The record's version after the change (its last version when deleted). */
  readonly version: number;
  readonly changeType: ChangeType;
  readonly oldValue: unknown;
  readonly newValue: unknown;
}

/**
 * The Put of an audit entry, to go in the same transaction as the change it records: the entry exists
 * exactly when the change does.
 */
export function auditItem(
  auditTable: string,
  change: AuditedChange,
  actor: Actor,
  now: number,
): TransactItem {
  const iso = new Date(now).toISOString();
  return {
    Put: {
      TableName: auditTable,
      Item: {
        Bucket: iso.slice(0, 7),
        AuditID: ulid(now),
        EntityRef: `${change.kind}#${change.key}`,
        Entity: { Type: change.kind, Key: change.key, Version: change.version },
        ChangeType: change.changeType,
        OldValue: change.oldValue ?? null,
        NewValue: change.newValue ?? null,
        ChangedBy: actor.username,
        TransactionID: actor.requestId,
        Source: actor.source,
        Timestamp: now,
        ISOTimestamp: iso,
      },
      ConditionExpression: 'attribute_not_exists(AuditID)',
    },
  };
}
