import { startDynamoDbLocal, type DynamoDbLocal } from '../../server/adapters/dynamodb/dynamodb-local';

let shared: Promise<DynamoDbLocal> | undefined;

/**
 * One in-memory DynamoDB Local for the whole spec run (AWS's real engine; every spec uses its own table
 * prefix). It answers for minutes, so it runs with the optimizing compiler ('long').
 */
export function testDynamoDb(): Promise<DynamoDbLocal> {
  return (shared ??= startDynamoDbLocal(undefined, 'long'));
}

/** Stops the shared DynamoDB Local, if it was started. */
export async function stopTestDynamoDb(): Promise<void> {
  if (shared) await (await shared).stop();
  shared = undefined;
}
