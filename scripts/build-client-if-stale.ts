import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Builds the Angular portal before `npm start` when its sources are newer than the last build. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(full));
    else latest = Math.max(latest, fs.statSync(full).mtimeMs);
  }
  return latest;
}

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'dist/client/browser/index.html');
const sources = Math.max(
  newest(path.join(root, 'client')),
  newest(path.join(root, 'shared')),
  fs.statSync(path.join(root, 'angular.json')).mtimeMs,
);
if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < sources) {
  console.log('Building the portal (client/ changed since the last build)...');
  const run = spawnSync('npx', ['ng', 'build'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
