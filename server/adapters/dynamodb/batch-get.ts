import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { DynamoDb } from './document-client';

/** How often keys DynamoDB left unprocessed (throttled) are asked for again, with backoff, before giving up. */
const ATTEMPTS = 8;
/** BatchGetItem's limit of keys per request. */
const KEYS_PER_REQUEST = 100;

/** The attributes a batch read answers (DynamoDB's ProjectionExpression, with its attribute names). */
export interface Projection {
  readonly expression: string;
  readonly names?: Record<string, string>;
}

/**
 * Every item of `keys` in one table that exists, strongly consistent, in as few BatchGetItem requests as
 * the limit allows, whole or only the `projection`'s attributes. Keys left unprocessed are asked for again
 * with backoff; if some still are after that, it throws rather than answer as if those items did not exist.
 */
export async function batchGet(
  db: DynamoDb,
  table: string,
  keys: readonly Record<string, unknown>[],
  projection?: Projection,
): Promise<Record<string, unknown>[]> {
  const project = projection
    ? {
        ProjectionExpression: projection.expression,
        ...(projection.names ? { ExpressionAttributeNames: projection.names } : {}),
      }
    : {};
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += KEYS_PER_REQUEST) {
    let pending = keys.slice(i, i + KEYS_PER_REQUEST);
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt === ATTEMPTS)
        throw new Error(
          `DynamoDB left ${pending.length} key(s) of ${table} unread after ${ATTEMPTS} attempts`,
        );
      if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** (attempt - 1)));
      const res: BatchGetCommandOutput = await db.doc.send(
        new BatchGetCommand({
          RequestItems: { [table]: { Keys: pending, ConsistentRead: true, ...project } },
        }),
      );
      out.push(...(res.Responses?.[table] ?? []));
      pending = res.UnprocessedKeys?.[table]?.Keys ?? [];
    }
  }
  return out;
}
