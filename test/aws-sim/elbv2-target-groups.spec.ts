import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DeleteListenerCommand,
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DeregisterTargetsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ModifyTargetGroupAttributesCommand,
  ModifyTargetGroupCommand,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { launchRunning } from './support/launch-running';
import { eventually, startTestSim, type TestSim } from './support/test-sim';

async function errorOf(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  return p.then(
    () => ({ name: 'no error', message: '' }),
    (e: Error) => e,
  );
}

describe('aws-sim ELBv2 target groups', () => {
  let t: TestSim;
  let n = 0;
  const name = () => `tg-${++n}`;
  const fastChecks = {
    HealthCheckPath: '/health',
    HealthCheckIntervalSeconds: 5,
    HealthCheckTimeoutSeconds: 2,
    HealthyThresholdCount: 2,
    UnhealthyThresholdCount: 2,
  };
  beforeAll(async () => (t = await startTestSim()));
  afterAll(() => t.close());

  async function targetGroup(settings: Record<string, unknown> = fastChecks): Promise<string> {
    const out = await t.elbv2.send(
      new CreateTargetGroupCommand({
        Name: name(),
        Protocol: 'HTTP',
        Port: 8080,
        VpcId: 'vpc-1',
        ...settings,
      }),
    );
    return out.TargetGroups![0]!.TargetGroupArn!;
  }

  async function attach(tgArn: string): Promise<{ lbArn: string; listenerArn: string }> {
    const lb = await t.elbv2.send(
      new CreateLoadBalancerCommand({ Name: `lb-${++n}`, Subnets: ['subnet-a', 'subnet-b'] }),
    );
    const lbArn = lb.LoadBalancers![0]!.LoadBalancerArn!;
    const l = await t.elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: lbArn,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
      }),
    );
    return { lbArn, listenerArn: l.Listeners![0]!.ListenerArn! };
  }

  async function health(tgArn: string): Promise<Record<string, { state?: string; reason?: string }>> {
    const out = await t.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tgArn }));
    return Object.fromEntries(
      out.TargetHealthDescriptions!.map((d) => [
        d.Target!.Id!,
        { state: d.TargetHealth!.State, reason: d.TargetHealth!.Reason },
      ]),
    );
  }

  it('creates a target group with AWS defaults and an ARN of the AWS form', async () => {
    const out = await t.elbv2.send(
      new CreateTargetGroupCommand({ Name: 'defaults', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-1' }),
    );
    const tg = out.TargetGroups![0]!;
    expect(tg.TargetGroupArn).toMatch(
      /^arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup\/defaults\/[0-9a-f]{16}$/,
    );
    expect(tg).toEqual(
      jasmine.objectContaining({
        HealthCheckPath: '/',
        HealthCheckPort: 'traffic-port',
        HealthCheckIntervalSeconds: 30,
        HealthCheckTimeoutSeconds: 5,
        HealthyThresholdCount: 5,
        UnhealthyThresholdCount: 2,
        Matcher: { HttpCode: '200' },
        TargetType: 'instance',
        LoadBalancerArns: [],
      }),
    );
    const again = await t.elbv2.send(
      new CreateTargetGroupCommand({ Name: 'defaults', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-1' }),
    );
    expect(again.TargetGroups![0]!.TargetGroupArn).toBe(tg.TargetGroupArn);
  });

  it('refuses a duplicate name with different settings, and bad health check settings', async () => {
    await t.elbv2.send(
      new CreateTargetGroupCommand({ Name: 'dup', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-1' }),
    );
    const dup = await errorOf(
      t.elbv2.send(new CreateTargetGroupCommand({ Name: 'dup', Protocol: 'HTTP', Port: 81, VpcId: 'vpc-1' })),
    );
    expect(dup.name).toBe('DuplicateTargetGroupNameException');
    const bad = await errorOf(
      t.elbv2.send(
        new CreateTargetGroupCommand({
          Name: 'bad',
          Protocol: 'HTTP',
          Port: 80,
          VpcId: 'vpc-1',
          HealthCheckIntervalSeconds: 5,
          HealthCheckTimeoutSeconds: 5,
        }),
      ),
    );
    expect(bad.name).toBe('ValidationError');
  });

  it('describes target groups by ARN and by name, pages with Marker, and reports unknown ones', async () => {
    const arns = [await targetGroup(), await targetGroup(), await targetGroup()];
    const byArn = await t.elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [arns[1]!] }));
    expect(byArn.TargetGroups!.map((g) => g.TargetGroupArn)).toEqual([arns[1]!]);
    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const p = await t.elbv2.send(new DescribeTargetGroupsCommand({ PageSize: 2, Marker: marker }));
      expect(p.TargetGroups!.length).toBeLessThanOrEqual(2);
      seen.push(...p.TargetGroups!.map((g) => g.TargetGroupArn!));
      marker = p.NextMarker;
    } while (marker);
    expect(seen).toEqual(jasmine.arrayContaining(arns));
    expect(new Set(seen).size).toBe(seen.length);
    const missing = await errorOf(
      t.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['no-such-group'] })),
    );
    expect(missing.name).toBe('TargetGroupNotFoundException');
  });

  it('modifies health check settings and the deregistration delay attribute', async () => {
    const arn = await targetGroup();
    const modified = await t.elbv2.send(
      new ModifyTargetGroupCommand({
        TargetGroupArn: arn,
        HealthCheckPath: '/ready',
        Matcher: { HttpCode: '200-299' },
      }),
    );
    expect(modified.TargetGroups![0]!.HealthCheckPath).toBe('/ready');
    expect(modified.TargetGroups![0]!.Matcher!.HttpCode).toBe('200-299');
    const before = await t.elbv2.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }));
    expect(before.Attributes).toContain({ Key: 'deregistration_delay.timeout_seconds', Value: '300' });
    await t.elbv2.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: arn,
        Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '10' }],
      }),
    );
    const after = await t.elbv2.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }));
    expect(after.Attributes).toContain({ Key: 'deregistration_delay.timeout_seconds', Value: '10' });
    const unknown = await errorOf(
      t.elbv2.send(
        new ModifyTargetGroupAttributesCommand({
          TargetGroupArn: arn,
          Attributes: [{ Key: 'nope', Value: '1' }],
        }),
      ),
    );
    expect(unknown.name).toBe('ValidationError');
  });

  it('refuses to delete a target group a listener forwards to, and deletes it once free', async () => {
    const arn = await targetGroup();
    const { lbArn, listenerArn } = await attach(arn);
    const described = await t.elbv2.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: lbArn }));
    expect(described.TargetGroups!.map((g) => g.TargetGroupArn)).toEqual([arn]);
    expect(described.TargetGroups![0]!.LoadBalancerArns).toEqual([lbArn]);
    const inUse = await errorOf(t.elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: arn })));
    expect(inUse.name).toBe('ResourceInUseException');
    await t.elbv2.send(new DeleteListenerCommand({ ListenerArn: listenerArn }));
    await t.elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: arn }));
    const gone = await errorOf(t.elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [arn] })));
    expect(gone.name).toBe('TargetGroupNotFoundException');
    await t.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: lbArn }));
  });

  it('refuses unknown instances, instances that do not run, and unknown target groups', async () => {
    const arn = await targetGroup();
    const unknown = await errorOf(
      t.elbv2.send(
        new RegisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: 'i-0123456789abcdef0' }] }),
      ),
    );
    expect(unknown.name).toBe('InvalidTargetException');
    const [id] = await launchRunning(t, 1);
    t.sim.cloud.ec2.terminate(id!);
    const stopped = await errorOf(
      t.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: id! }] })),
    );
    expect(stopped.name).toBe('InvalidTargetException');
    expect(stopped.message).toContain('not in a running state');
    const noGroup = await errorOf(
      t.elbv2.send(
        new RegisterTargetsCommand({
          TargetGroupArn: arn.replace(/[0-9a-f]{16}$/, '0000000000000000'),
          Targets: [{ Id: id! }],
        }),
      ),
    );
    expect(noGroup.name).toBe('TargetGroupNotFoundException');
  });

  it('reports unused targets while no listener routes to the group, then initial, then healthy', async () => {
    const arn = await targetGroup();
    const [id] = await launchRunning(t, 1);
    await t.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: id! }] }));
    const unused = await health(arn);
    expect(unused[id!]).toEqual({ state: 'unused', reason: 'Target.NotInUse' });
    const out = await t.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }));
    expect(out.TargetHealthDescriptions![0]!.HealthCheckPort).toBe('8080');
    expect(out.TargetHealthDescriptions![0]!.Target).toEqual({ Id: id!, Port: 8080 });
    // unused targets are not checked: several intervals later, attaching the group starts from initial
    await new Promise((r) => setTimeout(r, 200));
    await attach(arn);
    expect((await health(arn))[id!]!.state).toBe('initial');
    // a fresh group of the same instance, attached before registration, shows the initial phase
    const arn2 = await targetGroup({
      ...fastChecks,
      HealthCheckIntervalSeconds: 30,
      HealthCheckTimeoutSeconds: 5,
    });
    await attach(arn2);
    await t.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: arn2, Targets: [{ Id: id! }] }));
    expect((await health(arn2))[id!]!.state).toBe('initial');
    expect(t.sim.cloud.elb.health(arn2, id!)).toBe('initial');
    await eventually('initial health checking', async () =>
      (await health(arn2))[id!]!.reason === 'Elb.InitialHealthChecking' ? true : undefined,
    );
    await eventually('healthy', async () =>
      (await health(arn2))[id!]!.state === 'healthy' ? true : undefined,
    );
    expect(t.sim.cloud.elb.health(arn2, id!)).toBe('healthy');
  });

  it('turns a target unhealthy with AWS reason codes when its health checks fail', async () => {
    const mismatch = await targetGroup({ ...fastChecks, HealthCheckPath: '/missing' });
    await attach(mismatch);
    const [id] = await launchRunning(t, 1);
    await t.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: mismatch, Targets: [{ Id: id! }] }));
    const sick = await eventually('unhealthy', async () => {
      const h = (await health(mismatch))[id!]!;
      return h.state === 'unhealthy' ? h : undefined;
    });
    expect(sick.reason).toBe('Target.ResponseCodeMismatch');
    const described = await t.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: mismatch }));
    expect(described.TargetHealthDescriptions![0]!.TargetHealth!.Description).toContain('[404]');
    // the same instance becomes healthy once the matcher accepts what it answers
    await t.elbv2.send(
      new ModifyTargetGroupCommand({ TargetGroupArn: mismatch, Matcher: { HttpCode: '200-404' } }),
    );
    await eventually('healthy again', async () =>
      (await health(mismatch))[id!]!.state === 'healthy' ? true : undefined,
    );
  });

  it('fails a target whose service version is marked unhealthy, and one whose instance is gone', async () => {
    const arn = await targetGroup();
    await attach(arn);
    const [a, b] = await launchRunning(t, 2);
    await t.elbv2.send(
      new RegisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: a! }, { Id: b! }] }),
    );
    await eventually('both healthy', async () => {
      const h = await health(arn);
      return h[a!]!.state === 'healthy' && h[b!]!.state === 'healthy' ? true : undefined;
    });
    await t.control('PUT', '/_sim/faults/unhealthy-versions', [{ service: 'Basket', version: '1.0.0' }]);
    try {
      await eventually('both unhealthy', async () => {
        const h = await health(arn);
        return h[a!]!.state === 'unhealthy' && h[b!]!.state === 'unhealthy' ? true : undefined;
      });
    } finally {
      await t.control('DELETE', '/_sim/faults');
    }
    t.sim.cloud.ec2.terminate(b!);
    await eventually('terminated target unused', async () =>
      (await health(arn))[b!]!.reason === 'Target.InvalidState' ? true : undefined,
    );
    await eventually('recovered target healthy', async () =>
      (await health(arn))[a!]!.state === 'healthy' ? true : undefined,
    );
  });

  it('drains a deregistered target for the deregistration delay, then forgets it', async () => {
    const arn = await targetGroup();
    await attach(arn);
    await t.elbv2.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: arn,
        Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }],
      }),
    );
    const [id] = await launchRunning(t, 1);
    await t.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: id! }] }));
    await t.elbv2.send(new DeregisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: id! }] }));
    expect((await health(arn))[id!]).toEqual({
      state: 'draining',
      reason: 'Target.DeregistrationInProgress',
    });
    expect(t.sim.cloud.elb.health(arn, id!)).toBe('draining');
    await eventually('target gone', async () => (id! in (await health(arn)) ? undefined : true));
    expect(t.sim.cloud.elb.health(arn, id!)).toBeUndefined();
    const asked = await t.elbv2.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: arn, Targets: [{ Id: id! }] }),
    );
    expect(asked.TargetHealthDescriptions![0]!.TargetHealth!.Reason).toBe('Target.NotRegistered');
    // as on AWS, deregistering a target that is not registered succeeds and changes nothing
    await t.elbv2.send(new DeregisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: id! }] }));
  });

  it('serves Auto Scaling through ElbApi, which accepts instances that are still booting', async () => {
    const arn = await targetGroup();
    expect(t.sim.cloud.elb.targetGroupExists(arn)).toBeTrue();
    expect(t.sim.cloud.elb.targetGroupExists(`${arn}x`)).toBeFalse();
    const ec2 = t.sim.cloud.ec2;
    const [running] = await launchRunning(t, 1);
    const template = ec2.instance(running!)!.launchTemplate!;
    const booting = ec2.launch({ template, availabilityZone: ec2.availabilityZones()[0]!, tags: {} });
    expect(booting.state).toBe('pending');
    t.sim.cloud.elb.register(arn, [booting.instanceId]);
    expect(t.sim.cloud.elb.health(arn, booting.instanceId)).toBe('unused');
    t.sim.cloud.elb.deregister(arn, [booting.instanceId]);
    expect(t.sim.cloud.elb.health(arn, booting.instanceId)).toBe('draining');
  });
});
