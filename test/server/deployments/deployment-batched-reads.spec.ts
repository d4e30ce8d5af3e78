import { randomBytes } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDb } from '../../../server/adapters/dynamodb/document-client';
import { ConflictError } from '../../../server/errors/domain-errors';
import type { DynamoDbDeploymentStore } from '../../../server/adapters/dynamodb/dynamodb-deployment-store';
import type { TableNames } from '../../../server/adapters/dynamodb/tables';
import { aDeploymentOf } from '../../fixtures/deployment-value';
import { deploymentStoreOnFreshTables } from '../../support/deployment-store';
import { SentCommands } from '../../support/sent-commands';

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
    const sent = new SentCommands().watchClient(db.doc);
    try {
      const holders = await Promise.all([
        store.groupHolder(`e1-tm-svc-${a}`),
        store.groupHolder(`e1-tm-svc-${b}`),
        store.groupHolder('e1-tm-nobody'),
        store.groupHolder(`e1-tm-svc-${a}`),
      ]);
      expect(holders).toEqual([a, undefined, undefined, a]);
      expect(sent.commands.length).toBe(1);
      expect(sent.commands[0]).toMatch(/BatchGet/);
    } finally {
      sent.stop();
    }
  });

  it('names the deployment that holds a lock a new one needs, the service lock or the group lock', async () => {
    const first = `D${randomBytes(6).toString('hex')}`;
    const service = `svc-${first}`;
    await store.create(first, aDeploymentOf(service), { log: [] });

    const again = store.create(`D${randomBytes(6).toString('hex')}`, aDeploymentOf(service), { log: [] });
    await expectAsync(again).toBeRejectedWithError(
      ConflictError,
      `deployment ${first} of ${service} to e1 is still running`,
    );
    // another service hosted on the same group: the group's lock is the one held
    const other = store.create(
      `D${randomBytes(6).toString('hex')}`,
      aDeploymentOf(`other-${first}`, {
        AutoScalingGroupName: `e1-tm-${service}`,
        Resources: { AutoScalingGroup: `e1-tm-${service}` },
      }),
      { log: [] },
    );
    await expectAsync(other).toBeRejectedWithError(
      ConflictError,
      `deployment ${first} is still working on the Auto Scaling group e1-tm-${service}`,
    );
  });
});
