import { randomBytes } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DeploymentLogLine } from '@shared/deployments/deployment';
import type { DynamoDb } from '../../../server/adapters/dynamodb/document-client';
import type { DynamoDbDeploymentStore } from '../../../server/adapters/dynamodb/dynamodb-deployment-store';
import type { TableNames } from '../../../server/adapters/dynamodb/tables';
import { StaleVersionError } from '../../../server/errors/domain-errors';
import { aDeploymentOf, aDeploymentValue } from '../../fixtures/deployment-value';
import { deploymentStoreOnFreshTables } from '../../support/deployment-store';

const line = (at: number, message: string): DeploymentLogLine => ({
  at: new Date(at).toISOString(),
  level: 'info',
  message,
});

describe('the deployment log in DynamoDB', () => {
  let db: DynamoDb;
  let tables: TableNames;
  let store: DynamoDbDeploymentStore;

  beforeAll(async () => {
    ({ db, tables, store } = await deploymentStoreOnFreshTables());
  });

  it('keeps every line of every save in order, the lines of one millisecond too, beside one-line items of older portals', async () => {
    const id = `D${randomBytes(6).toString('hex')}`;
    const t = Date.now();
    let d = await store.create(id, aDeploymentOf(`svc-${id}`), { log: [line(t, 'requested')] });
    // an item as portals before one item per write wrote it: one line, no Lines
    await db.doc.send(
      new PutCommand({
        TableName: tables.deployments,
        Item: {
          PK: `DEPLOYMENT#${id}`,
          SK: 'LOG#0',
          At: new Date(t - 1).toISOString(),
          Level: 'warn',
          Message: 'older',
        },
      }),
    );
    // two saves in the same millisecond, and one save of more lines than one item holds
    d = await store.save(
      d,
      { ...d.value, Status: 'In Progress' },
      { log: [line(t + 5, 'a1'), line(t + 5, 'a2')] },
    );
    d = await store.save(d, d.value, { log: [line(t + 5, 'b1')] });
    const many = Array.from({ length: 120 }, (_, i) => line(t + 6, `m${i}`));
    d = await store.save(d, d.value, { log: many });

    const log = await store.log(id);
    expect(log.map((l) => l.message)).toEqual([
      'older',
      'requested',
      'a1',
      'a2',
      'b1',
      ...many.map((l) => l.message),
    ]);
    expect(log[0]).toEqual({ at: new Date(t - 1).toISOString(), level: 'warn', message: 'older' });
    expect((await store.get(id))!.version).toBe(d.version);
  });

  it('refuses a stale save with StaleVersionError and leaves the record as it was', async () => {
    const id = `D${randomBytes(6).toString('hex')}`;
    const d = await store.create(id, aDeploymentOf(`svc-${id}`), { log: [] });
    const saved = await store.save(d, { ...d.value, Status: 'In Progress' }, { log: [] });
    await expectAsync(
      store.save(d, { ...d.value, Status: 'Failed' }, { log: [line(Date.now(), 'stale')] }),
    ).toBeRejectedWithError(StaleVersionError);
    const now = (await store.get(id))!;
    expect(now.version).toBe(saved.version);
    expect(now.value.Status).toBe('In Progress');
  });

  it('lists by deployment type and without a service in the query, so that a page is full: image patches do not crowd others out', async () => {
    const environment = `env-${randomBytes(4).toString('hex')}`;
    const at = (ms: number) => new Date(Date.now() - ms).toISOString();
    const put = (id: string, extra: Parameters<typeof aDeploymentValue>[0]) =>
      store.create(id, aDeploymentValue({ EnvironmentName: environment, Status: 'Success', ...extra }), {
        log: [],
      });
    const group = (n: number) => ({
      ServiceName: 'image-patch',
      DeploymentType: 'patch' as const,
      AutoScalingGroupName: `${environment}-g${n}`,
      Resources: { AutoScalingGroup: `${environment}-g${n}` },
    });
    await put(`${environment}-old-op`, {
      ServiceName: 'image-patch',
      DeploymentType: 'patch-operation',
      StartTimestamp: at(60_000),
    });
    await put(`${environment}-web`, { ServiceName: 'web', StartTimestamp: at(50_000) });
    // newer than both: five groups' patches
    for (let n = 1; n <= 5; n++)
      await put(`${environment}-op-${n}`, { ...group(n), StartTimestamp: at(40_000 - n) });
    const q = { since: Date.now() - 3_600_000, until: Date.now(), environment, limit: 1 };

    const operations = await store.list({ ...q, service: 'image-patch', deploymentType: 'patch-operation' });
    expect(operations.items.map((d) => d.id)).toEqual([`${environment}-old-op`]);
    const history = await store.list({ ...q, exceptService: 'image-patch' });
    expect(history.items.map((d) => d.id)).toEqual([`${environment}-web`]);
    const all = await store.list({ ...q, limit: 10 });
    expect(all.items.length).toBe(7);
  });
});
