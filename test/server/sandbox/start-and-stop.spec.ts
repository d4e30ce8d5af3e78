import fs from 'node:fs';
import path from 'node:path';
import { startPortalProcess, waitFor, type PortalProcess } from '../../support/portal-process';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The sandbox as `npm start` runs it: a real process that starts DynamoDB Local and stops it on exit. */
describe('the portal process', () => {
  const started: PortalProcess[] = [];
  afterEach(async () => {
    for (const p of started.splice(0)) await p.stop();
  });

  it('starts DynamoDB Local under EM_DATA_DIR, serves, keeps data across a restart, and leaves no Java process on SIGTERM', async () => {
    const first = await startPortalProcess();
    const javaPid = Number(
      fs.readFileSync(path.join(first.dataDir, 'dynamodb', 'dynamodb-local.pid'), 'utf8'),
    );
    expect(isAlive(javaPid)).toBeTrue();
    const base = `${first.baseUrl}/api/v1`;
    expect(await (await fetch(`${base}/diagnostics/healthcheck`)).json()).toEqual({
      OK: true,
      Version: jasmine.any(String),
    });
    // the bare token, as text
    const token = await (
      await fetch(`${base}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'sandbox-admin-password' }),
      })
    ).text();
    const made = await fetch(`${base}/config/clusters`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ ClusterName: 'Kept', Value: { ShortName: 'kp' } }),
    });
    expect(made.status).toBe(201);

    expect(await first.stop({ keepData: true })).toBe(0);
    await waitFor('DynamoDB Local to stop', () => (isAlive(javaPid) ? undefined : true), 10_000);
    expect(fs.existsSync(path.join(first.dataDir, 'dynamodb', 'shared-local-instance.db'))).toBeTrue();

    const second = await startPortalProcess({ dataDir: first.dataDir });
    started.push(second);
    const again = await fetch(`${second.baseUrl}/api/v1/config/clusters/Kept`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(again.status).toBe(200);
    second.child.kill('SIGINT');
    expect(await second.exited()).toBe(0);
  }, 180_000);

  it('refuses to start on a wrong setting, naming the variable', async () => {
    const run = await startPortalProcess({ env: { PORT: 'not-a-port' }, waitUntilListening: false });
    started.push(run);
    expect(await run.exited()).toBe(2);
    expect(run.output()).toContain('PORT:');
  });
});
