import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '../../catalogue/record-store';
import type { FleetOperationAudit, FleetOperationAuditEntry } from '../../fleet/fleet-operation-audit';
import { auditItem } from './audit-item';
import type { DynamoDb } from './document-client';
import type { TableNames } from './tables';

/**
 * Scheduled actions and instance maintenance in the audit table, as every other change. The change itself
 * is in AWS, so the entry is written once it has been made: it can be missing after a crash between the
 * two, never there without the change. These AWS objects carry no version: the entry's is the second of
 * the change.
 */
export class DynamoDbFleetOperationAudit implements FleetOperationAudit {
  constructor(
    private readonly db: DynamoDb,
    private readonly tables: TableNames,
    private readonly now: () => number = Date.now,
  ) {}

  async record(entry: FleetOperationAuditEntry, actor: Actor): Promise<void> {
    const now = this.now();
    const item = auditItem(this.tables.audit, { ...entry, version: Math.floor(now / 1000) }, actor, now);
    await this.db.doc.send(new TransactWriteCommand({ TransactItems: [item] }));
  }
}
