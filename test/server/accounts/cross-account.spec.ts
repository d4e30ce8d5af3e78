import { DescribeAutoScalingGroupsCommand, type AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import { DescribeImagesCommand, DescribeLaunchTemplateVersionsCommand } from '@aws-sdk/client-ec2';
import { z } from 'zod';
import type { StoredAccount } from '../../../server/catalogue/stored-values';
import { eventually, startTestSim, type TestSim } from '../../aws-sim/support/test-sim';
import { aCluster, anEnvironment, anEnvironmentType, created, unique } from '../../fixtures/builders';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import {
  createGroup,
  givenFleetEstate,
  groupsInService,
  type FleetEstate,
} from '../fleet/support/fleet-estate';
import { accountSim, SPEC_SESSION, type AccountSim } from './support/account-sim';
import { SentCommands } from '../../support/sent-commands';

const OWN_NUMBER = '123456789012';
const PROD_NUMBER = '210987654321';
const PROD_ROLE = `arn:aws:iam::${PROD_NUMBER}:role/EnvironmentManager`;
const OWN: StoredAccount = {
  AccountName: 'Own',
  AccountNumber: OWN_NUMBER,
  IncludeAMIs: false,
  RoleArn: null,
};
const PROD: StoredAccount = {
  AccountName: 'Prod',
  AccountNumber: PROD_NUMBER,
  IncludeAMIs: false,
  RoleArn: PROD_ROLE,
};

const Sessions = z.array(z.object({ accountId: z.string(), sessionName: z.string(), expired: z.boolean() }));
const Calls = z.record(z.string(), z.number());

/**
 * One portal, two AWS accounts: its own (aws-sim's default, the base credentials) and Prod (a role the
 * portal assumes through STS). The Prod environment's groups are made in Prod with the role's credentials;
 * a group of the same name as its web group is left in the portal's own account, so a read or a change
 * that went to the wrong account answers or changes that one instead. Everything is asked through the REST
 * API as a user would, and checked in each account with the SDK.
 */
describe('environments in another AWS account (a role assumed through STS)', () => {
  let sim: TestSim;
  let prod: AccountSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let prodEstate: FleetEstate;
  let nonProdEstate: FleetEstate;
  /** What the portal sends with its clients of each account. */
  let sentToProd: SentCommands;
  let sentToOwn: SentCommands;
  let started: number;

  const groupIn = async (account: TestSim, name: string): Promise<AutoScalingGroup | undefined> =>
    (await account.autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] })))
      .AutoScalingGroups?.[0];
  const instanceIdsIn = async (account: TestSim, name: string): Promise<string[]> =>
    ((await groupIn(account, name))?.Instances ?? []).map((i) => i.InstanceId!).sort();
  const simCalls = async () => Calls.parse((await sim.control('GET', '/_sim/calls')).body);
  const callsOf = (calls: Record<string, number>, action: string) =>
    Object.entries(calls)
      .filter(([key]) => key.endsWith(`:${action}`))
      .reduce((sum, [, n]) => sum + n, 0);
  /** AssumeRole calls aws-sim answered, less the spec's own. */
  const portalAssumeRoles = async () => callsOf(await simCalls(), 'AssumeRole') - prod.assumeCount;
  /** The sessions aws-sim issued to the portal (not to the spec). */
  const portalSessions = async () =>
    Sessions.parse((await sim.control('GET', '/_sim/sessions')).body).filter(
      (s) => s.sessionName !== SPEC_SESSION,
    );
  const moveType = async (type: string, value: Record<string, unknown>) => {
    const current = await admin.get(`/config/environment-types/${type}`);
    const res = await admin.put(
      `/config/environment-types/${type}`,
      { ...current.body.Value, ...value },
      current.body.Version,
    );
    if (res.status !== 200) throw new Error(`cannot move ${type}: ${JSON.stringify(res.body)}`);
  };

  beforeAll(async () => {
    started = Date.now();
    sim = await startTestSim({ accounts: [{ accountId: PROD_NUMBER, name: 'prod' }] });
    prod = await accountSim(sim, { accountId: PROD_NUMBER, roleArn: PROD_ROLE });
    tp = await startTestPortal({ awsEndpoint: sim.sim.endpoint, engineTickMs: 100 });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    sentToProd = new SentCommands().watch(tp.portal.aws.clientsOf(PROD));
    const own = tp.portal.aws.clientsOf(OWN);
    sentToOwn = new SentCommands().watch(own);
    // a type naming no account is in the portal's own account too (its clients, unless it has others)
    const none = tp.portal.aws.clientsOf(undefined);
    if (none !== own) sentToOwn.watch(none);

    await created(admin, '/config/accounts', OWN);
    await created(admin, '/config/accounts', PROD);
    prodEstate = await givenFleetEstate(admin, prod);
    nonProdEstate = await givenFleetEstate(admin, sim);
    await moveType(prodEstate.type, { AWSAccountName: PROD.AccountName });
    await moveType(nonProdEstate.type, { AWSAccountName: OWN.AccountName });

    // the decoy: a group named as Prod's web group, tagged with its environment, in the portal's own account
    const ownImage = (await sim.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images![0]!
      .ImageId!;
    await createGroup(sim, {
      name: prodEstate.webGroup,
      imageId: ownImage,
      service: { name: prodEstate.webService, version: '0.0.1' },
      desired: 1,
      environment: prodEstate.environment,
    });
    await groupsInService(sim, [prodEstate.webGroup]);
    sentToProd.clear();
    sentToOwn.clear();
    console.log(`cross-account: estates in two accounts ready in ${Date.now() - started} ms`);
  }, 120_000);
  afterAll(async () => {
    await tp?.close();
    await prod?.close();
    await sim?.close();
    console.log(`cross-account: ${Date.now() - started} ms in all`);
  });

  it("answers the reads of a Prod environment from the Prod account's groups and instances only", async () => {
    const env = prodEstate.environment;
    const prodWeb = await instanceIdsIn(prod, prodEstate.webGroup);
    const prodBlue = await instanceIdsIn(prod, prodEstate.blueGroup);
    expect(prodWeb.length).toBe(2);
    expect(await instanceIdsIn(sim, prodEstate.webGroup)).not.toEqual(prodWeb);

    const accountName = await admin.get(`/environments/${env}/accountName`);
    expect(accountName.status).toBe(200);
    expect(accountName.body).toBe('Prod');

    const servers = await admin.get(`/environments/${env}/servers`);
    expect(servers.status).withContext(JSON.stringify(servers.body)).toBe(200);
    const web = servers.body.Value.find((g: { Name: string }) => g.Name === prodEstate.webGroup);
    expect(web.Size).toEqual({ Current: 2, Desired: 2 });
    expect(web.Services.map((s: { Version: string }) => s.Version)).toEqual(['1.0.0']);
    // the launch image is one of the Prod account's own
    expect(web.Ami).not.toBeNull();
    const blue = servers.body.Value.find((g: { Name: string }) => g.Name === prodEstate.blueGroup);
    expect(blue.Size).toEqual({ Current: 2, Desired: 2 });

    const groups = await admin.get(`/asgs?environment=${env}`);
    expect(groups.status).toBe(200);
    const byName = new Map<string, any>(groups.body.map((g: any) => [g.AutoScalingGroupName, g]));
    expect([...byName.keys()].sort()).toEqual(
      [prodEstate.webGroup, prodEstate.blueGroup, prodEstate.greenGroup].sort(),
    );
    expect(
      byName
        .get(prodEstate.webGroup)
        .Instances.map((i: any) => i.InstanceId)
        .sort(),
    ).toEqual(prodWeb);

    const group = await admin.get(`/asgs/${prodEstate.webGroup}?environment=${env}`);
    expect(group.status).toBe(200);
    expect(group.body.DesiredCapacity).toBe(2);
    expect(group.body.Instances.map((i: any) => i.InstanceId).sort()).toEqual(prodWeb);

    const instances = await admin.get(`/instances?environment=${env}`);
    expect(instances.status).toBe(200);
    expect(instances.body.map((i: any) => i.InstanceId).sort()).toEqual([...prodWeb, ...prodBlue].sort());

    expect(sentToProd.commands.length).toBeGreaterThan(0);
    expect(sentToOwn.commands).withContext("calls sent to the portal's own account").toEqual([]);
  });

  it('resizes a Prod group in the Prod account and leaves the same-named group of its own account alone', async () => {
    const env = prodEstate.environment;
    sentToOwn.clear();
    const res = await admin.put(
      `/asgs/${prodEstate.webGroup}/size?environment=${env}`,
      { desired: 3 },
      undefined,
    );
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ min: 0, desired: 3, max: 4 });

    expect((await groupIn(prod, prodEstate.webGroup))!.DesiredCapacity).toBe(3);
    expect((await groupIn(sim, prodEstate.webGroup))!.DesiredCapacity).toBe(1);
    expect(sentToProd.commands).toContain('UpdateAutoScalingGroupCommand');
    expect(sentToOwn.commands).toEqual([]);
    await groupsInService(prod, [prodEstate.webGroup]);
  });

  it('never sends a call of a NonProd environment to the Prod account', async () => {
    const env = nonProdEstate.environment;
    const assumedBefore = await portalAssumeRoles();
    sentToProd.clear();
    sentToOwn.clear();

    expect((await admin.get(`/environments/${env}/accountName`)).body).toBe('Own');
    const servers = await admin.get(`/environments/${env}/servers`);
    expect(servers.status).toBe(200);
    expect(servers.body.Value.map((g: { Name: string }) => g.Name).sort()).toEqual(
      [nonProdEstate.webGroup, nonProdEstate.blueGroup, nonProdEstate.greenGroup].sort(),
    );
    expect((await admin.get(`/asgs?environment=${env}`)).status).toBe(200);
    const instances = await admin.get(`/instances?environment=${env}`);
    expect(instances.body.length).toBe(4);
    const res = await admin.put(
      `/asgs/${nonProdEstate.webGroup}/size?environment=${env}`,
      { desired: 3 },
      undefined,
    );
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);

    expect((await groupIn(sim, nonProdEstate.webGroup))!.DesiredCapacity).toBe(3);
    expect(await groupIn(prod, nonProdEstate.webGroup)).toBeUndefined();
    expect(sentToOwn.commands).toContain('UpdateAutoScalingGroupCommand');
    expect(sentToProd.commands).withContext('calls sent to the Prod account').toEqual([]);
    expect(await portalAssumeRoles()).toBe(assumedBefore);
  });

  it('deploys to the Prod environment in the Prod account, and records the account on the deployment', async () => {
    const env = prodEstate.environment;
    const oldIds = await instanceIdsIn(prod, prodEstate.webGroup);
    const decoyIds = await instanceIdsIn(sim, prodEstate.webGroup);
    sentToOwn.clear();
    const t0 = Date.now();
    const res = await admin.post('/deployments', {
      environment: env,
      service: prodEstate.webService,
      version: '1.1.0',
    });
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(202);
    const id = res.body.DeploymentID as string;
    const d = await eventually(
      `deployment ${id} to end`,
      async () => {
        const v = (await admin.get(`/deployments/${id}`)).body.Value;
        return ['Success', 'Failed', 'Cancelled', 'Rolled Back', 'Rollback Failed'].includes(v.Status)
          ? v
          : undefined;
      },
      60_000,
    );
    console.log(`cross-account: scale-up deployment to Prod ended ${d.Status} in ${Date.now() - t0} ms`);
    expect(d.Status).withContext(JSON.stringify(d.ErrorReason)).toBe('Success');
    expect(d.AccountName).toBe('Prod');

    const after = (await groupIn(prod, prodEstate.webGroup))!;
    const newVersion = d.Steps.find((s: { name: string }) => s.name === 'create-launch-template-version')
      .outputs.newTemplateVersion as string;
    expect(after.Instances!.length).toBe(3);
    expect(after.Instances!.filter((i) => oldIds.includes(i.InstanceId!))).toEqual([]);
    expect(after.Instances!.every((i) => i.LaunchTemplate?.Version === newVersion)).toBeTrue();
    const versions = await prod.ec2.send(
      new DescribeLaunchTemplateVersionsCommand({
        LaunchTemplateName: prodEstate.webGroup,
        Versions: [newVersion],
      }),
    );
    const userData = Buffer.from(
      versions.LaunchTemplateVersions![0]!.LaunchTemplateData!.UserData!,
      'base64',
    );
    expect(userData.toString()).toContain('1.1.0');

    // the portal's own account: its same-named group and template as they were
    expect(await instanceIdsIn(sim, prodEstate.webGroup)).toEqual(decoyIds);
    const ownVersions = await sim.ec2.send(
      new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: prodEstate.webGroup }),
    );
    expect(ownVersions.LaunchTemplateVersions!.map((v) => v.VersionNumber)).toEqual([1]);
    expect(sentToOwn.commands).withContext("calls sent to the portal's own account").toEqual([]);
  }, 90_000);

  it('finds a Prod instance by its id alone, and puts it into maintenance in the Prod account', async () => {
    const [instanceId] = await instanceIdsIn(prod, prodEstate.webGroup);
    const found = await admin.get(`/instances/${instanceId}`);
    expect(found.status).withContext(JSON.stringify(found.body)).toBe(200);
    expect(found.body).toEqual(
      jasmine.objectContaining({
        InstanceId: instanceId,
        Environment: prodEstate.environment,
        AutoScalingGroupName: prodEstate.webGroup,
      }),
    );

    const res = await admin.put(`/instances/${instanceId}/maintenance`, { enable: true }, undefined);
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual(
      jasmine.objectContaining({
        InstanceId: instanceId,
        AutoScalingGroupName: prodEstate.webGroup,
        Maintenance: true,
      }),
    );
    const inProd = (await groupIn(prod, prodEstate.webGroup))!.Instances!.find(
      (i) => i.InstanceId === instanceId,
    );
    expect(inProd?.LifecycleState).toMatch(/Standby/);
    // the decoy kept all its instances in service
    expect(
      (await groupIn(sim, prodEstate.webGroup))!.Instances!.every((i) => i.LifecycleState === 'InService'),
    ).toBeTrue();
  });

  it('assumed the Prod role once for all of that: the credentials are kept', async () => {
    const assumed = await portalAssumeRoles();
    const sessions = await portalSessions();
    console.log(
      `cross-account: the portal assumed the Prod role ${assumed} time(s) (aws-sim), ${JSON.stringify(tp.portal.aws.assumed())} (connector), ${sessions.length} session(s)`,
    );
    expect(assumed).toBe(1);
    expect(tp.portal.aws.assumed()).toEqual({ [PROD_ROLE]: 1 });
    expect(sessions.map((s) => s.accountId)).toEqual([PROD_NUMBER]);
  });

  it('assumes the role exactly once more when aws-sim has expired its sessions, and the next Prod call succeeds', async () => {
    const env = prodEstate.environment;
    const before = await portalAssumeRoles();
    const expired = await sim.control('POST', '/_sim/sessions/expire', { accountId: PROD_NUMBER });
    expect(expired.status).toBe(200);
    // the portal's session and the spec's own
    expect(expired.body.expired).toBe(2);

    const servers = await admin.get(`/environments/${env}/servers`);
    expect(servers.status).withContext(JSON.stringify(servers.body)).toBe(200);
    const web = servers.body.Value.find((g: { Name: string }) => g.Name === prodEstate.webGroup);
    expect(web.Services.map((s: { Version: string }) => s.Version)).toEqual(['1.1.0']);
    expect((await admin.get(`/asgs?environment=${env}`)).status).toBe(200);
    expect((await admin.get(`/instances?environment=${env}`)).status).toBe(200);

    const assumed = await portalAssumeRoles();
    console.log(`cross-account: after the sessions expired, ${assumed - before} more AssumeRole`);
    expect(assumed - before).toBe(1);
    expect(tp.portal.aws.assumed()).toEqual({ [PROD_ROLE]: 2 });
    const sessions = await portalSessions();
    expect(sessions.map((s) => s.expired).sort()).toEqual([false, true]);
    await prod.renew();
  });

  it('refuses with a 404 problem an environment whose type names an account the portal lacks, calling no account', async () => {
    const cluster = (await created(admin, '/config/clusters', aCluster({ shortName: 'lo' })))
      .ClusterName as string;
    const lostType = (
      await created(admin, '/config/environment-types', {
        ...anEnvironmentType(),
        Value: { Description: 'in an account nobody told the portal of', AWSAccountName: 'Elsewhere' },
      })
    ).EnvironmentType as string;
    const byNumber = (
      await created(admin, '/config/environment-types', {
        ...anEnvironmentType(),
        Value: {
          Description: 'an account number nobody told the portal of',
          AWSAccountNumber: '999999999999',
        },
      })
    ).EnvironmentType as string;
    const env = await admin.get(`/config/environments/${nonProdEstate.environment}`);
    const map = env.body.Value.DeploymentMap as string;
    const lost = unique('lost').toLowerCase();
    const lostByNumber = unique('lost').toLowerCase();
    await created(admin, '/config/environments', anEnvironment({ name: lost, type: lostType, cluster, map }));
    await created(
      admin,
      '/config/environments',
      anEnvironment({ name: lostByNumber, type: byNumber, cluster, map }),
    );
    const group = `${lost}-fe-web`;
    const callsBefore = await simCalls();
    const assumedBefore = tp.portal.aws.assumed();
    sentToOwn.clear();
    sentToProd.clear();

    const asks: [string, () => Promise<{ status: number; contentType: string; body: any }>][] = [
      [`GET /environments/${lost}/servers`, () => admin.get(`/environments/${lost}/servers`)],
      [`GET /environments/${lost}/accountName`, () => admin.get(`/environments/${lost}/accountName`)],
      [`GET /asgs?environment=${lost}`, () => admin.get(`/asgs?environment=${lost}`)],
      [`GET /asgs/${group}?environment=${lost}`, () => admin.get(`/asgs/${group}?environment=${lost}`)],
      [`GET /instances?environment=${lost}`, () => admin.get(`/instances?environment=${lost}`)],
      [
        `PUT /asgs/${group}/size?environment=${lost}`,
        () => admin.put(`/asgs/${group}/size?environment=${lost}`, { desired: 1 }, undefined),
      ],
      [
        `POST /deployments to ${lost}`,
        () =>
          admin.post('/deployments', {
            environment: lost,
            service: nonProdEstate.webService,
            version: '1.1.0',
          }),
      ],
      [`GET /environments/${lostByNumber}/servers`, () => admin.get(`/environments/${lostByNumber}/servers`)],
    ];
    for (const [what, ask] of asks) {
      const res = await ask();
      expect(res.status)
        .withContext(`${what}: ${JSON.stringify(res.body)}`)
        .toBe(404);
      expect(res.contentType).withContext(what).toContain('application/problem+json');
      expect(res.body.detail).withContext(what).toContain('/config/accounts');
    }
    const servers = await admin.get(`/environments/${lost}/servers`);
    expect(servers.body.detail).toContain('Elsewhere');
    expect((await admin.get(`/environments/${lostByNumber}/servers`)).body.detail).toContain('999999999999');

    expect(await simCalls())
      .withContext('aws-sim calls')
      .toEqual(callsBefore);
    expect(sentToOwn.commands).toEqual([]);
    expect(sentToProd.commands).toEqual([]);
    expect(tp.portal.aws.assumed()).toEqual(assumedBefore);
  });
});
