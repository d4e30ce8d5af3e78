import { stopTestDynamoDb } from './dynamodb';

jasmine.DEFAULT_TIMEOUT_INTERVAL = 30_000;

afterAll(async () => {
  await stopTestDynamoDb();
});
