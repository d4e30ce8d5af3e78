import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  aCluster,
  aDeploymentMap,
  anEnvironment,
  anEnvironmentType,
  aService,
  created,
  unique,
} from '../../fixtures/builders';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { runEm, type EmRun } from './support/run-em';
import { canRunOnTerminal, runEmOnTerminal } from './support/run-em-on-terminal';

/** `em toggle list|set|kill`, the real `em` as a child process against an in-process portal. */
describe('em toggle, feature toggles from the command line', () => {
  let tp: TestPortal;
  let admin: ApiClient;
  let home: string;
  let service: string;
  let int1: string;
  let prod: string;

  beforeAll(async () => {
    tp = await startTestPortal();
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    const team = (await created(admin, '/config/clusters', aCluster())).ClusterName;
    const nonProd = (await created(admin, '/config/environment-types', anEnvironmentType())).EnvironmentType;
    const prodType = (
      await created(
        admin,
        '/config/environment-types',
        anEnvironmentType({ protectedActions: ['manage-feature-toggles'] }),
      )
    ).EnvironmentType;
    service = (await created(admin, '/config/services', aService({ cluster: team }))).ServiceName;
    const map = (
      await created(
        admin,
        '/config/deployment-maps',
        aDeploymentMap({ roles: [{ cluster: team, services: [service] }] }),
      )
    ).DeploymentMapName;
    int1 = (
      await created(admin, '/config/environments', anEnvironment({ type: nonProd, cluster: team, map }))
    ).EnvironmentName;
    prod = (
      await created(admin, '/config/environments', anEnvironment({ type: prodType, cluster: team, map }))
    ).EnvironmentName;
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'em-toggle-'));
  }, 60_000);
  afterAll(async () => {
    await tp.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  const signedIn = () => ({ home, env: { EM_URL: tp.baseUrl, EM_TOKEN: admin.token! } });
  /** `em` signed in through the environment, as in CI (stdin a pipe, not a terminal). */
  const em = (...args: string[]) => runEm(args, signedIn());
  const context = (run: EmRun) => `exit ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;

  async function aToggle(): Promise<string> {
    const name = unique('flag').toLowerCase();
    await created(admin, '/feature-toggles', { service, name, description: 'a flag' });
    return name;
  }
  const settingPath = (name: string, environment: string) =>
    `/feature-toggles/${service}/${name}/environments/${environment}`;
  const settingOf = async (name: string, environment: string) =>
    (await admin.get(`/feature-toggles/${service}/${name}`)).body.environments.find(
      (e: { environment: string }) => e.environment === environment,
    );
  const isOnFor = async (name: string, environment: string, userId: string) =>
    (
      await admin.get(
        `/feature-toggles/evaluate?service=${service}&environment=${environment}&userId=${userId}`,
      )
    ).body[name];

  it("lists each toggle with its state per environment, as a table and as the API's JSON", async () => {
    const shared = await aToggle();
    const unset = await aToggle();
    await admin.put(
      settingPath(shared, int1),
      { state: 'percentage', percentage: 10, include: { users: ['alice'] }, reason: 'dark launch' },
      0,
    );
    // prod's type protects toggle changes: this one waits
    expect((await admin.put(settingPath(shared, prod), { state: 'on', reason: 'launch' }, 0)).status).toBe(
      202,
    );

    const table = await em('toggle', 'list', '--service', service);
    expect(table.code).withContext(context(table)).toBe(0);
    const row = (...cells: string[]) => new RegExp(`^${cells.join('\\s+')}$`, 'm');
    expect(table.stdout).toMatch(/^SERVICE\s+TOGGLE\s+TYPE\s+ENVIRONMENT\s+STATE\s+TARGETING\s+PENDING$/m);
    expect(table.stdout).toMatch(row(service, shared, 'release', int1, '10%', '\\+users alice', '-'));
    expect(table.stdout).toMatch(row(service, shared, 'release', prod, 'off', '-', 'on, asked by admin'));
    expect(table.stdout).toMatch(row(service, unset, 'release', '-', 'off \\(not set\\)', '-', '-'));

    const inInt1 = await em('toggle', 'list', '--service', service, '--environment', int1);
    expect(inInt1.code).withContext(context(inInt1)).toBe(0);
    expect(inInt1.stdout).toMatch(row(service, shared, 'release', int1, '10%', '\\+users alice', '-'));
    expect(inInt1.stdout).toMatch(row(service, unset, 'release', int1, 'off \\(not set\\)', '-', '-'));
    expect(inInt1.stdout).not.toContain(prod);

    const json = await em('toggle', 'list', '--service', service, '--json');
    expect(json.code).withContext(context(json)).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual((await admin.get(`/feature-toggles?service=${service}`)).body);
    const prodJson = JSON.parse(
      (await em('toggle', 'list', '--service', service, '--environment', prod, '--json')).stdout,
    );
    expect(prodJson.find((t: { name: string }) => t.name === shared).environments).toEqual([
      jasmine.objectContaining({
        environment: prod,
        state: 'off',
        pending: jasmine.objectContaining({ state: 'on' }),
      }),
    ]);
    expect(prodJson.find((t: { name: string }) => t.name === unset).environments).toEqual([]);

    // an environment that does not exist is refused, not listed as all off
    const nowhere = await em('toggle', 'list', '--environment', 'no-such-env');
    expect(nowhere.code).withContext(context(nowhere)).toBe(2);
    expect(nowhere.stderr).toMatch(/^em: refused \(404 .*no-such-env/);
    expect(nowhere.stdout).toBe('');
  }, 60_000);

  it('sets on, off and a percentage with the version it reads, keeping the lists it is not given', async () => {
    const name = await aToggle();
    const first = await em(
      'toggle',
      'set',
      service,
      name,
      int1,
      '25%',
      '--include-users',
      'alice,bob',
      '--exclude-groups',
      'banned',
      '--reason',
      'dark launch',
    );
    expect(first.code).withContext(context(first)).toBe(0);
    expect(first.stdout).toBe(
      `${name} of ${service} is 25% (+users alice,bob -groups banned) in ${int1} (version 1)\n`,
    );

    // someone else changes it meanwhile: em reads the version it sends, and keeps their lists
    await admin.put(
      settingPath(name, int1),
      {
        state: 'percentage',
        percentage: 30,
        include: { users: ['alice', 'bob'], groups: ['canary'] },
        exclude: { groups: ['banned'] },
        reason: 'by hand',
      },
      1,
    );
    const raised = await em('toggle', 'set', service, name, int1, '50.5%', '--reason', 'raise', '--json');
    expect(raised.code).withContext(context(raised)).toBe(0);
    expect(JSON.parse(raised.stdout).environments[0]).toEqual(
      jasmine.objectContaining({
        state: 'percentage',
        percentage: 50.5,
        include: { users: ['alice', 'bob'], groups: ['canary'] },
        exclude: { users: [], groups: ['banned'] },
        reason: 'raise',
        version: 3,
      }),
    );

    // a list given empty is cleared
    const on = await em(
      'toggle',
      'set',
      service,
      name,
      int1,
      'on',
      '--include-groups',
      '',
      '--reason',
      'all in',
    );
    expect(on.code).withContext(context(on)).toBe(0);
    expect(await settingOf(name, int1)).toEqual(
      jasmine.objectContaining({ state: 'on', include: { users: ['alice', 'bob'], groups: [] }, version: 4 }),
    );
    expect(await isOnFor(name, int1, 'carol')).toBe(true);

    const off = await em(
      'toggle',
      'set',
      service,
      name,
      int1,
      'off',
      '--exclude-groups',
      '',
      '--reason',
      'done',
    );
    expect(off.code).withContext(context(off)).toBe(0);
    expect(off.stdout).toBe(`${name} of ${service} is off (+users alice,bob) in ${int1} (version 5)\n`);
    expect(await isOnFor(name, int1, 'carol')).toBe(false);
    expect(await isOnFor(name, int1, 'alice')).toBe(true);
  }, 60_000);

  it('says when a change waits for approval (exit 0), and refuses what it cannot take with exit 2', async () => {
    const name = await aToggle();
    const asked = await em('toggle', 'set', service, name, prod, 'on', '--reason', 'launch');
    expect(asked.code).withContext(context(asked)).toBe(0);
    expect(asked.stdout).toContain(
      `${name} of ${service} in ${prod}: the change to on waits for approval by someone other than admin`,
    );
    expect(asked.stdout).toContain('until then it stays off');
    expect(await settingOf(name, prod)).toEqual(
      jasmine.objectContaining({ state: 'off', pending: jasmine.objectContaining({ state: 'on' }) }),
    );

    const refusals: [string[], RegExp][] = [
      [['set', service, name, int1, 'maybe', '--reason', 'x'], /must be on, off or a percentage/],
      [['set', service, name, int1, '101%', '--reason', 'x'], /must be on, off or a percentage/],
      [['set', service, name, int1, '10.555%', '--reason', 'x'], /at most two decimals/],
      [['set', service, name, int1, 'on'], /required option '--reason <text>' not specified/],
      [
        ['set', service, name, int1, 'on', '--include-users', 'a b', '--reason', 'x'],
        /--include-users: must be one word/,
      ],
      [
        ['set', service, 'no-such-flag', int1, 'on', '--reason', 'x'],
        /refused \(404 .*has no toggle no-such-flag/,
      ],
      [['set', service, name, 'no-such-env', 'on', '--reason', 'x'], /refused \(404 .*no-such-env/],
    ];
    for (const [args, message] of refusals) {
      const run = await em('toggle', ...args);
      expect(run.code).withContext(context(run)).toBe(2);
      expect(run.stderr).withContext(args.join(' ')).toMatch(message);
    }
    expect(await settingOf(name, int1)).toBeUndefined();

    const notSignedIn = await runEm(['toggle', 'set', service, name, int1, 'on', '--reason', 'x'], {
      home,
      env: { EM_URL: tp.baseUrl, EM_TOKEN: 'emb_not-a-token' },
    });
    expect(notSignedIn.code).withContext(context(notSignedIn)).toBe(4);
  }, 60_000);

  it('kills a toggle everywhere or in one environment, asking first unless --yes, never without a terminal', async () => {
    const name = await aToggle();
    await admin.put(settingPath(name, int1), { state: 'on', reason: 'on' }, 0);
    await admin.put(settingPath(name, prod), { state: 'on', reason: 'launch' }, 0);

    const unasked = await em('toggle', 'kill', service, name, '--reason', 'errors spiking');
    expect(unasked.code).withContext(context(unasked)).toBe(2);
    expect(unasked.stderr).toContain('nothing was changed');
    expect(unasked.stderr).toContain('--yes');
    expect(await isOnFor(name, int1, 'u1')).toBe(true);

    const one = await em(
      'toggle',
      'kill',
      service,
      name,
      '--environment',
      int1,
      '--reason',
      'errors',
      '--yes',
    );
    expect(one.code).withContext(context(one)).toBe(0);
    expect(one.stdout).toBe(`${name} of ${service} is off in ${int1}\n`);
    expect(await isOnFor(name, int1, 'u1')).toBe(false);
    expect((await settingOf(name, int1)).reason).toBe('kill switch: errors');

    await admin.put(settingPath(name, int1), { state: 'on', reason: 'back on' }, 2);
    const all = await em('toggle', 'kill', service, name, '--reason', 'errors again', '--yes');
    expect(all.code).withContext(context(all)).toBe(0);
    expect(all.stdout).toBe(
      `${name} of ${service} is off in ${[int1, prod].sort().join(', ')}\n` +
        `  the change waiting for approval in ${prod} (on) was dropped\n`,
    );
    expect(await settingOf(name, prod)).toEqual(jasmine.objectContaining({ state: 'off', pending: null }));
    expect(await isOnFor(name, int1, 'u1')).toBe(false);

    const never = await aToggle();
    const nothing = await em('toggle', 'kill', service, never, '--reason', 'x');
    expect(nothing.code).withContext(context(nothing)).toBe(0);
    expect(nothing.stdout).toBe(
      `${never} of ${service} is set in no environment: it is off everywhere already\n`,
    );
    const unknown = await em('toggle', 'kill', service, 'no-such-flag', '--reason', 'x', '--yes');
    expect(unknown.code).withContext(context(unknown)).toBe(2);
  }, 60_000);

  it('asks on a terminal: y kills, anything else changes nothing (exit 2)', async () => {
    if (!canRunOnTerminal()) return pending('util-linux script is not installed: no terminal to ask on');
    const name = await aToggle();
    await admin.put(settingPath(name, int1), { state: 'on', reason: 'on' }, 0);
    const args = ['toggle', 'kill', service, name, '--environment', int1, '--reason', 'typed'];

    const declined = await runEmOnTerminal(args, { ...signedIn(), input: 'n\n' });
    expect(declined.code).withContext(context(declined)).toBe(2);
    expect(declined.stdout).toContain(`Turn ${name} of ${service} off in ${int1}? [y/N]`);
    expect(declined.stdout).toContain('not confirmed: nothing was changed');
    expect(await isOnFor(name, int1, 'u1')).toBe(true);

    const confirmed = await runEmOnTerminal(args, { ...signedIn(), input: 'y\n' });
    expect(confirmed.code).withContext(context(confirmed)).toBe(0);
    expect(confirmed.stdout).toContain(`${name} of ${service} is off in ${int1}`);
    expect(await isOnFor(name, int1, 'u1')).toBe(false);
  }, 60_000);

  it("keeps `em toggle SERVICE --env ENV` for the slice swap, and lists toggles' commands in its help", async () => {
    const help = await em('toggle', '--help');
    expect(help.code).withContext(context(help)).toBe(0);
    for (const command of ['list', 'set', 'kill', 'slices'])
      expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    // the slice swap is the default: without --env it says what it needs
    const swap = await em('toggle', service);
    expect(swap.code).withContext(context(swap)).toBe(2);
    expect(swap.stderr).toContain("required option '--env <environment>' not specified");
  });
});
