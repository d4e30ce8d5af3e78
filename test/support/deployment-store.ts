import { randomBytes } from 'node:crypto';
import { createDynamoDb, type DynamoDb } from '../../server/adapters/dynamodb/document-client';
import { DynamoDbDeploymentStore } from '../../server/adapters/dynamodb/dynamodb-deployment-store';
import { ensureTables, tableNames, type TableNames } from '../../server/adapters/dynamodb/tables';
import { testDynamoDb } from './dynamodb';

/** A deployment store on tables of its own in the spec run's DynamoDB Local. */
export interface StoreOnTables {
  readonly db: DynamoDb;
  readonly tables: TableNames;
  readonly store: DynamoDbDeploymentStore;
}

/** Creates the tables (under a prefix of their own) and the store on them. */
export async function deploymentStoreOnFreshTables(): Promise<StoreOnTables> {
  const local = await testDynamoDb();
  const db = createDynamoDb('eu-west-1', local.endpoint);
  const tables = tableNames(`t${randomBytes(4).toString('hex')}-`);
  await ensureTables(db.client, tables);
  return { db, tables, store: new DynamoDbDeploymentStore(db, tables) };
}
