import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { tableNames } from '../../../server/adapters/dynamodb/tables';
import { UnreadableRecordError } from '../../../server/catalogue/unreadable-record-error';
import { aCluster, created, unique } from '../../fixtures/builders';
import { ApiClient } from '../../support/api-client';
import { SentCommands } from '../../support/sent-commands';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';

describe('stored records', () => {
  let tp: TestPortal;
  let admin: ApiClient;

  beforeAll(async () => {
    tp = await startTestPortal();
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
  });
  afterAll(() => tp.close());

  it('reads records typed by their kind', async () => {
    const cluster = await created(admin, '/config/clusters', aCluster({ shortName: 'rd' }));
    const record = await tp.portal.store.get('Cluster', cluster.ClusterName);
    expect(record?.value.Value.ShortName).toBe('rd');
    expect(record?.version).toBe(1);
  });

  it('lists an unchanged kind from the records it parsed before, and a changed kind afresh', async () => {
    const before = await tp.portal.store.list('Cluster');
    expect(await tp.portal.store.list('Cluster')).toBe(before);
    const cluster = await created(admin, '/config/clusters', aCluster());
    const after = await tp.portal.store.list('Cluster');
    expect(after).not.toBe(before);
    expect(after.map((r) => r.key)).toContain(cluster.ClusterName);
  });

  it('reads the generation counters of kinds listed together in one BatchGetItem, and still sees each change', async () => {
    const sent = new SentCommands().watchClient(tp.portal.db.doc);
    const config = tableNames(tp.tablePrefix).config;
    try {
      await Promise.all([tp.portal.store.list('Cluster'), tp.portal.store.list('Environment')]);
      const cluster = await created(admin, '/config/clusters', aCluster());
      sent.clear();
      const [clusters, environments] = await Promise.all([
        tp.portal.store.list('Cluster'),
        tp.portal.store.list('Environment'),
      ]);
      // one read of both counters; the changed kind is queried afresh, the unchanged one is not
      const onConfig = sent.commandsOn(config);
      expect(onConfig.filter((c) => /BatchGet/.test(c)).length).toBe(1);
      expect(onConfig.filter((c) => /GetItem|GetCommand/.test(c) && !/Batch/.test(c))).toEqual([]);
      expect(onConfig.filter((c) => /Query/.test(c)).length).toBe(1);
      expect(clusters.map((r) => r.key)).toContain(cluster.ClusterName);
      expect(environments).toBe(await tp.portal.store.list('Environment'));
    } finally {
      sent.stop();
    }
  });

  it('refuses a generation counter that does not parse rather than take it for an unchanged kind', async () => {
    const counter = (Gen: unknown) =>
      tp.portal.db.doc.send(
        new PutCommand({
          TableName: tableNames(tp.tablePrefix).config,
          Item: { Kind: 'Generation', Key: 'Account', Gen },
        }),
      );
    await counter('seven');
    try {
      await expectAsync(tp.portal.store.list('Account')).toBeRejectedWithError(
        UnreadableRecordError,
        /Generation Account.*Gen/,
      );
    } finally {
      // a counter the portal's own jobs can read again, past any generation it listed before
      await counter(1_000_000);
    }
  });

  it('refuses a stored item that does not match its kind, naming the kind, key and field', async () => {
    const key = '123456789012';
    await tp.portal.db.doc.send(
      new PutCommand({
        TableName: tableNames(tp.tablePrefix).config,
        Item: {
          Kind: 'Account',
          Key: key,
          Value: { AccountNumber: key, AccountName: unique('acct'), IncludeAMIs: 'yes', RoleArn: null },
          Version: 1,
          Deleted: false,
        },
      }),
    );
    const read = tp.portal.store.get('Account', key);
    await expectAsync(read).toBeRejectedWithError(
      UnreadableRecordError,
      /Account 123456789012.*Value\.IncludeAMIs/,
    );
  });
});
