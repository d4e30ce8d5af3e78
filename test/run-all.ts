import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * `npm test`: the server specs (jasmine, against DynamoDB Local), the client specs (karma, headless
 * Chromium) and the end-to-end specs (Playwright against a real portal process), then one closing line
 * `N passed, N failed` over all of them.
 */
interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
const suites = [
  { name: 'server', command: ['npm', 'run', '--silent', 'test:server'], results: 'test-results/server.json' },
  {
    name: 'aws-sim',
    command: ['npm', 'run', '--silent', 'test:aws-sim'],
    results: 'test-results/aws-sim.json',
  },
  { name: 'client', command: ['npm', 'run', '--silent', 'test:client'], results: 'test-results/client.json' },
  { name: 'e2e', command: ['npm', 'run', '--silent', 'test:e2e'], results: 'test-results/e2e.json' },
];

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
for (const suite of suites) {
  fs.rmSync(suite.results, { force: true });
  const started = Date.now();
  const run = spawnSync(suite.command[0]!, suite.command.slice(1), { stdio: 'inherit', env });
  let counts: Counts = { passed: 0, failed: 1, skipped: 0 };
  try {
    counts = JSON.parse(fs.readFileSync(suite.results, 'utf8')) as Counts;
  } catch {
    console.error(`${suite.name}: no results file; counting the suite as failed`);
  }
  if (run.status !== 0 && counts.failed === 0) counts.failed = 1;
  console.log(
    `${suite.name}: ${counts.passed} passed, ${counts.failed} failed (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
}
console.log(
  `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`,
);
process.exit(total.failed === 0 ? 0 : 1);
