import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The DynamoDB clients of a portal process. */
export interface DynamoDb {
  readonly client: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
}

/** Creates the clients; against DynamoDB Local (an `endpoint`) it signs with fixed local credentials. */
export function createDynamoDb(region: string, endpoint: string | undefined): DynamoDb {
  const client = new DynamoDBClient({
    region,
    endpoint,
    maxAttempts: 5,
    ...(endpoint ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { client, doc };
}
