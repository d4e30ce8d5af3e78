import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startPortalProcess, type PortalProcess } from '../support/portal-process';
import { launchBrowser, screenshot } from './support/browser';

const PASSWORD = 'sandbox-admin-password';

/**
 * An admin and a developer use the portal against the sandbox (DynamoDB Local + aws-sim + the demo estate):
 * a new service goes into the catalogue and onto a server role, is deployed by scale-up patching, a
 * blue/green rollout with a canary step waits for someone else's approval, refusals are explained, and
 * all of it is found again in the history and the audit trail.
 */
describe('the portal, end to end', () => {
  let portal: PortalProcess;
  let browser: Browser;
  let adminContext: BrowserContext;
  let admin: Page;

  async function signIn(context: BrowserContext, username: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${portal.baseUrl}/sign-in`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${portal.baseUrl}/`);
    return page;
  }

  beforeAll(async () => {
    portal = await startPortalProcess({ env: { EM_SIM_MS_PER_SECOND: '20', EM_ENGINE_TICK_MS: '100' } });
    browser = await launchBrowser();
    adminContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    admin = await signIn(adminContext, 'admin');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('creates a service in the catalogue as admin and finds it by search', async () => {
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalogue' }).click();
    await admin.getByText(/12 of 12 services/).waitFor();
    await admin.getByRole('button', { name: 'New service' }).click();
    await admin.getByLabel('Name').fill('Wishlist');
    await admin.getByLabel('Owning team').selectOption('Checkout');
    await admin.getByLabel('Description').fill('Saved journeys');
    await admin.getByLabel('Blue port').fill('47000');
    await admin.getByLabel('Green port').fill('47000');
    await admin.getByLabel('Tags').fill('checkout, wishlist');
    // the form applies the server's rule before anything is sent
    await admin.getByRole('button', { name: 'Create service' }).click();
    await admin.getByText('must differ from BluePort').waitFor();
    await admin.getByLabel('Green port').fill('47001');
    await admin.getByRole('button', { name: 'Create service' }).click();
    await admin.waitForURL(/\/catalogue\/Wishlist$/);
    await admin.getByRole('heading', { name: 'Wishlist' }).waitFor();
    await admin.getByText('Saved journeys').waitFor();
    await screenshot(admin, 'catalogue-service');

    await admin.getByRole('link', { name: 'Service catalogue' }).click();
    await admin.getByLabel('Search').fill('wish');
    await admin.getByText(/1 of 13 services/).waitFor();
    await admin.getByRole('link', { name: /Wishlist/ }).waitFor();
    await screenshot(admin, 'catalogue');
  }, 60_000);

  it('hosts the service on a server role with the deployment map editor', async () => {
    await admin
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Configuration' })
      .click();
    await admin.getByRole('link', { name: 'Deployment maps' }).first().click();
    await admin.getByRole('link', { name: 'core' }).click();
    const picker = admin.getByLabel('Add a service to web');
    await picker.fill('Wish');
    await admin.getByRole('option', { name: 'Wishlist' }).click();
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await admin.getByText('Saved as version 2.').waitFor();
    await screenshot(admin, 'deployment-map-editor');
  }, 60_000);

  it('deploys the new service by scale-up patching and the live page reaches Success', async () => {
    await admin.goto(`${portal.baseUrl}/environments/int1`);
    await admin.getByRole('button', { name: 'Deploy', exact: true }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Service').selectOption({ label: 'Wishlist on web' });
    await dialog.getByLabel('Version').fill('1.0.0');
    await dialog.getByRole('button', { name: 'Dry run' }).click();
    await dialog.getByText('int1-co-web').first().waitFor();
    await dialog.getByRole('button', { name: 'Deploy', exact: true }).click();
    await admin.waitForURL(/\/deployments\/[0-9A-Z]{26}$/);
    await admin.getByText('Success', { exact: true }).waitFor({ timeout: 60_000 });
    await screenshot(admin, 'deployment-scale-up-success');

    // the service's page now shows where it runs
    await admin.goto(`${portal.baseUrl}/catalogue/Wishlist`);
    await admin.getByRole('link', { name: 'int1' }).first().waitFor();
    await admin.getByText('Loading…').first().waitFor({ state: 'detached', timeout: 30_000 });
    expect(await admin.getByRole('cell', { name: '1.0.0' }).count()).toBe(2); // where it runs, and its deployment
    await screenshot(admin, 'catalogue-service-where-it-runs');
  }, 90_000);

  it("deploys blue/green with a canary step that waits for someone else's approval", async () => {
    const carolContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const carol = await signIn(carolContext, 'carol');
      await carol.goto(`${portal.baseUrl}/environments/int1`);
      await carol.getByRole('button', { name: 'Deploy', exact: true }).click();
      const dialog = carol.getByRole('dialog');
      await dialog.getByLabel('Service').selectOption({ label: 'Gateway on gateway' });
      await dialog.getByLabel('Version').fill('4.1.0');
      await dialog.getByRole('radio', { name: 'Blue/green' }).check();

      // the blue slice takes the traffic: the server refuses it, in words
      await dialog.getByRole('radio', { name: 'Blue slice' }).check();
      await dialog.getByRole('button', { name: 'Dry run' }).click();
      await dialog.getByText(/the blue slice takes 100% of Gateway's traffic/).waitFor();
      await screenshot(carol, 'deploy-refused-live-slice');

      await dialog.getByRole('radio', { name: 'Green slice' }).check();
      await dialog.getByLabel('Canary steps (% of traffic)').fill('10, 100');
      await dialog.getByLabel('Bake time (seconds)').fill('1');
      await dialog.getByRole('checkbox', { name: /Require approval/ }).check();
      await dialog.getByRole('button', { name: 'Deploy', exact: true }).click();
      await carol.waitForURL(/\/deployments\/[0-9A-Z]{26}$/);
      const url = carol.url();
      await carol.getByText('Awaiting Approval', { exact: true }).first().waitFor({ timeout: 60_000 });
      // the requester may not approve their own deployment
      expect(await carol.getByRole('button', { name: 'Approve' }).count()).toBe(0);
      await screenshot(carol, 'deployment-awaiting-approval');

      await admin.goto(url);
      await admin.getByRole('button', { name: 'Approve' }).click();
      await admin.getByRole('alertdialog').getByRole('button', { name: 'Approve' }).click();
      await admin.getByText('Success', { exact: true }).waitFor({ timeout: 60_000 });
      await carol.getByText('Success', { exact: true }).waitFor({ timeout: 30_000 });
      await screenshot(admin, 'deployment-blue-green-success');
    } finally {
      await carolContext.close();
    }
  }, 120_000);

  it('explains why a locked environment takes no deployment, then unlocks it', async () => {
    await admin.goto(`${portal.baseUrl}/environments/stg1`);
    await admin.getByLabel('Reason for the lock').fill('Data-centre move');
    await admin.getByRole('button', { name: 'Lock deployments' }).click();
    await admin.getByRole('alertdialog').getByRole('button', { name: 'Lock deployments' }).click();
    await admin.getByRole('button', { name: 'Unlock deployments' }).waitFor();
    await admin
      .getByText(/Data-centre move/)
      .first()
      .waitFor();
    const deploy = admin.getByRole('button', { name: 'Deploy', exact: true });
    expect(await deploy.isDisabled()).toBeTrue();
    await admin
      .getByText(/locked/i)
      .first()
      .waitFor();
    await screenshot(admin, 'environment-locked');
    await admin.getByRole('button', { name: 'Unlock deployments' }).click();
    await admin.getByRole('button', { name: 'Lock deployments' }).first().waitFor();
  }, 60_000);

  it('finds both deployments in the history and the changes in the audit trail', async () => {
    await admin.goto(`${portal.baseUrl}/deployments`);
    await admin.getByRole('cell', { name: 'Wishlist' }).first().waitFor();
    await admin.getByRole('cell', { name: 'Gateway' }).first().waitFor();
    await admin.getByLabel('Service').fill('Wishlist');
    await admin.getByRole('button', { name: 'Filter' }).click();
    await admin.waitForURL(/service=Wishlist/);
    expect(await admin.getByRole('cell', { name: 'Gateway' }).count()).toBe(0);
    await screenshot(admin, 'deployment-history');

    await admin.goto(`${portal.baseUrl}/audit?type=DeploymentMap&entity=core`);
    await admin.getByRole('cell', { name: 'core' }).first().waitFor();
    await admin
      .getByRole('link', { name: /Show the Updated of DeploymentMap core/ })
      .first()
      .click();
    await admin
      .getByText(/"ServiceName": "Wishlist"/)
      .first()
      .waitFor();
    await screenshot(admin, 'audit-diff');

    await admin.goto(`${portal.baseUrl}/audit?type=Service&entity=Wishlist`);
    await admin.getByRole('cell', { name: 'Created' }).first().waitFor();

    // the deployments too: who requested each, and who approved the blue/green one
    await admin.goto(`${portal.baseUrl}/audit?type=Deployment`);
    await admin.getByRole('cell', { name: 'carol' }).first().waitFor();
    await admin
      .getByRole('link', { name: /Show the Updated of Deployment/ })
      .first()
      .click();
    await admin
      .getByText(/"ApprovedBy": "admin"/)
      .first()
      .waitFor();
    await screenshot(admin, 'audit-deployment-approval');
  }, 60_000);
});
