import fs from 'node:fs';
import path from 'node:path';
import Jasmine from 'jasmine';

/**
 * Runs a jasmine suite on TypeScript through tsx: `server` (test/server, against DynamoDB Local), `aws-sim` (test/aws-sim, through the AWS SDK clients) or `e2e`
 * (test/e2e, Playwright in headless Chromium against a real portal process). Writes
 * test-results/<suite>.json with {passed, failed, skipped} for the combined runner. Spec files given
 * after the suite name run alone.
 */
const suites: Record<string, { specs: string; helpers: string[] }> = {
  server: { specs: 'server/**/*.spec.ts', helpers: ['support/global-setup.ts'] },
  'aws-sim': { specs: 'aws-sim/**/*.spec.ts', helpers: ['support/global-setup.ts'] },
  e2e: { specs: 'e2e/**/*.spec.ts', helpers: ['e2e/support/e2e-setup.ts'] },
};
const [suiteName = 'server', ...files] = process.argv.slice(2);
const suite = suites[suiteName];
if (!suite) throw new Error(`unknown suite ${suiteName}; use one of ${Object.keys(suites).join(', ')}`);

const jasmine = new Jasmine({ projectBaseDir: path.resolve(import.meta.dirname, '..') });
jasmine.loadConfig({
  spec_dir: 'test',
  spec_files: files.length ? files.map((f) => path.relative('test', f)) : [suite.specs],
  helpers: suite.helpers,
  jsLoader: 'import',
});
jasmine.exitOnCompletion = false;
jasmine.randomizeTests(false);
const counts = { passed: 0, failed: 0, skipped: 0 };
jasmine.addReporter({
  specDone(result) {
    if (result.status === 'passed') counts.passed += 1;
    else if (result.status === 'failed') counts.failed += 1;
    else counts.skipped += 1;
  },
  suiteDone(result) {
    // an error in beforeAll/afterAll fails the suite without failing a spec: count it
    if (result.status === 'failed') counts.failed += 1;
  },
});
const result = await jasmine.execute();
if (result.overallStatus !== 'passed' && counts.failed === 0) counts.failed = 1;
fs.mkdirSync('test-results', { recursive: true });
fs.writeFileSync(`test-results/${suiteName}.json`, JSON.stringify(counts) + '\n');
console.log(
  `${suiteName} specs: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
);
process.exit(result.overallStatus === 'passed' ? 0 : 1);
