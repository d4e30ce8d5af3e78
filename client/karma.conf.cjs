// Karma settings for the client specs, run by `ng test` (@angular/build:unit-test with runner karma).
// CommonJS because the root package.json declares "type": "module" and Karma loads its config with require().
const fs = require('node:fs');
const path = require('node:path');

// Debian's chromium is the browser here; an explicit CHROME_BIN still wins.
if (!process.env.CHROME_BIN && fs.existsSync('/usr/bin/chromium')) {
  process.env.CHROME_BIN = '/usr/bin/chromium';
}

// Headless Chromium as root on a machine without network: the same flags as the e2e run.
const chromiumFlags = require('../test/support/chromium-flags.json');

const summaryFile = path.resolve(__dirname, '..', 'test-results', 'client.json');

/** Writes {passed, failed, skipped} for the combined test runner when a run completes. */
function SummaryFileReporter(baseReporterDecorator) {
  baseReporterDecorator(this);
  // The base reporter would echo every browser log line a second time.
  this.adapters = [];
  this.onRunComplete = (_browsers, results) => {
    // A load error or a lost browser runs no spec; count it as a failure so the summary never reads green.
    const broken = (results.error || results.disconnected) && results.failed === 0 ? 1 : 0;
    const summary = { passed: results.success, failed: results.failed + broken, skipped: results.skipped };
    fs.mkdirSync(path.dirname(summaryFile), { recursive: true });
    fs.writeFileSync(summaryFile, JSON.stringify(summary) + '\n');
  };
}
SummaryFileReporter.$inject = ['baseReporterDecorator'];

module.exports = function (config) {
  config.set({
    basePath: '',
    frameworks: ['jasmine'],
    plugins: [
      require('karma-jasmine'),
      require('karma-chrome-launcher'),
      { 'reporter:summary-file': ['type', SummaryFileReporter] },
    ],
    client: {
      jasmine: { random: true },
    },
    reporters: ['dots', 'summary-file'],
    customLaunchers: {
      ChromeHeadlessCI: {
        base: 'ChromeHeadless',
        flags: chromiumFlags,
      },
    },
    browsers: ['ChromeHeadlessCI'],
    singleRun: true,
    restartOnFileChange: false,
    browserNoActivityTimeout: 60000,
  });
};
