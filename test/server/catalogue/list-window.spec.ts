import { randomBytes } from 'node:crypto';
import { createDynamoDb, type DynamoDb } from '../../../server/adapters/dynamodb/document-client';
import { DynamoDbRecordStore } from '../../../server/adapters/dynamodb/dynamodb-record-store';
import { ensureTables, tableNames } from '../../../server/adapters/dynamodb/tables';
import type { Write } from '../../../server/catalogue/record-store';
import { aCluster } from '../../fixtures/builders';
import { testDynamoDb } from '../../support/dynamodb';

/** Longer than anything in these specs takes between a list and the change after it. */
const WINDOW_MS = 600;
const actor = { username: 'spec', requestId: 'spec', source: 'api' as const };

function aClusterWrite(): Write {
  const c = aCluster();
  return {
    op: 'put',
    kind: 'Cluster',
    key: c.ClusterName,
    value: c,
    expectedVersion: 0,
    changeType: 'Created',
  };
}

/**
 * Two record stores on the same tables, as two portal processes, each answering lists from memory for
 * WINDOW_MS: a change through one is in the other's lists as soon as the change has returned, because
 * the change waits the window out; a batch of changes waits it out once.
 */
describe('catalogue lists answered from memory for a window', () => {
  let db: DynamoDb;
  let one: DynamoDbRecordStore;
  let two: DynamoDbRecordStore;

  beforeAll(async () => {
    db = createDynamoDb('eu-west-1', (await testDynamoDb()).endpoint);
    const tables = tableNames(`w${randomBytes(4).toString('hex')}-`);
    await ensureTables(db.client, tables);
    one = new DynamoDbRecordStore(db, tables, { listCacheMs: WINDOW_MS });
    two = new DynamoDbRecordStore(db, tables, { listCacheMs: WINDOW_MS });
  }, 60_000);
  afterAll(() => db.client.destroy());

  const keys = async (store: DynamoDbRecordStore) => (await store.list('Cluster')).map((r) => r.key);

  it('shows a change made through one store in the other as soon as the change returns', async () => {
    const before = await keys(two); // two now answers Cluster lists from memory
    const write = aClusterWrite();
    const started = performance.now();
    await one.commit([write], actor);
    expect(performance.now() - started).toBeGreaterThanOrEqual(WINDOW_MS);
    const after = await keys(two);
    expect(after).toContain((write as { key: string }).key);
    expect(after.length).toBe(before.length + 1);
    // and the store that made it shows it at once
    expect(await keys(one)).toContain((write as { key: string }).key);
  });

  it('waits the window out once for a batch of changes, and they are all in the other store after it', async () => {
    await keys(two);
    const writes = Array.from({ length: 5 }, aClusterWrite);
    const started = performance.now();
    await one.batch(async () => {
      for (const w of writes) await one.commit([w], actor);
    });
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(WINDOW_MS);
    expect(took).toBeLessThan(writes.length * WINDOW_MS);
    const after = await keys(two);
    for (const w of writes) expect(after).toContain((w as { key: string }).key);
  });

  it('makes a commit that a batch set going, but that comes after the batch returned, wait for itself', async () => {
    await keys(two);
    const late = aClusterWrite();
    let detached: Promise<number> | undefined;
    await one.batch(async () => {
      detached = (async () => {
        await new Promise((r) => setTimeout(r, 50));
        const started = performance.now();
        await one.commit([late], actor);
        return performance.now() - started;
      })();
    });
    expect(await detached!).toBeGreaterThanOrEqual(WINDOW_MS);
    expect(await keys(two)).toContain((late as { key: string }).key);
  });
});
