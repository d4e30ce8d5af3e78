import type { Browser, Page } from 'playwright-core';
import { startPortalProcess, type PortalProcess } from '../support/portal-process';
import { launchBrowser, screenshot } from './support/browser';

/** The signed-in shell in a real browser against the sandbox portal (its own process and data). */
describe('signing in to the portal', () => {
  let portal: PortalProcess;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    portal = await startPortalProcess();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterEach(() => page.close());

  it('sends a visitor to the sign-in page, shows a refused password in plain words, then signs in and out', async () => {
    await page.goto(portal.baseUrl);
    await page.waitForURL(/\/sign-in/);
    await screenshot(page, 'sign-in');
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectAsync(
      page.getByText('invalid username or password', { exact: false }).waitFor(),
    ).toBeResolved();

    await page.getByLabel('Password').fill('sandbox-admin-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /Signed in as Administrator/ }).waitFor();
    await screenshot(page, 'home');
    await page.getByRole('link', { name: 'your account page' }).click();
    await page.getByRole('heading', { name: 'What you may do' }).waitFor();
    expect(await page.getByRole('region', { name: 'What you may do' }).textContent()).toContain('admin');

    // a personal API token: its secret is shown once, then it works for scripts until revoked
    await page.getByLabel('Token name').fill('e2e script');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.locator('code.value').textContent())?.trim() ?? '';
    expect(secret.length).toBeGreaterThan(20);
    const me = await fetch(`${portal.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(me.status).toBe(200);
    await screenshot(page, 'account');

    await page.reload();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();

    // at 1280 px Sign out is in the user's menu, so that the toolbar stays one line
    await page.getByRole('button', { name: /Menu of Administrator/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    await page.goto(`${portal.baseUrl}/`);
    await page.waitForURL(/\/sign-in/);
    expect(errors.filter((e) => !/401|Unauthorized/.test(e))).toEqual([]);
  });

  it('links to the API docs page, which loads the generated document', async () => {
    await page.goto(`${portal.baseUrl}/docs`);
    await page.getByText('Environment Manager API').first().waitFor();
    // every tag is listed, closed; opening one lists its operations
    await page.locator('.opblock-tag', { hasText: 'Deployments' }).first().waitFor();
    await page.locator('.opblock-tag', { hasText: 'Services' }).first().click();
    await expectAsync(page.getByText('/config/services', { exact: false }).first().waitFor()).toBeResolved();
    await screenshot(page, 'api-docs');
  });
});
