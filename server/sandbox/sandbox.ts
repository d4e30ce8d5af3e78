import { randomBytes } from 'node:crypto';
import { startAwsSim, type AwsSim } from '../../aws-sim/aws-sim';
import { ensureFleetEventQueue } from '../adapters/aws/aws-fleet-event-rule';
import type { Logger } from '../logger';
import type { Portal } from '../portal';
import { demoAccounts } from './demo-estate';
import { seedAccounts, seedCatalogue } from './seed-catalogue';
import { seedCloud } from './seed-cloud';
import { seedImages } from './seed-images';
import { seedToggles } from './seed-toggles';

/** Starts aws-sim for the sandbox, keeping its state beside DynamoDB Local's under the data directory. */
export async function startSandboxCloud(options: {
  port: number;
  dataDir: string;
  msPerSecond: number;
  region: string;
}): Promise<AwsSim> {
  return startAwsSim({
    ...options,
    // the demo's accounts besides aws-sim's default one (the portal's own)
    accounts: demoAccounts
      .filter((a) => a.RoleArn !== null)
      .map((a) => ({ accountId: a.AccountNumber, name: a.simName })),
  });
}

/**
 * The sandbox's fleet events queue, in aws-sim's default account (the portal's own), with the rule that
 * fills it there and in each demo account reached through a role: its URL, for EM_FLEET_EVENTS_QUEUE_URL.
 */
export function sandboxFleetEvents(awsEndpoint: string, region: string): Promise<string> {
  return ensureFleetEventQueue(region, awsEndpoint, {
    alsoFrom: demoAccounts.flatMap((a) => (a.RoleArn ? [a.RoleArn] : [])),
  });
}

/**
 * Seeds the demo estate on a first start: the catalogue in DynamoDB (through the same checked, audited
 * writes as the API) and the running fleet in aws-sim (through the AWS SDK clients, as the portal will
 * deploy), after the demo's machine images (through aws-sim's control API). Demo users (alice, bob,
 * carol) sign in with the admin password.
 */
export async function seedSandbox(
  portal: Portal,
  awsEndpoint: string,
  region: string,
  adminPassword: string | undefined,
  logger: Logger,
): Promise<void> {
  const password = adminPassword ?? portal.createdAdminPassword ?? randomBytes(12).toString('base64url');
  // before the environment types that name them
  const accounts = await seedAccounts(portal.catalogue);
  if (accounts) logger.info('seeded the demo accounts', { accounts });
  if (await seedCatalogue(portal.catalogue, password)) {
    logger.info('seeded the demo catalogue', { users: ['alice', 'bob', 'carol'] });
    if (!adminPassword && !portal.createdAdminPassword)
      process.stdout.write(`\n  Demo users' password (shown once): ${password}\n\n`);
  }
  const toggles = await seedToggles(portal.catalogue, portal.store);
  if (toggles) logger.info('seeded the demo feature toggles', { toggles });
  try {
    for (const a of demoAccounts) {
      const images = await seedImages(awsEndpoint, a.AccountNumber);
      if (images) logger.info('seeded the demo images in aws-sim', { account: a.AccountName, images });
    }
    // each environment's groups in its account, through the portal's own clients of that account
    const groups = await seedCloud(async (environment) =>
      portal.aws.clientsOf(await portal.accounts.accountOfEnvironment(environment)),
    );
    if (groups) logger.info('seeded the demo fleet in aws-sim', { autoScalingGroups: groups });
  } catch (e) {
    // the portal is still useful without its demo fleet; the next start completes the seeding
    logger.error('could not seed the demo fleet in aws-sim', {
      error: e instanceof Error ? e.message : String(e),
    });
  }
}
