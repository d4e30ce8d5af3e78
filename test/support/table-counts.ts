import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { tableNames } from '../../server/adapters/dynamodb/tables';
import type { TestPortal } from './test-portal';

/** How many items the Config and Audit tables hold (a test-only scan, to prove nothing was written). */
export async function tableCounts(tp: TestPortal): Promise<{ config: number; audit: number }> {
  const names = tableNames(tp.tablePrefix);
  const count = async (TableName: string) => {
    let total = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const res = await tp.portal.db.doc.send(
        new ScanCommand({ TableName, Select: 'COUNT', ExclusiveStartKey: start }),
      );
      total += res.Count ?? 0;
      start = res.LastEvaluatedKey;
    } while (start);
    return total;
  };
  return { config: await count(names.config), audit: await count(names.audit) };
}
