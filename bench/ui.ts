// Measures the portal's UI: (1) the JavaScript a browser fetches before the first screen, raw and gzipped,
// and (2) on a real portal holding 5,000 services, how long the catalogue takes from a keystroke in its
// search field to the filtered list being painted, in headless Chromium. It prints figures, no thresholds.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { catalogueEntry } from '../client/src/app/catalogue/catalogue-entry';
import { filterCatalogue } from '../client/src/app/catalogue/catalogue-filter';
import type { NewService } from '../shared/catalogue/service';
import { startPortalProcess, type PortalProcess } from '../test/support/portal-process';
import chromiumFlags from '../test/support/chromium-flags.json' with { type: 'json' };

/** How many services the catalogue holds, unless `--services N` says otherwise. */
export const SERVICES = 5000;
/** Runs per search term, unless `--runs N` says otherwise. */
export const RUNS = 5;
/** What is typed: a name prefix, a team, a tag, two words, and one exact name. */
export const TERMS = ['svc-01', 'payments', 'pci', 'ledger payments', 'svc-04321'];

const ADMIN_PASSWORD = 'sandbox-admin-password';
const TEAMS = ['Payments', 'Search', 'Platform', 'Checkout', 'Data'];
const TAGS = ['pci', 'eu', 'public-api', 'batch', 'internal', 'grpc', 'legacy'];
const LIFECYCLES = ['experimental', 'production', 'deprecated'] as const;
const KB = 1024;

const root = path.resolve(import.meta.dirname, '..');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function options(): { services: number; runs: number } {
  const { values } = parseArgs({ options: { services: { type: 'string' }, runs: { type: 'string' } } });
  const services = values.services === undefined ? SERVICES : Number(values.services);
  const runs = values.runs === undefined ? RUNS : Number(values.runs);
  // two ports per service from 1024 up must stay within 65535
  if (!Number.isInteger(services) || services < 1 || services > 32_000) {
    throw new Error('--services must be an integer from 1 to 32000');
  }
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  return { services, runs };
}

/** The JavaScript index.html loads before the first screen: its scripts and module preloads. */
function initialScripts(html: string): string[] {
  const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
  return tags.flatMap((tag) => {
    const src = /\bsrc="([^"]+)"/.exec(tag)?.[1];
    if (tag.startsWith('<script') && src) return [src];
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    return /\brel="modulepreload"/.test(tag) && href ? [href] : [];
  });
}

function reportBundle(): void {
  console.log('building the production client if it is stale...');
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-client-if-stale.ts'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error(`the client build failed (exit ${build.status})`);
  const dir = path.join(root, 'dist/client/browser');
  const files = initialScripts(fs.readFileSync(path.join(dir, 'index.html'), 'utf8'));
  const line = (a: string, b: string, c: string) => `  ${a.padEnd(28)}${b.padStart(12)}${c.padStart(12)}`;
  console.log('\nInitial JavaScript (index.html scripts and modulepreloads), gzip level 6 (zlib default):');
  console.log(line('file', 'raw KB', 'gzip KB'));
  let raw = 0;
  let gzipped = 0;
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(dir, file));
    const zipped = gzipSync(bytes).length;
    raw += bytes.length;
    gzipped += zipped;
    console.log(line(file, (bytes.length / KB).toFixed(1), (zipped / KB).toFixed(1)));
  }
  console.log(line(`total (${files.length} files)`, (raw / KB).toFixed(1), (gzipped / KB).toFixed(1)));
}

function service(i: number): NewService {
  const n = String(i).padStart(5, '0');
  const team = TEAMS[i % TEAMS.length]!;
  return {
    ServiceName: `svc-${n}`,
    OwningCluster: team,
    Value: {
      Description: `${i % 7 === 0 ? 'Keeps the ledger' : 'Serves requests'} for ${team.toLowerCase()}, number ${n}`,
      Lifecycle: LIFECYCLES[i % LIFECYCLES.length]!,
      BluePort: 1024 + 2 * i,
      GreenPort: 1025 + 2 * i,
      Tags: [TAGS[i % TAGS.length]!, TAGS[(i + 3) % TAGS.length]!],
      Contacts: [{ Name: `${team} on call`, Email: `${team.toLowerCase()}@example.com` }],
    },
  };
}

async function call(base: string, method: string, url: string, token: string | undefined, body: unknown) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(600_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${text.slice(0, 500)}`);
  return text;
}

/** Creates the teams, then every service in one admin import (far quicker than one POST each). */
async function seed(base: string, services: readonly NewService[]): Promise<void> {
  // the bare token, as text
  const token = await call(base, 'POST', '/api/v1/token', undefined, {
    username: 'admin',
    password: ADMIN_PASSWORD,
  });
  for (const team of TEAMS) {
    const ShortName = team.slice(0, 4).toLowerCase();
    await call(base, 'POST', '/api/v1/config/clusters', token, { ClusterName: team, Value: { ShortName } });
  }
  await call(base, 'PUT', '/api/v1/config/import/services?mode=merge', token, services);
}

/**
 * Runs in the page: types the term into the search field and resolves with the milliseconds until the
 * list showing `expected` has been painted. The clock starts before the input event (what Playwright's
 * `fill` dispatches) and stops in a task queued from the first animation frame after the count reads
 * right, which runs once that frame has been painted. It is source text because tsx would wrap a
 * TypeScript function in helpers the page does not have.
 */
const TIME_SEARCH_IN_PAGE = `async (term, expected) => {
  const input = document.querySelector('input[name="search"]');
  const start = performance.now();
  input.value = term;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await new Promise((resolve) => {
    const check = () =>
      document.querySelector('.count')?.textContent?.trim() === expected
        ? requestAnimationFrame(() => setTimeout(resolve))
        : requestAnimationFrame(check);
    check();
  });
  return performance.now() - start;
}`;

/** Milliseconds from typing `term` to the painted list whose count reads `expected`. */
async function timeSearch(page: Page, term: string, expected: string): Promise<number> {
  const ms: unknown = await page.evaluate(
    `(${TIME_SEARCH_IN_PAGE})(${JSON.stringify(term)}, ${JSON.stringify(expected)})`,
  );
  if (typeof ms !== 'number') throw new Error(`the page timing gave ${String(ms)}`);
  return ms;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measureSearch(portal: PortalProcess, services: readonly NewService[], runs: number) {
  const entries = services.map((s) => catalogueEntry({ ...s, Version: 1 }));
  const total = `${services.length} of ${services.length} services`;
  const expected = (term: string) =>
    `${filterCatalogue(entries, { text: term, team: '', lifecycle: '', tag: '' }).length} of ${services.length} services`;

  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: process.env['CHROME_BIN'] ?? '/usr/bin/chromium',
      headless: true,
      args: chromiumFlags,
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${portal.baseUrl}/sign-in`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /Signed in as/ }).waitFor();

    const opened = Date.now();
    await page.goto(`${portal.baseUrl}/catalogue`);
    await page.getByText(total).waitFor({ timeout: 120_000 });
    const openMs = Date.now() - opened;
    const rendered = await page.locator('.row').count();

    const rows: { label: string; matches: string; times: number[] }[] = [];
    const clearing: number[] = [];
    for (const term of TERMS) {
      const times: number[] = [];
      for (let run = 0; run < runs; run++) {
        times.push(await timeSearch(page, term, expected(term)));
        clearing.push(await timeSearch(page, '', total));
      }
      rows.push({ label: `"${term}"`, matches: expected(term).split(' of ')[0]!, times });
    }
    rows.push({ label: 'clear (back to all)', matches: String(services.length), times: clearing });
    return { openMs, rendered, rows };
  } finally {
    await browser?.close();
  }
}

async function main(): Promise<void> {
  const { services: count, runs } = options();
  const started = Date.now();
  reportBundle();

  let portal: PortalProcess | undefined;
  const stop = () => void portal?.stop().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    // no demo estate: the catalogue holds exactly the bench's services and their ports are free
    portal = await startPortalProcess({
      env: { EM_DEMO_ESTATE: 'false', EM_ADMIN_PASSWORD: ADMIN_PASSWORD },
    });
    console.log(`\nportal ready in ${seconds(Date.now() - started)} at ${portal.baseUrl}`);
    const services = Array.from({ length: count }, (_, i) => service(i));
    const seeding = Date.now();
    await seed(portal.baseUrl, services);
    console.log(`seeded ${count} services in ${seconds(Date.now() - seeding)}`);

    const { openMs, rendered, rows } = await measureSearch(portal, services, runs);
    console.log(`\nCatalogue in headless Chromium (1280x900), ${count} services:`);
    console.log(`  open /catalogue until "${count} of ${count} services" shows: ${openMs} ms`);
    console.log(`  rows in the DOM (virtual scrolling): ${rendered} of ${count}`);
    console.log(`\n  Keystroke to painted list, ${runs} runs per term (ms):`);
    console.log(`  ${'typed'.padEnd(24)}${'matches'.padStart(9)}${'p50'.padStart(9)}${'max'.padStart(9)}`);
    for (const row of [...rows, { label: 'all runs', matches: '', times: rows.flatMap((r) => r.times) }]) {
      const p50 = percentile(row.times, 50).toFixed(1);
      const max = Math.max(...row.times).toFixed(1);
      console.log(`  ${row.label.padEnd(24)}${row.matches.padStart(9)}${p50.padStart(9)}${max.padStart(9)}`);
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await portal?.stop();
    console.log(`\nwhole run: ${seconds(Date.now() - started)}`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
