import type { Browser, Page } from 'playwright-core';
import { startPortalProcess, type PortalProcess } from '../support/portal-process';
import { launchBrowser, screenshot } from './support/browser';

/** A developer deploys from the portal against the sandbox's demo estate (DynamoDB Local + aws-sim) and watches it. */
describe('deploying from the portal', () => {
  let portal: PortalProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // the demo estate at a quick pace: boot delays and health checks in tens of milliseconds
    portal = await startPortalProcess({ env: { EM_SIM_MS_PER_SECOND: '20', EM_ENGINE_TICK_MS: '100' } });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${portal.baseUrl}/sign-in`);
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill('sandbox-admin-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /Signed in as Alice/ }).waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('lists the environments and shows one with its roles, groups and versions', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Environments' }).click();
    await page.getByRole('link', { name: 'int1' }).click();
    await page.getByText('int1-co-web').waitFor();
    await page.getByText('Basket 2.8.1').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'environment');
  });

  it('deploys by scale-up patching after a dry run, and the live page reaches Success', async () => {
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Version').fill('2.9.0');
    await dialog.getByRole('button', { name: 'Dry run' }).click();
    await dialog.getByText('int1-co-web').first().waitFor();
    await screenshot(page, 'deploy-dry-run');
    await dialog.getByRole('button', { name: 'Deploy', exact: true }).click();
    await page.waitForURL(/\/deployments\/[0-9A-Z]{26}$/);
    await page.getByText('Success', { exact: true }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'deployment-success');
    await page.getByRole('link', { name: 'All deployments' }).click();
    await page.getByRole('cell', { name: '2.9.0' }).first().waitFor();
    await screenshot(page, 'deployment-history');
  }, 90_000);

  it("shows a refusal's reason in plain words (a version the server does not accept)", async () => {
    await page.goto(`${portal.baseUrl}/environments/pr1`);
    const deploy = page.getByRole('button', { name: 'Deploy', exact: true });
    await deploy.waitFor();
    // alice deploys to NonProd only: the button says why she cannot deploy to production
    expect(await deploy.isDisabled()).toBeTrue();
    await page
      .getByText(/may not deploy/i)
      .first()
      .waitFor();
    await screenshot(page, 'deploy-refused');
  });
});
