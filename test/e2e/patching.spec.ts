import type { Browser, Page } from 'playwright-core';
import { z } from 'zod';
import { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import { Instance } from '@shared/fleet/instance';
import { LaunchConfig } from '@shared/fleet/launch-config';
import { PatchOperation } from '@shared/patches/patch';
import { countsOf } from '@shared/fleet/group-health';
import { startPortalProcess, type PortalProcess } from '../support/portal-process';
import { launchBrowser, screenshot } from './support/browser';

const PASSWORD = 'sandbox-admin-password';
/** stg1's search role runs on em-linux-base-1.1.0, one behind the latest stable; its other roles are on 1.2.0. */
const ENVIRONMENT = 'stg1';
const LIVE = 'stg1-sr-search-blue';
const IDLE = 'stg1-sr-search-green';
const NEW_IMAGE = 'em-linux-base-1.2.0';

/**
 * An operator patches an environment onto the latest stable image from the Patching screen, against the
 * sandbox's demo estate: plans it (the groups it changes, those left out and why), runs it, watches it
 * reach Success, and the groups are on the new image when the API is asked afterwards.
 */
describe('patching an environment from the portal', () => {
  let portal: PortalProcess;
  let browser: Browser;
  let page: Page;

  /** A signed-in GET of the portal's API, parsed with the shared schema. */
  async function api<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    const reply = await page.request.get(`${portal.baseUrl}/api/v1${path}`);
    expect(reply.status()).withContext(path).toBe(200);
    return schema.parse(await reply.json());
  }

  /** Waits until every group of the environment has its desired instances in service and healthy. */
  async function estateSettled(environment: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const groups = (await api('/asgs', z.array(AutoScalingGroup))).filter((g) =>
        g.AutoScalingGroupName.startsWith(`${environment}-`),
      );
      const settled = groups.every((g) => {
        const c = countsOf(g);
        return c.live === c.desired && c.healthy === c.desired;
      });
      if (groups.length > 0 && settled) return;
      if (Date.now() > deadline) throw new Error(`${environment}'s groups did not settle in 60 s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** The rows of a table, each row's cells joined with " | ". */
  async function rows(table: ReturnType<Page['locator']>): Promise<string[]> {
    return table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) =>
        Array.from(tr.children)
          .map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim())
          .join(' | '),
      ),
    );
  }

  beforeAll(async () => {
    // the demo estate at a quick pace: boot delays and health checks in tens of milliseconds
    portal = await startPortalProcess({ env: { EM_SIM_MS_PER_SECOND: '20', EM_ENGINE_TICK_MS: '100' } });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${portal.baseUrl}/sign-in`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /Signed in as Administrator/ }).waitFor();
    // the seeded instances boot and pass their health checks a few seconds after the portal answers
    await estateSettled(ENVIRONMENT);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('plans a patch of stg1: the search groups on an older image change, the others are left out and why', async () => {
    // the home page counts stg1 among the environments with groups on an out-of-date image
    const outOfDate = page.getByRole('region', { name: /^Groups on an out-of-date image/ });
    await outOfDate.getByRole('link', { name: ENVIRONMENT, exact: true }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patching' }).click();
    await page.waitForURL(/\/patching$/);
    const images = page.locator('table.images');
    await images.getByText(NEW_IMAGE).first().waitFor();
    // the newest Linux image is a candidate, so the latest stable is the one before it
    expect(await rows(images)).toContain(
      jasmine.stringMatching(/^em-linux-base \| em-linux-base-1\.2\.0 \(ami-[0-9a-f]+\) \| 1\.3\.0 /),
    );

    await page.getByLabel('Environment').selectOption(ENVIRONMENT);
    // both search groups at once: the live one scales out and back, the idle one takes the template only
    await page.getByLabel('Groups at a time').fill('2');
    await page.getByLabel('Reason (optional)').fill('Monthly base image');
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    await page.getByRole('heading', { name: `The plan for ${ENVIRONMENT}` }).waitFor();

    expect(await rows(page.locator('table.plan-groups'))).toEqual([
      `${LIVE} | Search | em-linux-base-1.1.0 | ${NEW_IMAGE} | 2 | Scale out to 6, then back to 2`,
      `${IDLE} | Search | em-linux-base-1.1.0 | ${NEW_IMAGE} | 0 | Template only (idle green slice, no instances)`,
    ]);
    const leftOut = await rows(page.locator('table.left-out'));
    expect(leftOut.length).toBeGreaterThan(0);
    // every other group of stg1 runs the latest stable already
    for (const row of leftOut) {
      expect(row).toMatch(
        new RegExp(`^${ENVIRONMENT}-\\S+ \\| \\w+ \\| no-newer-image \\| it is on ${NEW_IMAGE} already$`),
      );
    }
    expect(leftOut.map((row) => row.split(' | ')[0])).toContain('stg1-co-web');
    await screenshot(page, 'patch-plan');
  }, 60_000);

  it('runs the plan and follows it group by group to Success', async () => {
    const run = page.getByRole('button', { name: 'Run', exact: true });
    expect(await run.isEnabled()).toBeTrue();
    const started = Date.now();
    await run.click();
    const heading = page.getByRole('heading', { name: new RegExp(`^Patch [0-9A-Z]{26} of ${ENVIRONMENT}$`) });
    await heading.waitFor();
    // the patch shown is in the URL, so the view can be shared or reloaded
    await page.waitForURL(/\/patching\?patch=[0-9A-Z]{26}$/);
    const status = page.locator('app-patch-view .patch-summary .status');
    await page.locator('app-patch-view .patch-summary .status[data-status="Success"]').waitFor({
      timeout: 60_000,
    });
    console.log(`patch of ${ENVIRONMENT} ran in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(await status.textContent()).toBe('Success');
    const groups = await rows(page.locator('app-patch-view table.groups'));
    expect(groups.map((row) => row.split(' | ').slice(0, 4).join(' | '))).toEqual([
      `${LIVE} | Search | em-linux-base-1.1.0 → ${NEW_IMAGE} | Success`,
      `${IDLE} | Search | em-linux-base-1.1.0 → ${NEW_IMAGE} | Success`,
    ]);
    await screenshot(page, 'patch-success');
  }, 90_000);

  it('leaves the groups on the new image, as the API tells it afterwards', async () => {
    const id = new URL(page.url()).searchParams.get('patch')!;
    const patch = await api(`/patches/${id}`, PatchOperation);
    expect(patch.Status).toBe('Success');
    expect(patch.User).toBe('admin');
    expect(patch.Reason).toBe('Monthly base image');
    expect(patch.Groups.map((g) => [g.AutoScalingGroupName, g.Status])).toEqual([
      [LIVE, 'Success'],
      [IDLE, 'Success'],
    ]);

    for (const group of [LIVE, IDLE]) {
      const config = await api(`/asgs/${group}/launch-config`, LaunchConfig);
      expect(config.AMI).withContext(group).toBe(NEW_IMAGE);
    }
    const live = (await api(`/instances?environment=${ENVIRONMENT}`, z.array(Instance))).filter(
      (i) => i.AutoScalingGroupName === LIVE && i.State.Name === 'running',
    );
    expect(live.length).toBe(2);
    expect(live.map((i) => i.Ami?.Name)).toEqual([NEW_IMAGE, NEW_IMAGE]);
    const asg = await api(`/asgs/${LIVE}`, AutoScalingGroup);
    expect(asg.DesiredCapacity).toBe(2);
    expect(asg.SuspendedProcesses).toEqual([]);
  });

  it('opens the ended patch again from its URL (as the home page links to it), and home no longer counts stg1', async () => {
    await page.reload();
    await page.getByRole('heading', { name: new RegExp(`^Patch [0-9A-Z]{26} of ${ENVIRONMENT}$`) }).waitFor();
    expect(await page.locator('app-patch-view .patch-summary .status').textContent()).toBe('Success');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    const outOfDate = page.getByRole('region', { name: /^Groups on an out-of-date image/ });
    // pr1 is still on older images: the panel has loaded when it lists it
    await outOfDate.getByRole('link', { name: 'pr1', exact: true }).waitFor();
    expect(await outOfDate.getByRole('link', { name: ENVIRONMENT, exact: true }).count()).toBe(0);
    await screenshot(page, 'patch-home-after');
  }, 60_000);
});
