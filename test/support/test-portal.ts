import type { AddressInfo } from 'node:net';
import http, { type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import { createPortal, type Portal } from '../../server/portal';
import { testDynamoDb } from './dynamodb';

/** The admin password of every test portal. */
export const ADMIN_PASSWORD = 'admin-password-for-tests';

/** A portal running in-process on a loopback port against DynamoDB Local, with its own tables. */
export interface TestPortal {
  readonly portal: Portal;
  readonly baseUrl: string;
  readonly tablePrefix: string;
  close(): Promise<void>;
}

/**
 * Starts a portal on port 0 with fresh tables (a random prefix) or another portal's, and AWS at
 * `awsEndpoint` (aws-sim). Webhooks may reach the loopback receivers of the specs (127.0.0.1) unless
 * `webhookAllowedHosts` says otherwise (`''`: none, as a portal by default).
 */
export async function startTestPortal(
  options: {
    tablePrefix?: string;
    awsEndpoint?: string;
    engineTickMs?: number;
    notifyPollMs?: number;
    webhookAllowedHosts?: string;
    /** How long catalogue lists are answered from memory (EM_CATALOGUE_CACHE_MS; 20 ms unless said). */
    catalogueCacheMs?: number;
    /** The SQS queue of Auto Scaling's events the engine listens to (EM_FLEET_EVENTS_QUEUE_URL); none unless said. */
    fleetEventsQueueUrl?: string;
  } = {},
): Promise<TestPortal> {
  const ddb = await testDynamoDb();
  const tablePrefix = options.tablePrefix ?? `t${randomBytes(4).toString('hex')}-`;
  const config = loadConfig({
    EM_TABLE_PREFIX: tablePrefix,
    EM_ADMIN_PASSWORD: ADMIN_PASSWORD,
    PORT: '0',
    EM_LOG_LEVEL: process.env['EM_TEST_LOG_LEVEL'] ?? 'error',
    EM_ENGINE: options.engineTickMs ? 'on' : 'off',
    EM_ENGINE_POLL_MS: String(options.engineTickMs ?? 1000),
    EM_ENGINE_SCAN_MS: '200',
    EM_ENGINE_LEASE_MS: '3000',
    // a short catalogue window: lists are answered from memory and every change waits it out, as in
    // production (200 ms), without making each of the suite's thousands of changes wait that long
    EM_CATALOGUE_CACHE_MS: String(options.catalogueCacheMs ?? 20),
    // the notification dispatcher runs only in specs that ask for it (test/server/notifications)
    EM_NOTIFY: options.notifyPollMs ? 'on' : 'off',
    EM_NOTIFY_POLL_MS: String(options.notifyPollMs ?? 1000),
    EM_NOTIFY_BACKOFF_MS: '100',
    EM_NOTIFY_TIMEOUT_MS: '500',
    EM_WEBHOOK_ALLOWED_HOSTS: options.webhookAllowedHosts ?? '127.0.0.1',
    ...(options.fleetEventsQueueUrl ? { EM_FLEET_EVENTS_QUEUE_URL: options.fleetEventsQueueUrl } : {}),
    // specs drive the on/off scheduler themselves (test/server/schedules), with their own clock
    EM_SCHEDULER: 'off',
  });
  const portal = await createPortal(
    config,
    ddb.endpoint,
    createLogger(config.logLevel),
    undefined,
    // never real AWS from a test: without an aws-sim, a closed loopback port
    options.awsEndpoint ?? 'http://127.0.0.1:9',
  );
  const server: Server = await new Promise((resolve) => {
    const s = http.createServer(portal.handler).listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    portal,
    baseUrl: `http://127.0.0.1:${port}`,
    tablePrefix,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        portal.db.client.destroy();
        void portal.fleetEvents.stop();
        void portal.engine.stop();
        void portal.notifications.stop();
        portal.aws.destroy();
      }),
  };
}
