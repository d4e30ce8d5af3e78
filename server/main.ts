import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startDynamoDbLocal, type DynamoDbLocal } from './adapters/dynamodb/dynamodb-local';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { createPortal, packageVersion } from './portal';
import { sandboxFleetEvents, seedSandbox, startSandboxCloud } from './sandbox/sandbox';
import type { AwsSim } from '../aws-sim/aws-sim';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, packageVersion());
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const logger = createLogger(config.logLevel);
  const running: {
    local?: DynamoDbLocal;
    server?: Server;
    sim?: AwsSim;
    engine?: { stop(): Promise<void> };
    notifications?: { stop(): Promise<void> };
    fleetEvents?: { stop(): Promise<void> };
  } = {};
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    const { server, local } = running;
    await running.fleetEvents?.stop();
    await running.engine?.stop();
    await running.notifications?.stop();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server?.closeAllConnections();
    await running.sim?.close();
    await local?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  let endpoint = config.dynamoDb.mode === 'endpoint' ? config.dynamoDb.url : undefined;
  if (config.dynamoDb.mode === 'local') {
    running.local = await startDynamoDbLocal(config.dataDir);
    endpoint = running.local.endpoint;
    logger.info('started DynamoDB Local', { endpoint, dataDir: path.join(config.dataDir, 'dynamodb') });
  }
  let awsEndpoint = config.aws.mode === 'endpoint' ? config.aws.url : undefined;
  if (config.aws.mode === 'sim') {
    running.sim = await startSandboxCloud({
      port: config.aws.port,
      dataDir: config.dataDir,
      msPerSecond: config.aws.msPerSecond,
      region: config.region,
    });
    awsEndpoint = running.sim.endpoint;
    logger.info('started aws-sim', { endpoint: awsEndpoint, controlApi: `${awsEndpoint}/_sim/listeners` });
  }
  // the sandbox routes aws-sim's Auto Scaling events to a queue of its own, as an operator does on AWS
  let fleetEventsQueueUrl = config.fleetEventsQueueUrl;
  if (config.aws.mode === 'sim' && fleetEventsQueueUrl === undefined && awsEndpoint)
    fleetEventsQueueUrl = await sandboxFleetEvents(awsEndpoint, config.region);
  const clientDir = path.resolve(import.meta.dirname, '../dist/client/browser');
  const portal = await createPortal(
    { ...config, fleetEventsQueueUrl },
    endpoint,
    logger,
    clientDir,
    awsEndpoint,
  );
  running.fleetEvents = portal.fleetEvents;
  running.engine = portal.engine;
  running.notifications = portal.notifications;
  if (config.aws.mode === 'sim' && config.aws.demoEstate && awsEndpoint)
    // the demo estate's many changes wait out the catalogue window once, not each
    await portal.store.batch(() =>
      seedSandbox(portal, awsEndpoint!, config.region, config.adminPassword, logger),
    );
  const server = http.createServer(portal.handler);
  server.listen(config.port, config.host, () => {
    running.server = server;
    const { port } = server.address() as AddressInfo;
    logger.info('Environment Manager is listening', {
      url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`,
    });
  });
  server.on('error', async (e) => {
    logger.error('cannot listen', { error: e.message, port: config.port });
    await running.sim?.close();
    await running.local?.stop();
    process.exit(1);
  });
}

main().catch((e: unknown) => {
  process.stderr.write(`Environment Manager failed to start: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
