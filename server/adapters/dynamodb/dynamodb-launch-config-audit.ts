import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '../../catalogue/record-store';
import type { LaunchConfigAudit, LaunchConfigAuditEntry } from '../../fleet/launch-config-audit';
import { auditItem } from './audit-item';
import type { DynamoDb } from './document-client';
import type { TableNames } from './tables';

/**
 * Launch configuration changes in the audit table, as every other change (`LaunchConfig#<asg>`, the
 * version the launch template version made). The change itself is in EC2, so the entry is written once
 * it has been made: it can be missing after a crash between the two, never there without the change.
 */
export class DynamoDbLaunchConfigAudit implements LaunchConfigAudit {
  constructor(
    private readonly db: DynamoDb,
    private readonly tables: TableNames,
  ) {}

  async record(entry: LaunchConfigAuditEntry, actor: Actor): Promise<void> {
    const item = auditItem(
      this.tables.audit,
      {
        kind: 'LaunchConfig',
        key: entry.group,
        version: entry.templateVersion,
        changeType: 'Updated',
        oldValue: entry.oldValue,
        newValue: entry.newValue,
      },
      actor,
      Date.now(),
    );
    await this.db.doc.send(new TransactWriteCommand({ TransactItems: [item] }));
  }
}
