import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import os from 'node:os';
import { AwsFleetOperations } from './adapters/aws/aws-fleet-operations';
import { DeploymentRunner } from './deployments/engine/deployment-runner';
import { strategyFor } from './deployments/strategies/strategy-for';
import type { Express } from 'express';
import { DynamoDbAuditLog } from './adapters/dynamodb/dynamodb-audit-log';
import { DynamoDbCredentialStore } from './adapters/dynamodb/dynamodb-credential-store';
import { DynamoDbRecordStore } from './adapters/dynamodb/dynamodb-record-store';
import { createAwsClients, type AwsClients } from './adapters/aws/aws-clients';
import { createDynamoDb, type DynamoDb } from './adapters/dynamodb/document-client';
import { ensureTables, tableNames } from './adapters/dynamodb/tables';
import { DynamoDbDeploymentStore } from './adapters/dynamodb/dynamodb-deployment-store';
import { auditRoutes } from './api/audit';
import { deploymentEventRoutes } from './api/deployment-events';
import { deploymentRoutes } from './api/deployments';
import { Deployments } from './deployments/deployments';
import { authRoutes } from './api/auth-routes';
import { configResourceRoutes } from './api/config-resources';
import { serviceRoutes } from './api/config-services';
import { transferRoutes } from './api/config-transfer';
import { diagnosticsRoutes } from './api/diagnostics';
import { environmentRoutes } from './api/environments';
import { userRoutes } from './api/users';
import { Authentication } from './auth/authentication';
import { bootstrapAdmin } from './auth/bootstrap-admin';
import { CachedCredentials } from './auth/cached-credentials';
import { AuthorizedCatalogue } from './authorization/authorized-catalogue';
import { AuthorizedConfigTransfer } from './authorization/authorized-config-transfer';
import { AuthorizedEnvironmentOperations } from './authorization/authorized-environment-operations';
import { Catalogue } from './catalogue/catalogue';
import { ConfigTransfer } from './catalogue/config-transfer';
import type { RecordStore } from './catalogue/record-store';
import type { Config } from './config';
import { EnvironmentOperations } from './environments/operations-state';
import { fleetRoutes } from './fleet/fleet-routes';
import { createApp } from './http/app';
import { openApiDocument } from './http/openapi';
import type { Route } from './http/route';
import type { Logger } from './logger';

/** A wired portal: the HTTP app and the parts tests and the sandbox reach into. */
export interface Portal {
  readonly app: Express;
  readonly db: DynamoDb;
  readonly store: RecordStore;
  readonly catalogue: Catalogue;
  readonly aws: AwsClients;
  /** The deployment engine (started unless EM_ENGINE=off). */
  readonly engine: DeploymentRunner;
  readonly routes: readonly Route[];
  /** The admin password, when this start created the admin user. */
  readonly createdAdminPassword: string | undefined;
}

/** The project's version, from package.json. */
export function packageVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('../package.json') as { version: string }).version;
}

/** The composition root: config -> adapters -> domain -> http. Creates missing tables and the admin user. */
export async function createPortal(
  config: Config,
  dynamoDbEndpoint: string | undefined,
  logger: Logger,
  clientDir?: string,
  awsEndpoint?: string,
): Promise<Portal> {
  const db = createDynamoDb(config.region, dynamoDbEndpoint);
  const tables = tableNames(config.tablePrefix);
  await ensureTables(db.client, tables);

  const store = new DynamoDbRecordStore(db, tables);
  const credentials = new CachedCredentials(new DynamoDbCredentialStore(db, tables));
  const auditLog = new DynamoDbAuditLog(db, tables);
  const authentication = new Authentication(store, credentials, config.sessionHours);
  const catalogue = new Catalogue(store);
  const authorizedCatalogue = new AuthorizedCatalogue(catalogue);
  const operations = new EnvironmentOperations(store);
  const aws = createAwsClients(config.region, awsEndpoint);
  const deploymentStore = new DynamoDbDeploymentStore(db, tables);
  const fleetOperations = new AwsFleetOperations(aws);
  const engine = new DeploymentRunner(
    deploymentStore,
    fleetOperations,
    strategyFor,
    {
      owner: `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
      tickMs: config.engine.tickMs,
      leaseMs: config.engine.leaseMs,
    },
    logger,
  );
  if (config.engine.enabled) engine.start();
  const createdAdminPassword = await bootstrapAdmin(store, config.adminPassword, logger);

  const routes: Route[] = [];
  let document: unknown;
  routes.push(
    ...diagnosticsRoutes(config.version, () => (document ??= openApiDocument(routes, config.version))),
    ...authRoutes(authentication, credentials, store, {
      secureCookies: config.secureCookies,
      sessionHours: config.sessionHours,
    }),
    ...configResourceRoutes(authorizedCatalogue),
    ...serviceRoutes(authorizedCatalogue),
    ...transferRoutes(new AuthorizedConfigTransfer(new ConfigTransfer(catalogue, store))),
    ...environmentRoutes(new AuthorizedEnvironmentOperations(operations)),
    ...auditRoutes(auditLog),
    ...userRoutes(authorizedCatalogue),
    ...fleetRoutes({ aws, catalogue, store, operations }),
    ...deploymentRoutes(new Deployments(store, deploymentStore, fleetOperations)),
    ...deploymentEventRoutes(deploymentStore),
  );
  const app = createApp({ routes, authentication, logger, clientDir, trustProxy: config.trustProxy });
  return { app, db, store, catalogue, aws, engine, routes, createdAdminPassword };
}
