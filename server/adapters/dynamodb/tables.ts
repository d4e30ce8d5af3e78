import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';

/**
 * The portal's tables. Keys are chosen so that every list the API serves is a Query, never a Scan:
 *
 * - Config: `Kind` (S, e.g. `Service`) + `Key` (S, the record's name). One partition per kind holds every
 *   catalogue record, user, group and permission record; `PortClaim` items (Key = port number, `Owner` =
 *   service) make port uniqueness a conditional write. Referenced records carry a `ReferencedBy` string
 *   set, so a delete of something still referenced fails its condition and can name the referrers.
 * - Audit: `Bucket` (S, `YYYY-MM` of the change) + `AuditID` (S, a ULID: sorts by time). GSI `ByEntity`:
 *   `EntityRef` (`Type#Key`) + `AuditID`.
 * - Sessions: `TokenHash` (S, SHA-256 of a session cookie, bearer or API token; also `LoginFailures#...`
 *   counters). TTL on `ExpiresAt`. Sparse GSI `ByOwner`: `ApiTokenOwner` + `CreatedAt` lists a user's
 *   personal API tokens, and (`ApiTokenOwner` = `toggle-tokens:`, which no username can be) the feature
 *   toggle tokens.
 * - Deployments: `PK` + `SK`. A deployment is `DEPLOYMENT#<id>` / `RECORD` (with its lease), its log
 *   `DEPLOYMENT#<id>` / `LOG#<time><version><random>` items, each the `Lines` of one write (older items
 *   hold one line: `At`, `Level`, `Message`); the locks, written in the same transaction as the record
 *   and released with its last save, are `LOCK#<environment>#<service>` / `LOCK` (one deployment per
 *   service and environment) and `LOCK#GROUP#<asg>` / `LOCK` (one change at a time per Auto Scaling
 *   group: each group the deployment changes). GSI `ByMonth`
 *   (`Month` + `StartKey`) serves the history; sparse GSI `Due` (`Active` + `DueAt`, the time an engine
 *   must next look: the end of the lease that holds it, or the next check of an unheld one) gives the
 *   engines only the deployments that have something due. (Tables made before `Due` existed also keep an
 *   unused sparse GSI `Active`.)
 * - Notifications: `PK` + `SK`. The outbox: `OUTBOX#<event id>` / `EVENT`, written in the same transaction
 *   as the change that is the event, with the event and each target's attempts; sparse GSI `Pending`
 *   (`Pending` + `DueAt`) holds it until every target is delivered or given up; then it expires (TTL on
 *   `ExpiresAt`, 30 days). The delivery log:
 *   `DELIVERIES#<settings id>` / `<ULID>`, one item per attempt (TTL on `ExpiresAt`). The dispatcher's
 *   lease: `LEASE` / `DISPATCHER`.
 */
export interface TableNames {
  readonly config: string;
  readonly audit: string;
  readonly sessions: string;
  readonly deployments: string;
  readonly notifications: string;
}

/** The table names for a prefix. */
export function tableNames(prefix: string): TableNames {
  return {
    config: `${prefix}Config`,
    audit: `${prefix}Audit`,
    sessions: `${prefix}Sessions`,
    deployments: `${prefix}Deployments`,
    notifications: `${prefix}Notifications`,
  };
}

function definitions(names: TableNames): CreateTableCommandInput[] {
  return [
    {
      TableName: names.config,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'Kind', AttributeType: 'S' },
        { AttributeName: 'Key', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'Kind', KeyType: 'HASH' },
        { AttributeName: 'Key', KeyType: 'RANGE' },
      ],
    },
    {
      TableName: names.audit,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'Bucket', AttributeType: 'S' },
        { AttributeName: 'AuditID', AttributeType: 'S' },
        { AttributeName: 'EntityRef', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'Bucket', KeyType: 'HASH' },
        { AttributeName: 'AuditID', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'ByEntity',
          KeySchema: [
            { AttributeName: 'EntityRef', KeyType: 'HASH' },
            { AttributeName: 'AuditID', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    },
    {
      TableName: names.sessions,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'TokenHash', AttributeType: 'S' },
        { AttributeName: 'ApiTokenOwner', AttributeType: 'S' },
        { AttributeName: 'CreatedAt', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'TokenHash', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'ByOwner',
          KeySchema: [
            { AttributeName: 'ApiTokenOwner', KeyType: 'HASH' },
            { AttributeName: 'CreatedAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    },
    {
      TableName: names.deployments,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'PK', AttributeType: 'S' },
        { AttributeName: 'SK', AttributeType: 'S' },
        { AttributeName: 'Month', AttributeType: 'S' },
        { AttributeName: 'Active', AttributeType: 'S' },
        { AttributeName: 'StartKey', AttributeType: 'S' },
        { AttributeName: 'DueAt', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'ByMonth',
          KeySchema: [
            { AttributeName: 'Month', KeyType: 'HASH' },
            { AttributeName: 'StartKey', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: 'Due',
          KeySchema: [
            { AttributeName: 'Active', KeyType: 'HASH' },
            { AttributeName: 'DueAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    },
    {
      TableName: names.notifications,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'PK', AttributeType: 'S' },
        { AttributeName: 'SK', AttributeType: 'S' },
        { AttributeName: 'Pending', AttributeType: 'S' },
        { AttributeName: 'DueAt', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'Pending',
          KeySchema: [
            { AttributeName: 'Pending', KeyType: 'HASH' },
            { AttributeName: 'DueAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    },
  ];
}

async function waitActive(client: DynamoDBClient, TableName: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName }));
    const gsisActive = (Table?.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && gsisActive) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`table ${TableName} did not become active`);
}

/** Adds the indexes a table made by an older version lacks (one at a time, as DynamoDB allows). */
async function addMissingIndexes(
  client: DynamoDBClient,
  def: CreateTableCommandInput,
  existing: ReadonlySet<string | undefined>,
): Promise<void> {
  for (const index of def.GlobalSecondaryIndexes ?? []) {
    if (existing.has(index.IndexName)) continue;
    const attributes = new Set(index.KeySchema?.map((k) => k.AttributeName));
    try {
      await client.send(
        new UpdateTableCommand({
          TableName: def.TableName,
          AttributeDefinitions: def.AttributeDefinitions?.filter((a) => attributes.has(a.AttributeName)),
          GlobalSecondaryIndexUpdates: [{ Create: index }],
        }),
      );
    } catch (e) {
      // another portal process added it meanwhile
      if (!(e instanceof ResourceInUseException)) throw e;
    }
    await waitActive(client, def.TableName!);
  }
}

/** Creates the tables that are missing and waits until all are active. Safe to run on every start. */
export async function ensureTables(client: DynamoDBClient, names: TableNames): Promise<void> {
  for (const def of definitions(names)) {
    const TableName = def.TableName!;
    let created = false;
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName }));
      await addMissingIndexes(
        client,
        def,
        new Set((Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName)),
      );
    } catch (e) {
      if (!(e instanceof ResourceNotFoundException)) throw e;
      try {
        await client.send(new CreateTableCommand(def));
        created = true;
      } catch (err) {
        // another portal process created it between our describe and create
        if (!(err instanceof ResourceInUseException)) throw err;
      }
    }
    await waitActive(client, TableName);
    if (created && (TableName === names.sessions || TableName === names.notifications)) {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName,
          TimeToLiveSpecification: { AttributeName: 'ExpiresAt', Enabled: true },
        }),
      );
    }
  }
}
