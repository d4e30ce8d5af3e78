import fs from 'node:fs';
import path from 'node:path';
import Jasmine from 'jasmine';

/**
 * Runs the server specs (jasmine 6 on TypeScript through tsx) and writes test-results/server.json with
 * {passed, failed, skipped} for the combined runner. A spec file may be given to run it alone.
 */
const jasmine = new Jasmine({ projectBaseDir: path.resolve(import.meta.dirname, '..') });
jasmine.loadConfig({
  spec_dir: 'test',
  spec_files: process.argv[2] ? [path.relative('test', process.argv[2])] : ['server/**/*.spec.ts'],
  helpers: ['support/global-setup.ts'],
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
fs.writeFileSync('test-results/server.json', JSON.stringify(counts) + '\n');
console.log(`server specs: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(result.overallStatus === 'passed' ? 0 : 1);
