import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestSim, type TestSim } from '../../aws-sim/support/test-sim';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { givenFleetEstate, type FleetEstate } from '../fleet/support/fleet-estate';
import { runEm, type EmRun } from './support/run-em';

/** The real `em` as a child process, against an in-process portal whose engine deploys to aws-sim. */
describe('em, the command line client', () => {
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let estate: FleetEstate;
  let home: string;

  beforeAll(async () => {
    sim = await startTestSim();
    tp = await startTestPortal({ awsEndpoint: sim.sim.endpoint, engineTickMs: 40 });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    estate = await givenFleetEstate(admin, sim);
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'em-cli-'));
  }, 60_000);
  afterAll(async () => {
    await tp.close();
    await sim.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  /** `em` signed in through the environment, as in CI. */
  const em = (...args: string[]) =>
    runEm(args, { home, env: { EM_URL: tp.baseUrl, EM_TOKEN: admin.token! } });
  const context = (run: EmRun) => `exit ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
  const latest = async (service: string) =>
    (await admin.get(`/deployments?service=${service}&per_page=1`)).body[0];

  it('deploys and waits: plain progress lines when stdout is not a terminal, exit 0 on Success', async () => {
    // instances boot in 1 s, longer than the event stream's 500 ms poll: a record shows them booting
    await sim.control('PUT', '/_sim/faults/boot', { failureRate: 0, delayFactor: 5 });
    const run = await em('deploy', estate.webService, '1.1.0', '--env', estate.environment, '--wait').finally(
      () => sim.control('DELETE', '/_sim/faults'),
    );

    expect(run.code).withContext(context(run)).toBe(0);
    const d = await latest(estate.webService);
    expect(d.Value.ServiceVersion).toBe('1.1.0');
    expect(d.Value.Status).toBe('Success');
    expect(run.stdout).toContain(
      `Deployment ${d.DeploymentID}: ${estate.webService} 1.1.0 -> ${estate.environment}`,
    );
    expect(run.stdout).toMatch(/^step wait-for-new-instances: running$/m);
    expect(run.stdout).toMatch(/^instances: \d+ old, \d+\/\d+ new in service$/m);
    expect(run.stdout).toMatch(/^log \S+ info: /m);
    expect(run.stdout).toMatch(/^status: Success$/m);
    // no bar drawing on a pipe
    expect(run.stdout).not.toContain('\u001b[');
  }, 60_000);

  it("prints the API's JSON with --json: a dry run's plan, the history and a deployment's status", async () => {
    const plan = await em(
      'deploy',
      estate.webService,
      '1.2.0',
      '--env',
      estate.environment,
      '--dry-run',
      '--json',
    );
    expect(plan.code).withContext(context(plan)).toBe(0);
    expect(JSON.parse(plan.stdout)).toEqual(
      jasmine.objectContaining({
        environment: estate.environment,
        service: estate.webService,
        version: '1.2.0',
        mode: 'overwrite',
        currentVersions: ['1.1.0'],
        steps: jasmine.any(Array),
      }),
    );

    const history = await em('history', '--service', estate.webService, '--json');
    expect(history.code).withContext(context(history)).toBe(0);
    const deployments = JSON.parse(history.stdout);
    expect(deployments.length).toBe(1);
    const id = deployments[0].DeploymentID;

    const status = await em('status', id, '--json');
    expect(status.code).withContext(context(status)).toBe(0);
    expect(JSON.parse(status.stdout)).toEqual((await admin.get(`/deployments/${id}`)).body);
  }, 60_000);

  it("exits 2 with the problem's detail on stderr when the portal refuses, here a locked environment", async () => {
    const lock = await em('lock', estate.environment, '--reason', 'release freeze');
    expect(lock.code).withContext(context(lock)).toBe(0);

    const refused = await em('deploy', estate.webService, '1.3.0', '--env', estate.environment, '--wait');
    expect(refused.code).withContext(context(refused)).toBe(2);
    expect(refused.stderr).toBe(
      `em: refused (423 Locked): ${estate.environment} is locked by admin: "release freeze"\n`,
    );
    expect(refused.stdout).toBe('');

    const unlock = await em('unlock', estate.environment);
    expect(unlock.code).withContext(context(unlock)).toBe(0);
    expect((await admin.get(`/environments/${estate.environment}`)).body.Value.DeploymentsLocked).toBeFalse();
    // a command line em cannot take is a refusal too
    const usage = await em(
      'deploy',
      estate.webService,
      '1.3.0',
      '--env',
      estate.environment,
      '--slice',
      'red',
    );
    expect(usage.code).withContext(context(usage)).toBe(2);
  }, 60_000);

  it('exits 1 when the new version fails its health checks and the deployment rolls back', async () => {
    await sim.control('PUT', '/_sim/faults/unhealthy-versions', [
      { service: estate.apiService, version: '6.6.6' },
    ]);
    const run = await em(
      'deploy',
      estate.apiService,
      '6.6.6',
      '--env',
      estate.environment,
      '--slice',
      'green',
      '--canary',
      '10',
      '--bake',
      '1',
      '--wait',
    );

    expect(run.code).withContext(context(run)).toBe(1);
    expect(run.stderr).toMatch(/deployment \w+ ended Rolled Back: .*health/);
    expect((await latest(estate.apiService)).Value.Status).toBe('Rolled Back');
  }, 60_000);

  it("reads the fleet: ASG readiness, the active slice, a service's health, and waits for a healthy one", async () => {
    const ready = await em('asg', 'ready', estate.webGroup, '--env', estate.environment, '--json');
    expect(ready.code).withContext(context(ready)).toBe(0);
    expect(JSON.parse(ready.stdout)).toEqual(jasmine.objectContaining({ ReadyToDeploy: true }));

    const active = await em('slices', estate.apiService, '--env', estate.environment, '--active');
    expect(active.code).withContext(context(active)).toBe(0);
    expect(active.stdout).toBe('blue\n');

    const healthy = await em(
      'wait',
      'healthy',
      estate.apiService,
      '--env',
      estate.environment,
      '--timeout',
      '20',
    );
    expect(healthy.code).withContext(context(healthy)).toBe(0);
    expect(healthy.stdout).toBe(
      `${estate.apiService} in ${estate.environment} is healthy: Healthy, 2/2 instances healthy, 2 desired\n`,
    );

    // a role without a fleet per slice has its health too
    const web = await em('health', estate.webService, '--env', estate.environment, '--json');
    expect(web.code).withContext(context(web)).toBe(0);
    expect(JSON.parse(web.stdout)).toEqual(
      jasmine.objectContaining({ OverallHealth: 'Healthy', InstancesCount: { Healthy: 2, Total: 2 } }),
    );
  }, 60_000);

  it("lists the account's images, and prints a patch plan (exit 2 naming a bad image)", async () => {
    const images = await em('images', '--stable', '--json');
    expect(images.code).withContext(context(images)).toBe(0);
    const stable = JSON.parse(images.stdout) as { Name: string; IsStable: boolean }[];
    expect(stable.every((i) => i.IsStable)).toBeTrue();
    expect(stable.map((i) => i.Name)).toContain('em-base-2026.10.0');
    const table = await em('images');
    expect(table.stdout).toMatch(/em-base-2026\.11\.0\s+ami-\S+\s+no/);

    const plan = await em('patch', 'plan', '--env', estate.environment, '--include', estate.greenGroup);
    expect(plan.code).withContext(context(plan)).toBe(0);
    expect(plan.stdout).toContain(
      `Patch of ${estate.environment} to latest-stable, 1 at a time, on failure stop`,
    );
    expect(plan.stdout).toMatch(
      new RegExp(
        `${estate.greenGroup}\\s+api\\s+em-base-2026\\.9\\.0\\s+em-base-2026\\.10\\.0\\s+0\\s+template only`,
      ),
    );
    const json = await em('patch', 'plan', '--env', estate.environment, '--max-parallel', '2', '--json');
    expect(JSON.parse(json.stdout).MaxParallel).toBe(2);

    const bad = await em('patch', 'plan', '--env', estate.environment, '--to', 'no-such-image-1.0.0');
    expect(bad.code).withContext(context(bad)).toBe(2);
    expect(bad.stderr).toContain('no-such-image-1.0.0');
  }, 60_000);

  it('runs a patch and waits for it (exit 0), then shows its status as JSON', async () => {
    const run = await em(
      'patch',
      'run',
      '--env',
      estate.environment,
      '--include',
      estate.webGroup,
      '--wait',
      '--timeout',
      '60',
    );
    expect(run.code).withContext(context(run)).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`${estate.webGroup}\\s+em-base-2026\\.9\\.0\\s+em-base-2026\\.10\\.0\\s+Success`),
    );
    const id = /Patch (\S+):/.exec(run.stdout)![1]!;
    const status = await em('patch', 'status', id, '--json');
    expect(status.code).withContext(context(status)).toBe(0);
    expect(JSON.parse(status.stdout)).toEqual(jasmine.objectContaining({ PatchID: id, Status: 'Success' }));
    // nothing newer for that group now: a second run is refused (exit 2)
    const again = await em('patch', 'run', '--env', estate.environment, '--include', estate.webGroup);
    expect(again.code).withContext(context(again)).toBe(2);
    expect(again.stderr).toContain('no-newer-image');
  }, 90_000);

  it('exits 3 when a wait runs out of time, and `em wait deploy` follows the deployment on', async () => {
    // boots five times slower: the patch outlasts a one-second wait
    await sim.control('PUT', '/_sim/faults/boot', { failureRate: 0, delayFactor: 5 });
    try {
      const run = await em(
        'deploy',
        estate.webService,
        '1.4.0',
        '--env',
        estate.environment,
        '--wait',
        '--timeout',
        '1',
      );
      expect(run.code).withContext(context(run)).toBe(3);
      expect(run.stderr).toContain('timed out after 1 s waiting for deployment');

      const id = (await latest(estate.webService)).DeploymentID;
      const wait = await em('wait', 'deploy', id, '--json');
      expect(wait.code).withContext(context(wait)).toBe(0);
      expect(JSON.parse(wait.stdout)).toEqual(
        jasmine.objectContaining({
          DeploymentID: id,
          Value: jasmine.objectContaining({ Status: 'Success' }),
        }),
      );
    } finally {
      await sim.control('DELETE', '/_sim/faults');
    }
  }, 60_000);

  it('signs in with `em login` into a 0600 file that later commands use; `em logout` revokes it', async () => {
    const bare = (args: string[], input?: string) => runEm(args, { home, input });
    const wrong = await bare(['login', '--url', tp.baseUrl, '--user', 'admin'], 'not-the-password\n');
    expect(wrong.code).withContext(context(wrong)).toBe(4);
    expect(wrong.stderr).toContain('could not sign in');

    const login = await bare(['login', '--url', tp.baseUrl, '--user', 'admin'], `${ADMIN_PASSWORD}\n`);
    expect(login.code).withContext(context(login)).toBe(0);
    const file = path.join(home, '.config', 'em', 'config.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const stored = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(stored.url).toBe(tp.baseUrl);
    expect((await admin.as(stored.token).get('/me')).body.username).toBe('admin');

    const envs = await bare(['envs']);
    expect(envs.code).withContext(context(envs)).toBe(0);
    expect(envs.stdout).toContain(estate.environment);
    // the environment wins over the file: its token is the one sent
    const wrongToken = await runEm(['envs'], { home, env: { EM_TOKEN: 'emb_not-a-token' } });
    expect(wrongToken.code).withContext(context(wrongToken)).toBe(4);
    expect(wrongToken.stderr).toContain(`not signed in to ${tp.baseUrl}`);
    // and the stored token goes only to the portal that issued it
    const elsewhere = await runEm(['envs'], { home, env: { EM_URL: 'http://127.0.0.1:9' } });
    expect(elsewhere.code).withContext(context(elsewhere)).toBe(4);
    expect(elsewhere.stderr).toContain('not signed in to http://127.0.0.1:9');

    const logout = await bare(['logout']);
    expect(logout.code).withContext(context(logout)).toBe(0);
    expect(fs.existsSync(file)).toBeFalse();
    expect((await admin.as(stored.token).get('/me')).status).toBe(401);

    const after = await bare(['envs']);
    expect(after.code).withContext(context(after)).toBe(4);
    expect(after.stderr).toContain('not signed in');
  }, 60_000);

  it('exits 4 when the portal cannot be reached', async () => {
    const run = await runEm(['envs'], { home, env: { EM_URL: 'http://127.0.0.1:9', EM_TOKEN: 'any' } });
    expect(run.code).withContext(context(run)).toBe(4);
    expect(run.stderr).toContain('cannot reach the portal at http://127.0.0.1:9');
  });
});
