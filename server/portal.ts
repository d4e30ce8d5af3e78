import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import os from 'node:os';
import { AwsAccountConnector } from './adapters/aws/aws-account-connector';
import { createSqsClient } from './adapters/aws/aws-clients';
import { AwsFleetEventQueue } from './adapters/aws/aws-fleet-event-queue';
import { FleetEventListener } from './fleet/fleet-events';
import { Accounts } from './fleet/accounts';
import { fleetRoutes } from './api/fleet';
import { runningServiceRoutes } from './api/running-services';
import { patchRoutes } from './api/patches';
import { AuthorizedPatches } from './authorization/authorized-patches';
import { Patches } from './patches/patches';
import { AuthorizedDeployments } from './authorization/authorized-deployments';
import type { Protects } from './authorization/authorize';
import { AuthorizedFleet } from './authorization/authorized-fleet';
import { systemClock } from './deployments/engine/clock';
import { DeploymentEngine } from './deployments/engine/deployment-engine';
import { strategyFor } from './deployments/strategies/strategy-for';
import { Fleet } from './fleet/fleet';
import { ServiceFleet } from './fleet/service-fleet';
import type { RequestListener } from 'node:http';
import { DynamoDbAuditLog } from './adapters/dynamodb/dynamodb-audit-log';
import { DynamoDbLaunchConfigAudit } from './adapters/dynamodb/dynamodb-launch-config-audit';
import { DynamoDbFleetOperationAudit } from './adapters/dynamodb/dynamodb-fleet-operation-audit';
import { scalingOperationRoutes } from './api/scheduled-actions';
import { AuthorizedScalingOperations } from './authorization/authorized-scaling-operations';
import { InstanceScheduleActions } from './fleet/instance-schedule-actions';
import { Maintenance } from './fleet/maintenance';
import { ScheduledActions } from './fleet/scheduled-actions';
import { machineRoutes } from './api/machines';
import { DynamoDbCredentialStore } from './adapters/dynamodb/dynamodb-credential-store';
import { DynamoDbRecordStore } from './adapters/dynamodb/dynamodb-record-store';
import { createDynamoDb, type DynamoDb } from './adapters/dynamodb/document-client';
import { ensureTables, tableNames } from './adapters/dynamodb/tables';
import { DynamoDbDeploymentStore } from './adapters/dynamodb/dynamodb-deployment-store';
import { accountRoutes } from './api/accounts';
import { auditRoutes } from './api/audit';
import { AuthorizedAuditLog } from './authorization/authorized-audit-log';
import { featureToggleRoutes } from './api/feature-toggles';
import { AuthorizedFeatureToggles } from './authorization/authorized-feature-toggles';
import { FeatureToggles } from './toggles/feature-toggles';
import { toggleTokenRoutes } from './api/toggle-tokens';
import { ToggleTokens } from './auth/toggle-tokens';
import { DynamoDbNotificationOutbox } from './adapters/dynamodb/dynamodb-notification-outbox';
import { HttpWebhookSender } from './adapters/webhooks/http-webhook-sender';
import { notificationRoutes } from './api/notifications';
import { AuthorizedNotifications } from './authorization/authorized-notifications';
import { NotificationDispatcher } from './notifications/notification-dispatcher';
import { Notifications } from './notifications/notifications';
import { WebhookAddressPolicy } from './notifications/webhook-address-policy';
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
import { v1MappedRoutes } from './api/v1-mapped';
import { v1NotYetRoutes } from './api/v1-not-yet';
import { V1MappedFleet } from './fleet/v1-mapped-fleet';
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
import { createRequestListener } from './http/app';
import { openApiDocument } from './http/openapi';
import type { Route } from './http/route';
import { guardedAnnouncer, logBreakGlass } from './governance/break-glass';
import type { Logger } from './logger';
import { DynamoDbScheduleStore } from './adapters/dynamodb/dynamodb-schedule-store';
import { scheduleRoutes } from './api/schedules';
import { AuthorizedSchedules } from './authorization/authorized-schedules';
import { Scheduler } from './schedules/scheduler';
import { Schedules } from './schedules/schedules';

/** A wired portal: the HTTP app and the parts tests and the sandbox reach into. */
export interface Portal {
  /** What its HTTP server runs for each request (see createRequestListener). */
  readonly handler: RequestListener;
  readonly db: DynamoDb;
  readonly store: RecordStore;
  readonly catalogue: Catalogue;
  /** The AWS accounts the portal works in (each environment's its type's). */
  readonly accounts: Accounts;
  /** Their SDK clients, made on first use (the sandbox seeds through them). */
  readonly aws: AwsAccountConnector;
  /** The deployment engine (started unless EM_ENGINE=off). */
  readonly engine: DeploymentEngine;
  /** The notification dispatcher (started unless EM_NOTIFY=off). */
  readonly notifications: NotificationDispatcher;
  /** What listens to the fleet events queue (EM_FLEET_EVENTS_QUEUE_URL) for the engine, when there is one. */
  readonly fleetEvents: { stop(): Promise<void> };
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

  const store = new DynamoDbRecordStore(db, tables, { listCacheMs: config.catalogueCacheMs });
  const credentials = new CachedCredentials(new DynamoDbCredentialStore(db, tables));
  const auditLog = new DynamoDbAuditLog(db, tables);
  const authentication = new Authentication(store, credentials, config.sessionHours);
  const catalogue = new Catalogue(store);
  const authorizedCatalogue = new AuthorizedCatalogue(catalogue);
  const operations = new EnvironmentOperations(store);
  // one set of SDK clients per account, made on first use; an account's role assumed through STS
  const aws = new AwsAccountConnector(config.region, awsEndpoint);
  const accounts = new Accounts(catalogue, aws);
  const deploymentStore = new DynamoDbDeploymentStore(db, tables);
  // one set of feature toggles: their routes, deployment requests that carry changes, the engine that applies them
  const featureToggles = new FeatureToggles(catalogue, store);
  const engine = new DeploymentEngine(
    deploymentStore,
    accounts,
    strategyFor,
    {
      owner: `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
      pollMs: config.engine.pollMs,
      scanMs: config.engine.scanMs,
      leaseMs: config.engine.leaseMs,
      retry: { maxAttempts: 8, backoffMs: (attempt) => Math.min(250 * 2 ** attempt, 15_000) },
      clock: systemClock,
    },
    logger,
    { toggles: featureToggles },
  );
  if (config.engine.enabled) engine.start();
  // Auto Scaling's lifecycle events, when a queue receives them: a waiting deployment looks at once
  const queueUrl = config.fleetEventsQueueUrl === 'off' ? undefined : config.fleetEventsQueueUrl;
  const sqs = queueUrl ? createSqsClient(config.region, awsEndpoint) : undefined;
  const fleetEvents =
    sqs && queueUrl
      ? new FleetEventListener(
          new AwsFleetEventQueue(sqs, queueUrl, logger),
          { changed: (e) => engine.fleetChanged(e.group), lost: () => engine.fleetEventsLost() },
          logger,
        )
      : undefined;
  if (fleetEvents && config.engine.enabled) {
    fleetEvents.start();
    logger.info('listening to fleet events', { queueUrl });
  }
  const outbox = new DynamoDbNotificationOutbox(db, tables);
  // webhooks reach public addresses only, but for the hosts allowed to be internal
  const webhookAddresses = new WebhookAddressPolicy(config.notifications.allowedHosts);
  const dispatcher = new NotificationDispatcher(
    outbox,
    store,
    new HttpWebhookSender(webhookAddresses),
    {
      owner: `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
      pollMs: config.notifications.pollMs,
      leaseMs: Math.max(config.notifications.pollMs * 3, 15_000),
      timeoutMs: config.notifications.timeoutMs,
      retry: {
        maxAttempts: config.notifications.maxAttempts,
        backoffMs: config.notifications.backoffMs,
        maxBackoffMs: 3_600_000,
      },
      clock: systemClock,
    },
    logger,
  );
  if (config.notifications.enabled) dispatcher.start();
  const fleetParts = {
    catalogue,
    operations,
    accounts,
    launchConfigAudit: new DynamoDbLaunchConfigAudit(db, tables),
    deploymentOn: (group: string) => deploymentStore.groupHolder(group),
  };
  const plainFleet = new Fleet(fleetParts);
  // the type's ProtectedActions: an ASG change, a slice toggle or a lock there needs an admin too
  const protects: Protects = (type, action) => operations.typeProtects(type, action);
  const fleet = new AuthorizedFleet(plainFleet, new ServiceFleet(fleetParts), protects);
  const fleetOperationAudit = new DynamoDbFleetOperationAudit(db, tables);
  const scalingOperations = new AuthorizedScalingOperations(
    new ScheduledActions(
      { ...fleetParts, audit: fleetOperationAudit, now: () => systemClock.now() },
      (name, environment) => plainFleet.group(name, environment),
    ),
    new Maintenance({
      ...fleetParts,
      audit: fleetOperationAudit,
      groupTarget: (name, environment) => plainFleet.groupTarget(name, environment),
    }),
    (name, environment) => plainFleet.groupTarget(name, environment),
    new InstanceScheduleActions({ operations, accounts }, plainFleet.machines().instances),
    protects,
  );
  // where a break-glass override is announced (the notifications feature hooks in here)
  const announceBreakGlass = guardedAnnouncer(logBreakGlass(logger), logger);
  const plainDeployments = new Deployments({
    catalogue: store,
    store: deploymentStore,
    accounts,
    scheduler: engine,
    clock: systemClock,
    announceBreakGlass,
    toggles: featureToggles,
  });
  const deployments = new AuthorizedDeployments(plainDeployments);
  // a patch is one of the deployments' records: cancelling and approving it are theirs
  const patches = new AuthorizedPatches(
    new Patches({
      catalogue,
      operations,
      accounts,
      images: plainFleet.machines().images,
      holderOf: (group) => deploymentStore.groupHolder(group),
      now: () => systemClock.now(),
      store: deploymentStore,
      scheduler: engine,
      announceBreakGlass,
    }),
    plainDeployments,
  );
  const scheduleStore = new DynamoDbScheduleStore(db, tables);
  const schedules = new Schedules({
    store,
    operations,
    accounts,
    scheduleStore,
    groupTarget: (name, environment) => plainFleet.groupTarget(name, environment),
    group: (name, environment) => plainFleet.group(name, environment),
    now: () => systemClock.now(),
  });
  const scheduler = new Scheduler(
    {
      catalogue,
      schedules,
      accounts,
      store: scheduleStore,
      holderOf: (group) => deploymentStore.groupHolder(group),
      clock: systemClock,
      logger,
    },
    {
      owner: `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
      intervalMs: config.scheduler.intervalMs,
    },
  );
  if (config.scheduler.enabled) scheduler.start();
  const createdAdminPassword = await bootstrapAdmin(store, config.adminPassword, logger);

  const authorizedToggles = new AuthorizedFeatureToggles(
    featureToggles,
    new ToggleTokens(credentials, catalogue),
  );
  const routes: Route[] = [];
  let document: unknown;
  routes.push(
    ...diagnosticsRoutes(config.version, () => (document ??= openApiDocument(routes, config.version))),
    ...authRoutes(authentication, credentials, store, {
      secureCookies: config.secureCookies,
      sessionHours: config.sessionHours,
    }),
    // before the config resources: /config/accounts/{n}/status is not a record
    ...accountRoutes(accounts),
    ...configResourceRoutes(authorizedCatalogue),
    ...serviceRoutes(authorizedCatalogue),
    ...transferRoutes(new AuthorizedConfigTransfer(new ConfigTransfer(catalogue, store))),
    ...environmentRoutes(new AuthorizedEnvironmentOperations(operations, protects)),
    ...auditRoutes(new AuthorizedAuditLog(auditLog)),
    ...userRoutes(authorizedCatalogue),
    ...notificationRoutes(
      new AuthorizedNotifications(new Notifications(catalogue, dispatcher, outbox, webhookAddresses)),
    ),
    ...fleetRoutes(fleet),
    ...runningServiceRoutes(fleet),
    ...patchRoutes(patches),
    // before the toggle routes: /feature-toggles/tokens/{id} is not a toggle
    ...toggleTokenRoutes(authorizedToggles),
    ...featureToggleRoutes(authorizedToggles),
    ...deploymentRoutes(deployments),
    ...deploymentEventRoutes(deploymentStore),
    ...v1MappedRoutes(
      new V1MappedFleet({
        catalogue,
        accounts,
        slices: fleet,
      }),
    ),
    ...scheduleRoutes(
      new AuthorizedSchedules(schedules, operations, (name, environment) =>
        plainFleet.groupTarget(name, environment),
      ),
    ),
    // before the instance routes too: /instances/schedule-actions is not an instance id
    ...scalingOperationRoutes(scalingOperations),
    ...v1NotYetRoutes(),
    // after the not-yet routes: GET /instances/schedule-actions is not an instance id
    ...machineRoutes(fleet),
  );
  const handler = createRequestListener({
    routes,
    authentication,
    logger,
    clientDir,
    trustProxy: config.trustProxy,
  });
  return {
    handler,
    db,
    store,
    catalogue,
    accounts,
    aws,
    engine,
    notifications: dispatcher,
    fleetEvents: {
      async stop() {
        await fleetEvents?.stop();
        sqs?.destroy();
      },
    },
    routes,
    createdAdminPassword,
  };
}
