import type { Browser, Page } from 'playwright-core';
import { startPortalProcess, type PortalProcess } from '../support/portal-process';
import { launchBrowser, screenshot } from './support/browser';

const PASSWORD = 'sandbox-admin-password';
const ENVIRONMENT = 'int1';

/** `HH:MM` in UTC, minutes from now: the ends of a daily window around the present moment. */
function utcMoment(minutesFromNow: number): string {
  return new Date(Date.now() + minutesFromNow * 60_000).toISOString().slice(11, 16);
}

/**
 * A developer hits a freeze window and uses break-glass, against the sandbox: alice (Checkout's
 * NonProd deployer) sets a daily window on int1 from its Freeze windows screen, her deployment is
 * refused (the window named, no override offered without break-glass); once she holds break-glass she
 * deploys anyway with a reason, and the deployment, its page and its audit entry carry the override.
 */
describe('a freeze window and break-glass', () => {
  let portal: PortalProcess;
  let browser: Browser;
  let page: Page;
  let adminToken: string;
  // the window's ends, read once: a minute passing mid-spec must not move them
  const starts = utcMoment(-60);
  const ends = utcMoment(60);

  /** A call of the API as the sandbox's admin (a bearer token, as scripts use). */
  async function asAdmin(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: any }> {
    const res = await fetch(`${portal.baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  beforeAll(async () => {
    portal = await startPortalProcess({ env: { EM_SIM_MS_PER_SECOND: '20', EM_ENGINE_TICK_MS: '100' } });
    const token = await fetch(`${portal.baseUrl}/api/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    adminToken = await token.text();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${portal.baseUrl}/sign-in`);
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /Signed in as Alice/ }).waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it("sets a recurring window on int1 from the environment's Freeze windows screen", async () => {
    await page.goto(`${portal.baseUrl}/environments/${ENVIRONMENT}`);
    await page.getByRole('link', { name: 'Freeze windows' }).click();
    await page.waitForURL(/\/freeze-windows\/environments\/int1$/);
    await page.getByRole('heading', { name: 'Freeze windows of environment int1' }).waitFor();
    await page.getByText('No freeze windows.').waitFor();

    await page.getByRole('radio', { name: 'Recurring' }).check();
    await page.getByLabel('Name').fill('Release freeze');
    await page.getByLabel('Starts (day and time)').fill(starts);
    await page.getByLabel('Ends (day and time)').fill(ends);
    await page.getByLabel('Time zone').fill('UTC');
    await page.getByLabel('Reason').fill('the data-centre move');
    await page.getByRole('button', { name: 'Add window' }).click();
    await page.locator('table.windows td.name', { hasText: 'Release freeze' }).waitFor();
    expect(await page.locator('table.windows td.when').first().textContent()).toContain('UTC, every day');
    await screenshot(page, 'freeze-windows');

    const stored = await asAdmin('GET', `/config/environments/${ENVIRONMENT}`);
    expect(stored.body.Value.FreezeWindows).toEqual([
      {
        Name: 'Release freeze',
        Recurring: { Start: starts, End: ends, TimeZone: 'UTC' },
        Reason: 'the data-centre move',
      },
    ]);
  });

  it('refuses her deployment inside it, naming the window and when it ends, with no override for her', async () => {
    await page.goto(`${portal.baseUrl}/environments/${ENVIRONMENT}`);
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Version').fill('2.9.1');
    await dialog.getByRole('button', { name: 'Deploy', exact: true }).click();
    const window = dialog.getByRole('region', { name: 'Freeze window' });
    await window.waitFor();
    expect(await window.textContent()).toContain('Release freeze (set on int1) freezes changes until');
    await dialog.getByText(/Only a holder of the break-glass permission/).waitFor();
    expect(await dialog.getByRole('button', { name: 'Deploy anyway (break-glass)' }).count()).toBe(0);
    await screenshot(page, 'freeze-window-refusal');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('with break-glass, she deploys anyway with a reason: recorded on the deployment, its page and its audit entry', async () => {
    const granted = await asAdmin('POST', '/config/permissions', {
      Name: 'alice',
      Permissions: [{ Action: 'break-glass', Clusters: ['Checkout'], EnvironmentTypes: ['NonProd'] }],
    });
    expect(granted.status).withContext(JSON.stringify(granted.body)).toBe(201);
    // the portal reads her grants when the page loads
    await page.goto(`${portal.baseUrl}/environments/${ENVIRONMENT}`);
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Version').fill('2.9.1');
    await dialog.getByRole('button', { name: 'Deploy', exact: true }).click();
    const anyway = dialog.getByRole('button', { name: 'Deploy anyway (break-glass)' });
    await anyway.waitFor();
    await anyway.click();
    await dialog.getByText('Give the reason for breaking the glass.').waitFor();
    await dialog.getByLabel(/break-glass reason/).fill('Basket 2.9.0 loses orders: INC-4711');
    await screenshot(page, 'break-glass');
    await anyway.click();

    await page.waitForURL(/\/deployments\/[0-9A-Z]{26}$/);
    const id = page.url().split('/').pop()!;
    const note = page.getByRole('note');
    await note.waitFor();
    expect(await note.textContent()).toContain('alice overrode the freeze window “Release freeze”');
    expect(await note.textContent()).toContain('Reason: Basket 2.9.0 loses orders: INC-4711');
    await page.getByText('Success', { exact: true }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'break-glass-deployment');

    const deployment = await asAdmin('GET', `/deployments/${id}`);
    expect(deployment.body.Value.BreakGlass).toEqual(
      jasmine.objectContaining({
        By: 'alice',
        Reason: 'Basket 2.9.0 loses orders: INC-4711',
        Window: jasmine.objectContaining({
          Name: 'Release freeze',
          Scope: 'environment',
          SetOn: ENVIRONMENT,
        }),
      }),
    );
    const audit = await asAdmin('GET', `/audit?Entity.Type=Deployment&Entity.Key=${id}`);
    const created = (
      audit.body as { ChangeType: string; NewValue: { BreakGlass?: { Reason: string } } }[]
    ).find((a) => a.ChangeType === 'Created');
    expect(created?.NewValue.BreakGlass?.Reason).toBe('Basket 2.9.0 loses orders: INC-4711');
  }, 90_000);
});
