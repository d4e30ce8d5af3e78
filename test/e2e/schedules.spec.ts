import type { Browser, Page } from 'playwright-core';
import { z } from 'zod';
import { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import { countsOf } from '@shared/fleet/group-health';
import { ScheduleStatus } from '@shared/schedules/environment-schedule';
import { startPortalProcess, type PortalProcess } from '../support/portal-process';
import { launchBrowser, screenshot } from './support/browser';

const PASSWORD = 'sandbox-admin-password';
/** The smallest demo environment: ops1 runs one role (auth) in one group. */
const ENVIRONMENT = 'ops1';
/** The schedule's zone: half an hour off any whole-hour zone, so crons read in UTC would not fire. */
const ZONE = 'Asia/Kolkata';
/** Time enough to save the schedule and see it on before its Stop minute, on a busy machine. */
const LEEWAY_MS = 5_000;

/** A cron firing at a moment's minute in a zone, pinned to its day and month (so once a year). */
function cronAt(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(at);
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  return `${field('minute')} ${field('hour')} ${field('day')} ${field('month')} *`;
}

const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * An operator gives an environment, from its page's Schedule panel, a schedule that switched it on this
 * minute and switches it off at the next (in Asia/Kolkata): until then it is on and the scheduler,
 * looking every second here, leaves its groups at their sizes; once the minute passes it brings them to
 * zero, as the page and the API show. Set back to `247`, the groups come back to the sizes they had.
 */
describe("switching an environment off and on with its schedule, from the environment's page", () => {
  let portal: PortalProcess;
  let browser: Browser;
  let page: Page;
  /** Each group of the environment with its desired size before the schedule changed. */
  let sizes: Map<string, number>;

  async function api<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    const reply = await page.request.get(`${portal.baseUrl}/api/v1${path}`);
    expect(reply.status()).withContext(path).toBe(200);
    return schema.parse(await reply.json());
  }

  const groups = async () =>
    (await api('/asgs', z.array(AutoScalingGroup))).filter((g) =>
      g.AutoScalingGroupName.startsWith(`${ENVIRONMENT}-`),
    );

  /** Polls until `done` holds of the environment's groups, or fails saying what was awaited. */
  async function until(what: string, done: (gs: AutoScalingGroup[]) => boolean, ms = 20_000) {
    const deadline = Date.now() + ms;
    for (;;) {
      const gs = await groups();
      if (gs.length > 0 && done(gs)) return gs;
      if (Date.now() > deadline) throw new Error(`${ENVIRONMENT}: ${what} not within ${ms / 1000} s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** The Desired cell of each group row the environment's page shows, by group name (read afresh). */
  async function desiredShown(): Promise<Map<string, string>> {
    await page.goto(`${portal.baseUrl}/environments/${ENVIRONMENT}`);
    await page.getByRole('heading', { name: 'Schedule', exact: true }).waitFor();
    const rows = page.getByRole('table', { name: /^Auto Scaling groups of / }).locator('tbody tr');
    await rows.first().waitFor();
    const cells = await rows.evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.children).map((td) => (td.textContent ?? '').trim())),
    );
    return new Map(cells.map((c) => [c[0]!.split(/\s/)[0]!, c[2]!]));
  }

  /** Sets the environment's default schedule from its page's Schedule panel, followed automatically. */
  async function setSchedule(schedule: string, meaning: string): Promise<void> {
    await page.goto(`${portal.baseUrl}/environments/${ENVIRONMENT}`);
    const panel = page.getByRole('region', { name: 'Schedule', exact: true });
    await panel.getByRole('button', { name: 'Change the schedule', exact: true }).click();
    await panel.getByLabel(/On by hand/).uncheck();
    await panel.getByLabel(/Follow the default schedule/).check();
    await panel.getByLabel('Default schedule', { exact: true }).fill(schedule);
    await panel.getByRole('button', { name: 'Save schedule' }).click();
    await panel.getByText(`(${meaning})`).first().waitFor();
  }

  beforeAll(async () => {
    // the demo estate at a quick pace, and the scheduler looking every second rather than every minute
    portal = await startPortalProcess({
      env: { EM_SIM_MS_PER_SECOND: '20', EM_ENGINE_TICK_MS: '100', EM_SCHEDULER_INTERVAL_MS: '1000' },
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${portal.baseUrl}/sign-in`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /Signed in as Administrator/ }).waitFor();
    // the seeded instances boot and pass their health checks a few seconds after the portal answers
    const settled = await until('the seeded groups in service', (gs) =>
      gs.every((g) => {
        const c = countsOf(g);
        return c.desired > 0 && c.live === c.desired && c.healthy === c.desired;
      }),
    );
    sizes = new Map(settled.map((g) => [g.AutoScalingGroupName, g.DesiredCapacity]));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('switches ops1 off at the minute its cron schedule says: its groups go to zero; back on with 247: to their sizes', async () => {
    const began = Date.now();
    const status = () => api(`/environments/${ENVIRONMENT}/schedule-status`, ScheduleStatus);
    const desiredOf = (gs: AutoScalingGroup[]) =>
      new Map(gs.map((g) => [g.AutoScalingGroupName, g.DesiredCapacity]));
    expect(await status()).toEqual({ Status: 'ON' });

    // on from this minute, off at the next whole one (the one after, if the next is too near to set)
    const now = Date.now();
    const stopAt = Math.ceil((now + LEEWAY_MS) / 60_000) * 60_000;
    const schedule = `Start: ${cronAt(new Date(now), ZONE)}; Stop: ${cronAt(new Date(stopAt), ZONE)} | ${ZONE}`;
    await setSchedule(schedule, `switches on and off in ${ZONE}`);
    const savedIn = Date.now() - now;
    expect(Date.now()).withContext(`${schedule} saved before its Stop minute`).toBeLessThan(stopAt);
    expect(await status()).toEqual({ Status: 'ON' });

    // the scheduler has looked at the schedule every second since: on, it left the groups as they were
    await sleepUntil(stopAt - 3_000);
    expect(desiredOf(await groups())).toEqual(sizes);
    expect(await status())
      .withContext('just before the Stop minute')
      .toEqual({ Status: 'ON' });

    await until(
      'every group at zero',
      (gs) => gs.every((g) => g.DesiredCapacity === 0 && g.MinSize === 0),
      30_000,
    );
    const zeroAfter = Date.now() - stopAt;
    expect(await status()).toEqual({ Status: 'OFF' });
    const off = await desiredShown();
    expect([...off.keys()].sort()).toEqual([...sizes.keys()].sort());
    for (const [name, desired] of off) expect(desired).withContext(name).toBe('0');
    await screenshot(page, 'schedule-off');

    // back on by 247 at once: a Start at the following minute would wait up to one more minute
    const onFrom = Date.now();
    await setSchedule('247', 'always on');
    expect(await status()).toEqual({ Status: 'ON' });
    await until('every group back at its size', (gs) =>
      gs.every((g) => g.DesiredCapacity === sizes.get(g.AutoScalingGroupName)),
    );
    const backAfter = Date.now() - onFrom;
    const on = await desiredShown();
    for (const [name, desired] of on)
      expect(desired)
        .withContext(name)
        .toBe(String(sizes.get(name)));
    await screenshot(page, 'schedule-on-again');
    console.log(
      `schedules e2e: ${schedule}: saved in ${seconds(savedIn)}, ${seconds(stopAt - now)} to the Stop minute, groups at zero ` +
        `${seconds(zeroAfter)} after it, back at their sizes ${seconds(backAfter)} after 247 was set; ` +
        `the flow took ${seconds(Date.now() - began)}`,
    );
  }, 100_000);
});
