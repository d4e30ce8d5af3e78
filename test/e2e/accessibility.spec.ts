import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startPortalProcess, type PortalProcess } from '../support/portal-process';
import { launchBrowser } from './support/browser';

const PASSWORD = 'sandbox-admin-password';
const LAPTOP = { width: 1280, height: 800 };
const LARGE_MONITOR = { width: 1920, height: 1080 };
/** The WCAG 2.1 A and AA rules: the level the "labelled for screen readers" is held to. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const AXE_SOURCE = fs.readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');

/** One rule axe may not hold against one element, with the reason it cannot reasonably be fixed. */
interface AcceptedViolation {
  readonly rule: string;
  readonly selector: string;
  readonly why: string;
}

/** Nothing accepted so far: every serious or critical violation fails its screen. */
const ACCEPTED: readonly AcceptedViolation[] = [];

/** A violation as the browser reports it back, trimmed to what a failure message needs. */
interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
}

/** A screen of the signed-in portal: where it is, and what shows that its data has arrived. */
interface Screen {
  readonly name: string;
  readonly path: string;
  readonly ready?: (page: Page) => Promise<void>;
}

const screens: readonly Screen[] = [
  { name: 'home', path: '/' },
  { name: 'account', path: '/account' },
  { name: 'environments list', path: '/environments' },
  {
    name: 'environment page',
    path: '/environments/int1',
    ready: (page) => page.getByText('int1-co-web').first().waitFor(),
  },
  { name: 'deployment history', path: '/deployments' },
  {
    name: 'patching',
    path: '/patching',
    ready: (page) => page.getByText('em-linux-base').first().waitFor(),
  },
  {
    name: 'catalogue list',
    path: '/catalogue',
    ready: (page) => page.getByText(/\d+ of \d+ services/).waitFor(),
  },
  { name: 'service page', path: '/catalogue/Basket' },
  { name: 'new-service form', path: '/catalogue/new' },
  { name: 'compare', path: '/compare?env=int1&env=pr1' },
  { name: 'audit', path: '/audit' },
  { name: 'configuration landing', path: '/configuration' },
  { name: 'teams', path: '/configuration/teams' },
  { name: 'AWS accounts', path: '/configuration/aws-accounts' },
  {
    name: 'deployment map editor',
    path: '/configuration/deployment-maps/core',
    ready: (page) => page.getByRole('heading', { name: 'Deployment map core' }).waitFor(),
  },
  { name: 'users', path: '/configuration/users' },
  { name: 'permissions', path: '/configuration/permissions' },
  { name: 'import/export', path: '/configuration/import-export' },
  { name: 'freeze windows', path: '/freeze-windows/environments/int1' },
  { name: 'feature toggles', path: '/feature-toggles' },
  { name: 'new feature toggle', path: '/feature-toggles/new' },
  { name: 'stale feature toggles', path: '/feature-toggles/stale' },
  { name: 'feature toggle tokens', path: '/feature-toggles/tokens' },
  { name: 'a feature toggle', path: '/feature-toggles/CheckoutApi/new-checkout' },
  { name: 'notification settings', path: '/configuration/notification-settings' },
  { name: 'new notification settings', path: '/configuration/notification-settings/new' },
];

/** Waits for the page's heading and for its loading bars to go. */
async function settle(page: Page, screen?: Screen): Promise<void> {
  await page.locator('h1').first().waitFor();
  await screen?.ready?.(page);
  await page.waitForFunction(() => document.querySelectorAll('mat-progress-bar').length === 0, null, {
    timeout: 15_000,
  });
}

/** Runs axe's WCAG 2.1 A/AA rules on the whole document; gives the serious and critical violations. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async (tags) => {
    const { axe } = window as unknown as { axe: typeof import('axe-core') };
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => n.target.map(String).join(' ')),
    }));
  }, WCAG_TAGS);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      ...v,
      targets: v.targets.filter((t) => !ACCEPTED.some((a) => a.rule === v.id && a.selector === t)),
    }))
    .filter((v) => v.targets.length > 0);
}

/** One line per violation: rule, impact, what it asks and the first few elements, so a failure reads on its own. */
function describeViolations(violations: readonly Violation[]): string {
  return violations
    .map((v) => {
      const more = v.targets.length > 4 ? ` (+${v.targets.length - 4} more)` : '';
      return `  ${v.id} [${v.impact}] ${v.help}: ${v.targets.slice(0, 4).join(' | ')}${more}`;
    })
    .join('\n');
}

/** How far the document is wider than the window at the given size (0 when it does not scroll sideways). */
async function horizontalOverflow(page: Page, size: { width: number; height: number }): Promise<number> {
  await page.setViewportSize(size);
  return page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        requestAnimationFrame(() =>
          resolve(Math.max(0, document.documentElement.scrollWidth - window.innerWidth)),
        ),
      ),
  );
}

/** Fails with the violations listed, and checks the screen fits both widths without sideways scrolling. */
async function expectAccessible(page: Page, name: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations.length)
    .withContext(`${name} has serious/critical axe violations:\n${describeViolations(violations)}`)
    .toBe(0);
  for (const size of [LARGE_MONITOR, LAPTOP]) {
    expect(await horizontalOverflow(page, size))
      .withContext(`${name} scrolls horizontally at ${size.width}x${size.height} by (px)`)
      .toBe(0);
  }
}

/** The element that has focus, described by role-ish tag, its accessible label and its text. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return '';
    const label = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? '';
    return `${el.tagName.toLowerCase()}#${el.id}|${label.trim()}|${(el.textContent ?? '').trim()}`;
  });
}

/**
 * Every main screen of the portal, signed in as admin against the sandbox, passes axe's WCAG 2.1 A/AA
 * rules with no serious or critical violation, fits laptop and large-monitor widths without scrolling
 * sideways, and the sign-in page, the shell and the catalogue search work from the keyboard alone.
 */
describe('the portal for keyboard and screen-reader users', () => {
  let portal: PortalProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  /** A context whose pages may take axe's injected script despite the portal's CSP. */
  function newContext(): Promise<BrowserContext> {
    return browser.newContext({ viewport: LAPTOP, bypassCSP: true, reducedMotion: 'reduce' });
  }

  beforeAll(async () => {
    portal = await startPortalProcess();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  describe('signed out', () => {
    let signedOut: BrowserContext;
    let signIn: Page;
    beforeAll(async () => {
      signedOut = await newContext();
      signIn = await signedOut.newPage();
    });
    afterAll(() => signedOut?.close());

    it('the sign-in page passes axe and fits both widths', async () => {
      await signIn.goto(`${portal.baseUrl}/sign-in`);
      await signIn.getByLabel('Username').waitFor();
      await expectAccessible(signIn, 'sign-in');
    });

    it('tabs through Username, Password and Sign in in order, and Enter signs in', async () => {
      await signIn.goto(`${portal.baseUrl}/sign-in`);
      await signIn.getByLabel('Username').waitFor();
      await signIn.keyboard.press('Tab');
      expect(await focused(signIn)).toMatch(/^input#.*\|Username/);
      await signIn.keyboard.type('admin');
      await signIn.keyboard.press('Tab');
      expect(await focused(signIn)).toMatch(/^input#.*\|Password/);
      await signIn.keyboard.type(PASSWORD);
      await signIn.keyboard.press('Tab');
      expect(await focused(signIn)).toMatch(/^button#\|\|Sign in$/);
      await signIn.keyboard.press('Shift+Tab');
      await signIn.keyboard.press('Enter');
      await signIn.getByRole('heading', { name: /Signed in as Administrator/ }).waitFor();
    });
  });

  describe('signed in as admin', () => {
    beforeAll(async () => {
      context = await newContext();
      page = await context.newPage();
      await page.goto(`${portal.baseUrl}/sign-in`);
      await page.getByLabel('Username').fill('admin');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: /Signed in as Administrator/ }).waitFor();
    }, 30_000);
    afterAll(() => context?.close());

    for (const screen of screens) {
      it(`the ${screen.name} passes axe and fits both widths`, async () => {
        await page.goto(`${portal.baseUrl}${screen.path}`);
        await settle(page, screen);
        await expectAccessible(page, screen.name);
      });

      if (screen.name === 'environment page') {
        it('the deploy dialog passes axe and fits both widths', async () => {
          await page.getByRole('button', { name: 'Deploy', exact: true }).click();
          await page.getByRole('dialog').getByLabel('Version').waitFor();
          await expectAccessible(page, 'deploy dialog');
          await page.keyboard.press('Escape');
          await page.getByRole('dialog').waitFor({ state: 'detached' });
        });
      }
    }

    it('makes the skip link the first Tab stop, and it moves focus to main', async () => {
      await page.goto(`${portal.baseUrl}/`);
      await settle(page);
      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatch(/^a#\|\|Skip to main content$/);
      await page.keyboard.press('Enter');
      expect(await focused(page)).toMatch(/^main#main\|/);
    });

    it('reaches the first search result from the catalogue search with Tab, past the filters only', async () => {
      await page.goto(`${portal.baseUrl}/catalogue`);
      await settle(
        page,
        screens.find((s) => s.path === '/catalogue'),
      );
      await page.getByLabel('Search').focus();
      await page.keyboard.type('basket');
      await page.getByText(/^1 of \d+ services$/).waitFor();
      const stops: string[] = [];
      for (let i = 0; i < 8; i += 1) {
        await page.keyboard.press('Tab');
        const stop = await focused(page);
        stops.push(stop);
        if (stop.startsWith('a#')) break;
      }
      expect(stops.at(-1))
        .withContext(stops.join('\n'))
        .toMatch(/^a#\|\|Basket/);
      // on the way: the team, lifecycle and tag filters and the deleted toggle, nothing else
      expect(stops.length).withContext(stops.join('\n')).toBeLessThanOrEqual(6);
    });
  });
});
