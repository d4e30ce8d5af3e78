import {
  CreateLaunchTemplateCommand,
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeInstancesCommand,
  paginateDescribeInstances,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LaunchTemplateRef } from '../../aws-sim/cloud';
import { eventually, startTestSim, type TestSim, fail } from './support/test-sim';

const BASKET = { services: [{ name: 'Basket', version: '1.4.2' }], healthPath: '/health' };

async function template(t: TestSim, name: string, userData: unknown = BASKET): Promise<LaunchTemplateRef> {
  await t.ec2.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: name,
      LaunchTemplateData: {
        ImageId: 'ami-0e5b1a2c3d4e5f603',
        InstanceType: 't3.small',
        UserData: Buffer.from(typeof userData === 'string' ? userData : JSON.stringify(userData)).toString(
          'base64',
        ),
      },
    }),
  );
  return t.sim.cloud.ec2.resolveLaunchTemplate({ name, version: '$Latest' });
}

async function describe1(t: TestSim, id: string) {
  const out = await t.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  return out.Reservations![0]!.Instances![0]!;
}

function running(t: TestSim, id: string) {
  return eventually(`${id} running`, async () => {
    const i = t.sim.cloud.ec2.instance(id);
    return i?.state === 'running' ? i : undefined;
  });
}

describe('aws-sim EC2 instances', () => {
  let t: TestSim;
  let basket: LaunchTemplateRef;
  beforeAll(async () => {
    t = await startTestSim();
    basket = await template(t, 'basket');
  });
  afterEach(() => t.control('DELETE', '/_sim/faults'));
  afterAll(() => t.close());

  const launch = (tags: Record<string, string> = {}, availabilityZone = 'eu-west-1a') =>
    t.sim.cloud.ec2.launch({ template: basket, availabilityZone, tags });

  it('boots a pending instance into a live server that says what it runs and answers health', async () => {
    const i = launch({ 'aws:autoscaling:groupName': 'basket-blue' });
    expect(i.instanceId).toMatch(/^i-[0-9a-f]{17}$/);
    expect(i.state).toBe('pending');
    expect(i.privateIpAddress).toMatch(/^10\.0\.\d{1,3}\.\d{1,3}$/);
    expect((await describe1(t, i.instanceId)).State).toEqual({ Code: 0, Name: 'pending' });
    await running(t, i.instanceId);
    const url = `http://127.0.0.1:${i.localPort}`;
    expect(await (await fetch(`${url}/`)).json()).toEqual({
      service: 'Basket',
      version: '1.4.2',
      services: BASKET.services,
      instanceId: i.instanceId,
      availabilityZone: 'eu-west-1a',
    });
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(`${url}/elsewhere`)).status).toBe(404);

    const d = await describe1(t, i.instanceId);
    expect(d.State).toEqual({ Code: 16, Name: 'running' });
    expect(d.Placement!.AvailabilityZone).toBe('eu-west-1a');
    expect(d.PrivateIpAddress).toBe(i.privateIpAddress);
    expect(d.ImageId).toBe('ami-0e5b1a2c3d4e5f603');
    expect(d.InstanceType).toBe('t3.small');
    expect(d.LaunchTime).toEqual(jasmine.any(Date));
    expect(d.Tags).toContain({ Key: 'aws:autoscaling:groupName', Value: 'basket-blue' });
    expect(d.Tags).toContain({ Key: 'aws:ec2launchtemplate:id', Value: basket.launchTemplateId });

    const local = await t.control('GET', '/_sim/instances');
    expect(local.body).toContain({
      instanceId: i.instanceId,
      state: 'running',
      availabilityZone: 'eu-west-1a',
      url,
      services: BASKET.services,
    });
  });

  it('fails health checks at once while a version is marked unhealthy', async () => {
    const i = launch();
    await running(t, i.instanceId);
    const health = `http://127.0.0.1:${i.localPort}/health`;
    await t.control('PUT', '/_sim/faults/unhealthy-versions', [{ service: 'Basket', version: '1.4.2' }]);
    expect((await fetch(health)).status).toBe(500);
    await t.control('PUT', '/_sim/faults/unhealthy-versions', []);
    expect((await fetch(health)).status).toBe(200);
  });

  it('fails health checks while the image it booted from is marked unhealthy, whatever it runs', async () => {
    const i = launch();
    await running(t, i.instanceId);
    const health = `http://127.0.0.1:${i.localPort}/health`;
    const other = await t.control('PUT', '/_sim/faults/unhealthy-images', ['ami-0aaaaaaaaaaaaaaaa']);
    expect(other.body.unhealthyImages).toEqual(['ami-0aaaaaaaaaaaaaaaa']);
    expect((await fetch(health)).status).toBe(200);
    await t.control('PUT', '/_sim/faults/unhealthy-images', ['ami-0e5b1a2c3d4e5f603']);
    expect((await fetch(health)).status).toBe(500);
    // the version fault and the image fault are kept apart: clearing one leaves the other
    await t.control('PUT', '/_sim/faults/unhealthy-versions', []);
    expect((await fetch(health)).status).toBe(500);
    await t.control('DELETE', '/_sim/faults');
    expect((await fetch(health)).status).toBe(200);
    const bad = await t.control('PUT', '/_sim/faults/unhealthy-images', ['not-an-image']);
    expect(bad.status).toBe(400);
  });

  it('boots an instance with bad user data into a server that runs nothing', async () => {
    const broken = await template(t, 'broken', 'not json');
    const i = t.sim.cloud.ec2.launch({ template: broken, availabilityZone: 'eu-west-1b', tags: {} });
    await running(t, i.instanceId);
    expect(i.payload).toEqual({ services: [], healthPath: '/health' });
    expect((await fetch(`http://127.0.0.1:${i.localPort}/health`)).status).toBe(200);
  });

  it('terminates an instance whose boot fails, with the reason EC2 gives', async () => {
    await t.control('PUT', '/_sim/faults/boot', { failureRate: 1 });
    const i = launch();
    await eventually('boot failure', async () => (i.state === 'terminated' ? true : undefined));
    const d = await describe1(t, i.instanceId);
    expect(d.State).toEqual({ Code: 48, Name: 'terminated' });
    expect(d.StateReason!.Code).toBe('Server.InternalError');
    expect(i.localPort).toBeUndefined();
  });

  it('refuses to launch in a zone without capacity', async () => {
    await t.control('PUT', '/_sim/faults/zones', { withoutCapacity: ['eu-west-1c'] });
    expect(() => launch({}, 'eu-west-1c')).toThrowMatching(
      (e: any) => e.code === 'InsufficientInstanceCapacity' && /eu-west-1c/.test(e.message),
    );
    expect(launch({}, 'eu-west-1a').state).toBe('pending');
  });

  it('terminates through shutting-down, closing the server to new connections', async () => {
    const i = launch();
    await running(t, i.instanceId);
    const url = `http://127.0.0.1:${i.localPort}/`;
    const out = await t.ec2.send(new TerminateInstancesCommand({ InstanceIds: [i.instanceId] }));
    expect(out.TerminatingInstances).toEqual([
      {
        InstanceId: i.instanceId,
        PreviousState: { Code: 16, Name: 'running' },
        CurrentState: { Code: 32, Name: 'shutting-down' },
      },
    ]);
    await expectAsync(fetch(url)).toBeRejected();
    await eventually('terminated', async () => (i.state === 'terminated' ? true : undefined));
    expect((await describe1(t, i.instanceId)).State!.Name).toBe('terminated');
    const again = await t.ec2.send(new TerminateInstancesCommand({ InstanceIds: [i.instanceId] }));
    expect(again.TerminatingInstances![0]!.PreviousState!.Name).toBe('terminated');
  });

  it('refuses unknown and malformed instance ids', async () => {
    const unknown = await fail(
      t.ec2.send(new TerminateInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })),
    );
    expect(unknown.name).toBe('InvalidInstanceID.NotFound');
    expect(unknown.message).toBe("The instance ID 'i-0123456789abcdef0' does not exist");
    const malformed = await fail(t.ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-nothing'] })));
    expect(malformed.name).toBe('InvalidInstanceID.Malformed');
    const combined = await fail(
      t.ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'], MaxResults: 5 })),
    );
    expect(combined.name).toBe('InvalidParameterCombination');
  });

  it('filters instances by state, zone, image and tags, and pages them', async () => {
    const ids = [1, 2, 3, 4, 5, 6].map(
      (n) => launch({ Batch: 'paging' }, n % 2 ? 'eu-west-1a' : 'eu-west-1b').instanceId,
    );
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateDescribeInstances(
      { client: t.ec2, pageSize: 5 },
      { Filters: [{ Name: 'tag:Batch', Values: ['paging'] }] },
    )) {
      pages++;
      for (const r of page.Reservations!) seen.push(...r.Instances!.map((x) => x.InstanceId!));
    }
    expect(pages).toBe(2);
    expect(seen).toEqual(ids);
    const inB = await t.ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: 'tag-key', Values: ['Batch'] },
          { Name: 'availability-zone', Values: ['eu-west-1b'] },
          { Name: 'instance-state-name', Values: ['pending', 'running'] },
          { Name: 'image-id', Values: ['ami-0e5b1a2c3d4e5f603'] },
        ],
      }),
    );
    expect(inB.Reservations!.map((r) => r.Instances![0]!.InstanceId)).toEqual([ids[1], ids[3], ids[5]]);
    const byId = await t.ec2.send(
      new DescribeInstancesCommand({ Filters: [{ Name: 'instance-id', Values: [ids[0]!] }] }),
    );
    expect(byId.Reservations!.length).toBe(1);
  });

  it('adds and removes instance tags', async () => {
    const i = launch();
    await t.ec2.send(
      new CreateTagsCommand({ Resources: [i.instanceId], Tags: [{ Key: 'Owner', Value: 'sre' }] }),
    );
    expect((await describe1(t, i.instanceId)).Tags).toContain({ Key: 'Owner', Value: 'sre' });
    await t.ec2.send(new DeleteTagsCommand({ Resources: [i.instanceId], Tags: [{ Key: 'Owner' }] }));
    expect((await describe1(t, i.instanceId)).Tags!.map((x) => x.Key)).not.toContain('Owner');
    const unknown = await fail(
      t.ec2.send(
        new CreateTagsCommand({ Resources: ['i-0123456789abcdef0'], Tags: [{ Key: 'A', Value: 'b' }] }),
      ),
    );
    expect(unknown.name).toBe('InvalidInstanceID.NotFound');
  });
});

describe('aws-sim EC2 instances across restarts and time', () => {
  it('brings a running instance back up with a new server after a restart', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-sim-ec2-'));
    let t = await startTestSim({ dataDir });
    try {
      const ref = await template(t, 'basket');
      const i = t.sim.cloud.ec2.launch({
        template: ref,
        availabilityZone: 'eu-west-1a',
        tags: { Keep: 'me' },
      });
      await running(t, i.instanceId);
      const oldPort = i.localPort;
      // a slow boot so it is surely still pending when saved (faults are not saved)
      await t.control('PUT', '/_sim/faults/boot', { delayFactor: 100 });
      const booting = t.sim.cloud.ec2.launch({ template: ref, availabilityZone: 'eu-west-1b', tags: {} });
      await t.close();
      await expectAsync(fetch(`http://127.0.0.1:${oldPort}/`)).toBeRejected();
      t = await startTestSim({ dataDir });
      const back = t.sim.cloud.ec2.instance(i.instanceId)!;
      expect(back.state).toBe('running');
      expect(back.tags['Keep']).toBe('me');
      const res = await fetch(`http://127.0.0.1:${back.localPort}/`);
      expect(((await res.json()) as any).instanceId).toBe(i.instanceId);
      expect(t.sim.cloud.ec2.instance(booting.instanceId)!.state).toBe('pending');
      await running(t, booting.instanceId);
      expect(t.sim.cloud.ec2.resolveLaunchTemplate({ name: 'basket' }).launchTemplateId).toBe(
        ref.launchTemplateId,
      );
    } finally {
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('forgets a terminated instance an hour (AWS time) later', async () => {
    const t = await startTestSim({ msPerSecond: 1 });
    try {
      const ref = await template(t, 'basket');
      const i = t.sim.cloud.ec2.launch({ template: ref, availabilityZone: 'eu-west-1a', tags: {} });
      t.sim.cloud.ec2.terminate(i.instanceId);
      await eventually('forgotten', async () => {
        const out = await t.ec2.send(new DescribeInstancesCommand({}));
        return out.Reservations!.length === 0 ? true : undefined;
      });
      expect(t.sim.cloud.ec2.instance(i.instanceId)).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
