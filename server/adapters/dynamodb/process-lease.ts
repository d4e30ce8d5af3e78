import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDb } from './document-client';

/**
 * Takes or renews a lease that lets one portal process at a time do a background job (the scheduler, the
 * notification dispatcher): one conditional write of the item at `key`, which succeeds when the lease is
 * free, expired or already `owner`'s. False when another live owner holds it.
 */
export async function takeProcessLease(
  db: DynamoDb,
  table: string,
  key: Record<string, string>,
  lease: { readonly owner: string; readonly now: number; readonly until: number },
): Promise<boolean> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: table,
        Key: key,
        UpdateExpression: 'SET LeaseOwner = :owner, LeaseExpiresAt = :until',
        ConditionExpression:
          'attribute_not_exists(LeaseOwner) OR LeaseOwner = :owner OR LeaseExpiresAt <= :now',
        ExpressionAttributeValues: { ':owner': lease.owner, ':until': lease.until, ':now': lease.now },
      }),
    );
    return true;
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) return false;
    throw e;
  }
}
