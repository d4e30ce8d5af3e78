import type { Browser, Page } from 'playwright-core';
import { startPortalProcess, type PortalProcess } from '../support/portal-process';
import { launchBrowser, screenshot } from './support/browser';

const PASSWORD = 'sandbox-admin-password';
const LAPTOP = { width: 1280, height: 800 };

/** Whether the toolbar's drawn items share one row, their labels, and the toolbar's height. */
async function toolbarLayout(page: Page): Promise<{ oneRow: boolean; labels: string[]; height: number }> {
  return page.evaluate(() => {
    const toolbar = document.querySelector<HTMLElement>('mat-toolbar')!;
    const items = Array.from(
      toolbar.querySelectorAll<HTMLElement>(
        '.product, .nav a, .nav button, .user-items > *, .user-menu-trigger',
      ),
    ).filter((el) => el.getClientRects().length > 0);
    // items on one row overlap vertically: each starts above where every other ends
    const boxes = items.map((el) => el.getBoundingClientRect());
    const oneRow = Math.max(...boxes.map((b) => b.top)) < Math.min(...boxes.map((b) => b.bottom));
    return {
      oneRow,
      labels: items.map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim()),
      height: toolbar.getBoundingClientRect().height,
    };
  });
}

/**
 * The home page of the sandbox shows the estate at a glance (approvals, what runs, unhealthy groups,
 * locked environments, your deployments), each item linking to its page, under a toolbar that stays one
 * line on a 1280 px laptop.
 */
describe('the home page and toolbar', () => {
  let portal: PortalProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    portal = await startPortalProcess({ env: { EM_SIM_MS_PER_SECOND: '20', EM_ENGINE_TICK_MS: '100' } });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: LAPTOP });
    await page.goto(`${portal.baseUrl}/sign-in`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /Signed in as Administrator/ }).waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('keeps the toolbar on one line at 1280 px, with Sign out in the user menu', async () => {
    const layout = await toolbarLayout(page);

    expect(layout.oneRow).withContext(layout.labels.join(' | ')).toBeTrue();
    expect(layout.height).toBeLessThanOrEqual(64);
    expect(layout.labels).toContain('Configuration');
    await page.getByRole('button', { name: /Menu of Administrator/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).waitFor();
    await page.getByRole('menuitem', { name: 'API docs' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
  });

  it('shows the estate at a glance, every panel loaded, and a locked environment links to its page', async () => {
    // lock one environment from its page, as an operator would
    await page.goto(`${portal.baseUrl}/environments/stg1`);
    await page.getByLabel('Reason for the lock').fill('Load test this afternoon');
    await page.getByRole('button', { name: 'Lock deployments' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Lock deployments' }).click();
    await page.getByRole('button', { name: 'Unlock deployments' }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    for (const heading of [
      'Waiting for your approval',
      'Running now',
      'Unhealthy groups',
      'Groups on an out-of-date image',
      'Locked environments',
      'Your recent deployments',
    ]) {
      await page.getByRole('region', { name: new RegExp(`^${heading}`) }).waitFor();
    }
    await page.waitForFunction(() => document.querySelectorAll('mat-progress-bar').length === 0);
    expect(await page.getByRole('alert').count()).toBe(0);

    const locked = page.getByRole('region', { name: /^Locked environments/ });
    await locked.getByText(/Locked by admin .*: Load test this afternoon/).waitFor();
    const groups = page.getByRole('region', { name: /^Unhealthy groups/ });
    await groups.getByText(/Auto Scaling groups have their desired instances|unhealthy groups? in/).waitFor();
    // the sandbox seeds some groups on an older image
    const images = page.getByRole('region', { name: /^Groups on an out-of-date image/ });
    await images.getByText(/out-of-date groups? in/).waitFor();
    await screenshot(page, 'home-at-a-glance');
    expect((await toolbarLayout(page)).oneRow).toBeTrue();

    await locked.getByRole('link', { name: 'stg1' }).click();
    await page.waitForURL(/\/environments\/stg1$/);
    await page.getByRole('button', { name: 'Unlock deployments' }).click();
    await page.getByRole('button', { name: 'Lock deployments' }).first().waitFor();
  }, 60_000);
});
