import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AutoScalingClient,
  CreateAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  CreateLaunchTemplateCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { startAwsSim } from '../../aws-sim/aws-sim';
import { assumeRole, clientsWith, stsCall, type TestCredentials } from './support/sts-call';
import { eventually, startTestSim, type TestSim } from './support/test-sim';

const PROD = '210987654321';
const PROD_ROLE = `arn:aws:iam::${PROD}:role/EnvironmentManager`;
const BASE: TestCredentials = { accessKeyId: 'AKIDSIM', secretAccessKey: 'sim-secret' };

const groupNames = async (client: AutoScalingClient) =>
  ((await client.send(new DescribeAutoScalingGroupsCommand({}))).AutoScalingGroups ?? []).map(
    (g) => g.AutoScalingGroupName,
  );

describe('aws-sim accounts kept apart', () => {
  let t: TestSim;
  let prod: ReturnType<typeof clientsWith>;
  const sts = (action: string, params: Record<string, string>, credentials: TestCredentials = BASE) =>
    stsCall(t.sim.endpoint, action, params, credentials);

  beforeAll(async () => {
    t = await startTestSim({ accounts: [{ accountId: PROD, name: 'prod' }] });
    prod = clientsWith(t.sim.endpoint, await assumeRole(t.sim.endpoint, PROD_ROLE, BASE));
  });
  afterAll(async () => {
    prod.destroy();
    await t.close();
  });

  const template = (client: EC2Client, name: string) =>
    client.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: name,
        LaunchTemplateData: {
          ImageId: 'ami-0e5b1a2c3d4e5f602',
          InstanceType: 't3.micro',
          UserData: Buffer.from(
            JSON.stringify({ services: [{ name: 'Basket', version: '1.0.0' }] }),
          ).toString('base64'),
        },
      }),
    );
  const instanceIds = async (client: EC2Client) =>
    ((await client.send(new DescribeInstancesCommand({}))).Reservations ?? []).flatMap((r) =>
      (r.Instances ?? []).map((i) => i.InstanceId),
    );

  it("keeps a group made with the Prod account's credentials out of the default account, and back", async () => {
    await template(prod.ec2, 'prod-web');
    await prod.autoScaling.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: 'prod-web',
        LaunchTemplate: { LaunchTemplateName: 'prod-web', Version: '$Latest' },
        MinSize: 1,
        MaxSize: 1,
        DesiredCapacity: 1,
        AvailabilityZones: ['eu-west-1a'],
      }),
    );
    await template(t.ec2, 'default-web');
    await t.autoScaling.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: 'default-web',
        LaunchTemplate: { LaunchTemplateName: 'default-web', Version: '$Latest' },
        MinSize: 0,
        MaxSize: 1,
        DesiredCapacity: 0,
        AvailabilityZones: ['eu-west-1a'],
      }),
    );

    expect(await groupNames(prod.autoScaling)).toEqual(['prod-web']);
    expect(await groupNames(t.autoScaling)).toEqual(['default-web']);
    const [group] = (
      await prod.autoScaling.send(
        new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['prod-web'] }),
      )
    ).AutoScalingGroups!;
    expect(group!.AutoScalingGroupARN).toContain(`:${PROD}:autoScalingGroup:`);
    const templates = async (client: EC2Client) =>
      ((await client.send(new DescribeLaunchTemplatesCommand({}))).LaunchTemplates ?? []).map(
        (l) => l.LaunchTemplateName,
      );
    expect(await templates(prod.ec2)).toEqual(['prod-web']);
    expect(await templates(t.ec2)).not.toContain('prod-web');

    const [instance] = await eventually('the Prod instance', async () => {
      const ids = await instanceIds(prod.ec2);
      return ids.length ? ids : undefined;
    });
    expect(await instanceIds(t.ec2)).not.toContain(instance);
    const prodInstances = await t.control('GET', `/_sim/instances?account=${PROD}`);
    expect(prodInstances.body.map((i: { instanceId: string }) => i.instanceId)).toEqual([instance]);
    const defaultInstances = await t.control('GET', '/_sim/instances');
    expect(defaultInstances.body.map((i: { instanceId: string }) => i.instanceId)).not.toContain(instance);
    const reservation = (await prod.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instance!] })))
      .Reservations![0]!;
    expect(reservation.OwnerId).toBe(PROD);
  });

  it('lets each account name its resources as it likes: the same group name in both', async () => {
    await template(prod.ec2, 'shared-name');
    await template(t.ec2, 'shared-name');
    for (const client of [prod.autoScaling, t.autoScaling]) {
      await client.send(
        new CreateAutoScalingGroupCommand({
          AutoScalingGroupName: 'shared-name',
          LaunchTemplate: { LaunchTemplateName: 'shared-name', Version: '$Latest' },
          MinSize: 0,
          MaxSize: 1,
          AvailabilityZones: ['eu-west-1b'],
        }),
      );
    }
    expect(await groupNames(prod.autoScaling)).toContain('shared-name');
    expect(await groupNames(t.autoScaling)).toContain('shared-name');
  });

  it("keeps each account's images: one seeded for Prod is not the default account's", async () => {
    const seeded = await t.control('POST', `/_sim/images?account=${PROD}`, [
      { name: 'prod-only-1.0.0', creationDate: '2026-11-20T08:00:00.000Z' },
    ]);
    expect(seeded.status).toBe(201);
    const imageId: string = seeded.body[0].image.imageId;
    const names = async (client: EC2Client) =>
      ((await client.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images ?? []).map(
        (i) => i.ImageId,
      );
    expect(await names(prod.ec2)).toContain(imageId);
    expect(await names(t.ec2)).not.toContain(imageId);
    // both keep the base images every account starts with
    expect(await names(prod.ec2)).toContain('ami-0e5b1a2c3d4e5f601');
    const listed = await t.control('GET', `/_sim/images?account=${PROD}`);
    expect(listed.body.map((i: { imageId: string }) => i.imageId)).toContain(imageId);
    const [owned] = (await prod.ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }))).Images!;
    expect(owned!.OwnerId).toBe(PROD);
  });

  it('refuses a control request for an account it does not keep', async () => {
    expect((await t.control('GET', '/_sim/instances?account=999999999999')).status).toBe(404);
    expect((await t.control('GET', '/_sim/images?account=prod')).status).toBe(400);
  });

  it('adds an account through the control API, whose role may then be assumed', async () => {
    const roleArn = 'arn:aws:iam::345678901234:role/EnvironmentManager';
    expect((await sts('AssumeRole', { RoleArn: roleArn, RoleSessionName: 'early' })).text('Code')).toBe(
      'AccessDenied',
    );
    const added = await t.control('POST', '/_sim/accounts', { accountId: '345678901234', name: 'staging' });
    expect(added.status).toBe(201);
    expect(
      (await t.control('POST', '/_sim/accounts', { accountId: '345678901234', name: 'staging' })).status,
    ).toBe(200);
    expect((await t.control('GET', '/_sim/accounts')).body).toEqual([
      { accountId: '123456789012', name: 'default' },
      { accountId: PROD, name: 'prod' },
      { accountId: '345678901234', name: 'staging' },
    ]);
    const staging = clientsWith(t.sim.endpoint, await assumeRole(t.sim.endpoint, roleArn, BASE));
    try {
      expect(await groupNames(staging.autoScaling)).toEqual([]);
    } finally {
      staging.destroy();
    }
  });
});

describe('aws-sim accounts across a restart', () => {
  it('keeps every account, its resources and the sessions issued', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-sim-accounts-'));
    try {
      const first = await startAwsSim({ dataDir, msPerSecond: 10 });
      const added = await fetch(`${first.endpoint}/_sim/accounts`, {
        method: 'POST',
        body: JSON.stringify({ accountId: PROD, name: 'prod' }),
      });
      expect(added.status).toBe(201);
      const session = await assumeRole(first.endpoint, PROD_ROLE, BASE);
      const before = clientsWith(first.endpoint, session);
      await before.ec2.send(
        new CreateLaunchTemplateCommand({
          LaunchTemplateName: 'kept',
          LaunchTemplateData: { ImageId: 'ami-0e5b1a2c3d4e5f602', InstanceType: 't3.micro' },
        }),
      );
      before.destroy();
      await first.close();

      const second = await startAwsSim({ dataDir, msPerSecond: 10 });
      const after = clientsWith(second.endpoint, session);
      try {
        const kept = await after.ec2.send(new DescribeLaunchTemplatesCommand({}));
        expect(kept.LaunchTemplates!.map((l) => l.LaunchTemplateName)).toEqual(['kept']);
        expect(second.accounts.get(PROD)?.name).toBe('prod');
        expect(second.accounts.default.modules.ec2.snapshot()).not.toEqual(
          second.accounts.get(PROD)!.modules.ec2.snapshot(),
        );
      } finally {
        after.destroy();
        await second.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("reads a state saved before accounts were kept as the default account's", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-sim-legacy-'));
    try {
      const first = await startAwsSim({ dataDir, msPerSecond: 10 });
      const base = clientsWith(first.endpoint, BASE);
      await base.ec2.send(
        new CreateLaunchTemplateCommand({
          LaunchTemplateName: 'old',
          LaunchTemplateData: { ImageId: 'ami-0e5b1a2c3d4e5f602', InstanceType: 't3.micro' },
        }),
      );
      base.destroy();
      await first.close();
      // the layout aws-sim saved until it kept accounts: the default account's services at the top
      const file = path.join(dataDir, 'aws-sim', 'state.json');
      const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { accounts: { modules: unknown }[] };
      fs.writeFileSync(file, JSON.stringify(saved.accounts[0]!.modules));

      const second = await startAwsSim({ dataDir, msPerSecond: 10 });
      const again = clientsWith(second.endpoint, BASE);
      try {
        const kept = await again.ec2.send(new DescribeLaunchTemplatesCommand({}));
        expect(kept.LaunchTemplates!.map((l) => l.LaunchTemplateName)).toEqual(['old']);
      } finally {
        again.destroy();
        await second.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
