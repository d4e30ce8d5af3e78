import {
  AddTagsCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DeleteListenerCommand,
  DeleteLoadBalancerCommand,
  DeleteRuleCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  ModifyListenerCommand,
  ModifyRuleCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { startTestSim, type TestSim } from './support/test-sim';

async function errorOf(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  return p.then(
    () => ({ name: 'no error', message: '' }),
    (e: Error) => e,
  );
}

describe('aws-sim ELBv2 load balancers, listeners and rules', () => {
  let t: TestSim;
  let n = 0;
  beforeAll(async () => (t = await startTestSim()));
  afterAll(() => t.close());

  async function loadBalancer(name = `lb-${++n}`): Promise<string> {
    const out = await t.elbv2.send(
      new CreateLoadBalancerCommand({ Name: name, Subnets: ['subnet-a', 'subnet-b'] }),
    );
    return out.LoadBalancers![0]!.LoadBalancerArn!;
  }

  async function targetGroup(): Promise<string> {
    const out = await t.elbv2.send(
      new CreateTargetGroupCommand({ Name: `tg-${++n}`, Protocol: 'HTTP', Port: 80, VpcId: 'vpc-1' }),
    );
    return out.TargetGroups![0]!.TargetGroupArn!;
  }

  async function listener(lbArn: string, tgArn: string, port = 80): Promise<string> {
    const out = await t.elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: lbArn,
        Protocol: 'HTTP',
        Port: port,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
      }),
    );
    return out.Listeners![0]!.ListenerArn!;
  }

  it('creates an application load balancer as AWS describes it, and refuses a clashing name', async () => {
    const out = await t.elbv2.send(
      new CreateLoadBalancerCommand({ Name: 'shop', Subnets: ['subnet-a', 'subnet-b'], Scheme: 'internal' }),
    );
    const lb = out.LoadBalancers![0]!;
    expect(lb.LoadBalancerArn).toMatch(
      /^arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer\/app\/shop\/[0-9a-f]{16}$/,
    );
    expect(lb.DNSName).toMatch(/^internal-shop-\d+\.eu-west-1\.elb\.amazonaws\.com$/);
    expect(lb.State!.Code).toBe('active');
    expect(lb.Type).toBe('application');
    expect(lb.Scheme).toBe('internal');
    expect(lb.CreatedTime).toEqual(jasmine.any(Date));
    expect(lb.AvailabilityZones!.map((z) => z.SubnetId)).toEqual(['subnet-a', 'subnet-b']);
    expect(new Set(lb.AvailabilityZones!.map((z) => z.ZoneName)).size).toBe(2);
    const dup = await errorOf(
      t.elbv2.send(new CreateLoadBalancerCommand({ Name: 'shop', Subnets: ['subnet-a', 'subnet-c'] })),
    );
    expect(dup.name).toBe('DuplicateLoadBalancerNameException');
    const oneSubnet = await errorOf(
      t.elbv2.send(new CreateLoadBalancerCommand({ Name: 'lonely', Subnets: ['subnet-a'] })),
    );
    expect(oneSubnet.name).toBe('ValidationError');
  });

  it('describes load balancers by ARN and name, pages them, and deletes them with their listeners', async () => {
    const arns = [await loadBalancer(), await loadBalancer(), await loadBalancer()];
    const byName = await t.elbv2.send(new DescribeLoadBalancersCommand({ Names: [`lb-${n}`] }));
    expect(byName.LoadBalancers!.map((l) => l.LoadBalancerArn)).toEqual([arns[2]!]);
    const first = await t.elbv2.send(new DescribeLoadBalancersCommand({ PageSize: 1 }));
    expect(first.LoadBalancers!.length).toBe(1);
    expect(first.NextMarker).toBeDefined();
    const second = await t.elbv2.send(
      new DescribeLoadBalancersCommand({ PageSize: 1, Marker: first.NextMarker }),
    );
    expect(second.LoadBalancers![0]!.LoadBalancerArn).not.toBe(first.LoadBalancers![0]!.LoadBalancerArn);
    const listenerArn = await listener(arns[0]!, await targetGroup());
    await t.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: arns[0]! }));
    const gone = await errorOf(
      t.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arns[0]!] })),
    );
    expect(gone.name).toBe('LoadBalancerNotFoundException');
    const noListener = await errorOf(
      t.elbv2.send(new DescribeListenersCommand({ ListenerArns: [listenerArn] })),
    );
    expect(noListener.name).toBe('ListenerNotFoundException');
    const missing = await errorOf(t.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['nobody'] })));
    expect(missing.name).toBe('LoadBalancerNotFoundException');
  });

  it('creates listeners that forward to a target group, one per port', async () => {
    const lbArn = await loadBalancer();
    const tgArn = await targetGroup();
    const arn = await listener(lbArn, tgArn);
    expect(arn).toMatch(/:listener\/app\/lb-\d+\/[0-9a-f]{16}\/[0-9a-f]{16}$/);
    const described = await t.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn }));
    const l = described.Listeners![0]!;
    expect(l.Port).toBe(80);
    expect(l.Protocol).toBe('HTTP');
    expect(l.DefaultActions![0]!.TargetGroupArn).toBe(tgArn);
    expect(l.DefaultActions![0]!.ForwardConfig!.TargetGroups).toEqual([{ TargetGroupArn: tgArn, Weight: 1 }]);
    const other = await targetGroup();
    const dup = await errorOf(listener(lbArn, other));
    expect(dup.name).toBe('DuplicateListenerException');
    const noGroup = await errorOf(listener(lbArn, `${tgArn.slice(0, -16)}0000000000000000`, 81));
    expect(noGroup.name).toBe('TargetGroupNotFoundException');
    const noLb = await errorOf(listener(`${lbArn.slice(0, -16)}0000000000000000`, tgArn, 82));
    expect(noLb.name).toBe('LoadBalancerNotFoundException');
    const groups = await t.elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [tgArn] }));
    expect(groups.TargetGroups![0]!.LoadBalancerArns).toEqual([lbArn]);
    const local = await t.control('GET', '/_sim/listeners');
    expect(local.body).toContain(
      jasmine.objectContaining({
        listenerArn: arn,
        loadBalancerArn: lbArn,
        port: 80,
        url: jasmine.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      }),
    );
  });

  it('modifies a listener to weighted target groups and deletes it', async () => {
    const lbArn = await loadBalancer();
    const blue = await targetGroup();
    const green = await targetGroup();
    const arn = await listener(lbArn, blue);
    const modified = await t.elbv2.send(
      new ModifyListenerCommand({
        ListenerArn: arn,
        DefaultActions: [
          {
            Type: 'forward',
            ForwardConfig: {
              TargetGroups: [
                { TargetGroupArn: blue, Weight: 90 },
                { TargetGroupArn: green, Weight: 10 },
              ],
            },
          },
        ],
      }),
    );
    const action = modified.Listeners![0]!.DefaultActions![0]!;
    expect(action.TargetGroupArn).toBeUndefined();
    expect(action.ForwardConfig!.TargetGroups).toEqual([
      { TargetGroupArn: blue, Weight: 90 },
      { TargetGroupArn: green, Weight: 10 },
    ]);
    const badWeight = await errorOf(
      t.elbv2.send(
        new ModifyListenerCommand({
          ListenerArn: arn,
          DefaultActions: [
            { Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: blue, Weight: 1000 }] } },
          ],
        }),
      ),
    );
    expect(badWeight.name).toBe('ValidationError');
    await t.elbv2.send(new DeleteListenerCommand({ ListenerArn: arn }));
    const gone = await errorOf(t.elbv2.send(new DeleteListenerCommand({ ListenerArn: arn })));
    expect(gone.name).toBe('ListenerNotFoundException');
  });

  it('keeps path-pattern rules by priority beside the default rule, and refuses a priority in use', async () => {
    const lbArn = await loadBalancer();
    const tgArn = await targetGroup();
    const listenerArn = await listener(lbArn, tgArn);
    const created = await t.elbv2.send(
      new CreateRuleCommand({
        ListenerArn: listenerArn,
        Priority: 10,
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } }],
        Actions: [{ Type: 'forward', TargetGroupArn: tgArn }],
      }),
    );
    const ruleArn = created.Rules![0]!.RuleArn!;
    expect(ruleArn).toMatch(/:listener-rule\/app\/lb-\d+\/[0-9a-f]{16}\/[0-9a-f]{16}\/[0-9a-f]{16}$/);
    const clash = await errorOf(
      t.elbv2.send(
        new CreateRuleCommand({
          ListenerArn: listenerArn,
          Priority: 10,
          Conditions: [{ Field: 'path-pattern', Values: ['/other'] }],
          Actions: [{ Type: 'forward', TargetGroupArn: tgArn }],
        }),
      ),
    );
    expect(clash.name).toBe('PriorityInUseException');
    const rules = await t.elbv2.send(new DescribeRulesCommand({ ListenerArn: listenerArn }));
    expect(rules.Rules!.map((r) => [r.Priority, r.IsDefault])).toEqual([
      ['10', false],
      ['default', true],
    ]);
    expect(rules.Rules![0]!.Conditions![0]!.PathPatternConfig!.Values).toEqual(['/api/*']);
    const modified = await t.elbv2.send(
      new ModifyRuleCommand({ RuleArn: ruleArn, Conditions: [{ Field: 'path-pattern', Values: ['/v2/*'] }] }),
    );
    expect(modified.Rules![0]!.Conditions![0]!.Values).toEqual(['/v2/*']);
    const defaultRule = rules.Rules![1]!.RuleArn!;
    const notDeletable = await errorOf(t.elbv2.send(new DeleteRuleCommand({ RuleArn: defaultRule })));
    expect(notDeletable.name).toBe('OperationNotPermittedException');
    await t.elbv2.send(new DeleteRuleCommand({ RuleArn: ruleArn }));
    const gone = await errorOf(t.elbv2.send(new DeleteRuleCommand({ RuleArn: ruleArn })));
    expect(gone.name).toBe('RuleNotFoundException');
  });

  it('tags load balancers and target groups', async () => {
    const lbArn = await loadBalancer();
    const tgArn = await targetGroup();
    await t.elbv2.send(
      new AddTagsCommand({ ResourceArns: [lbArn, tgArn], Tags: [{ Key: 'env', Value: 'test' }] }),
    );
    const tags = await t.elbv2.send(new DescribeTagsCommand({ ResourceArns: [lbArn, tgArn] }));
    expect(tags.TagDescriptions!.map((d) => [d.ResourceArn, d.Tags])).toEqual([
      [lbArn, [{ Key: 'env', Value: 'test' }]],
      [tgArn, [{ Key: 'env', Value: 'test' }]],
    ]);
  });
});
