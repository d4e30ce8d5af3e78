import { randomBytes } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDb } from '../../../server/adapters/dynamodb/document-client';
import type { DynamoDbDeploymentStore } from '../../../server/adapters/dynamodb/dynamodb-deployment-store';
import type { TableNames } from '../../../server/adapters/dynamodb/tables';
import { aDeploymentOf } from '../../fixtures/deployment-value';
import { deploymentStoreOnFreshTables } from '../../support/deployment-store';

describe('batched reads of deployments in DynamoDB', () => {
  let db: DynamoDb;
  let tables: TableNames;
  let store: DynamoDbDeploymentStore;

  beforeAll(async () => {
    ({ db, tables, store } = await deploymentStoreOnFreshTables());
  });

  it('answers the status of each id (how a patch operation follows its groups) that exists, as last saved, and nothing for an id that does not', async () => {
    const a = `D${randomBytes(6).toString('hex')}`;
    const b = `D${randomBytes(6).toString('hex')}`;
    const missing = `D${randomBytes(6).toString('hex')}`;
    await store.create(a, aDeploymentOf(`svc-${a}`), { log: [] });
    const stored = await store.create(b, aDeploymentOf(`svc-${b}`), { log: [] });
    await store.save(stored, { ...stored.value, Status: 'In Progress' });

    const statuses = await store.statuses([a, b, missing, a]);

    expect(Object.fromEntries(statuses)).toEqual({ [a]: 'Queued', [b]: 'In Progress' });
  });

  it('answers more ids than one BatchGetItem takes', async () => {
    const ids = Array.from({ length: 105 }, (_, i) => `D${randomBytes(5).toString('hex')}${i}`);
    await Promise.all(ids.map((id) => store.create(id, aDeploymentOf(`svc-${id}`), { log: [] })));

    const statuses = await store.statuses(ids);

    expect(statuses.size).toBe(105);
    expect(new Set(statuses.values())).toEqual(new Set(['Queued']));
  });

  it('throws, naming the field, when a stored status is not one of the statuses, rather than guess one', async () => {
    const id = `D${randomBytes(6).toString('hex')}`;
    await store.create(id, aDeploymentOf(`svc-${id}`), { log: [] });
    await db.doc.send(
      new UpdateCommand({
        TableName: tables.deployments,
        Key: { PK: `DEPLOYMENT#${id}`, SK: 'RECORD' },
        UpdateExpression: 'REMOVE #v.#s',
        ExpressionAttributeNames: { '#v': 'Value', '#s': 'Status' },
      }),
    );

    await expectAsync(store.statuses([id])).toBeRejectedWithError(/does not parse \(Value/);
  });

  it('answers the holder of each Auto Scaling group asked for in one tick, in one BatchGetItem', async () => {
    const a = `D${randomBytes(6).toString('hex')}`;
    const b = `D${randomBytes(6).toString('hex')}`;
    await store.create(a, aDeploymentOf(`svc-${a}`), { log: [] });
    const done = await store.create(b, aDeploymentOf(`svc-${b}`), { log: [] });
    // a finished deployment lets go of its group
    await store.save(done, { ...done.value, Status: 'Success', EndTimestamp: new Date().toISOString() });
    const sent: string[] = [];
    const name = `specGroupHolders${a}`;
    db.doc.middlewareStack.add(
      (next, context) => (args) => {
        sent.push(context.commandName ?? 'unknown');
        return next(args);
      },
      { step: 'initialize', name },
    );
    try {
      const holders = await Promise.all([
        store.groupHolder(`e1-tm-svc-${a}`),
        store.groupHolder(`e1-tm-svc-${b}`),
        store.groupHolder('e1-tm-nobody'),
        store.groupHolder(`e1-tm-svc-${a}`),
      ]);
      expect(holders).toEqual([a, undefined, undefined, a]);
      expect(sent.length).toBe(1);
      expect(sent[0]).toMatch(/BatchGet/);
    } finally {
      db.doc.middlewareStack.remove(name);
    }
  });
});
