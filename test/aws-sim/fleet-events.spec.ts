import { CreateAutoScalingGroupCommand, UpdateAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateCommand, DescribeImagesCommand } from '@aws-sdk/client-ec2';
import {
  DeleteRuleCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type Message,
} from '@aws-sdk/client-sqs';
import { ensureFleetEventQueue } from '../../server/adapters/aws/aws-fleet-event-rule';
import { assumeRole, clientsWith } from './support/sts-call';
import { startTestSim, type TestSim, fail } from './support/test-sim';

const PROD = '210987654321';

/**
 * SQS (standard queues, long polling, visibility timeout) and EventBridge (rules with exact-value
 * patterns, SQS targets) through the SDK's own clients, and Auto Scaling's lifecycle events through them.
 */
describe('aws-sim SQS and EventBridge', () => {
  let t: TestSim;

  beforeAll(async () => {
    t = await startTestSim({ accounts: [{ accountId: PROD, name: 'prod' }] });
  });
  afterAll(async () => {
    await t.close();
  });

  const queue = async (name: string, attributes: Record<string, string> = {}) => {
    const { QueueUrl } = await t.sqs.send(
      new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
    );
    const { Attributes } = await t.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    return { url: QueueUrl!, arn: Attributes!['QueueArn']! };
  };

  it('sends and receives a message (MD5 checked by the SDK), hides it while received, and deletes it by its receipt', async () => {
    const q = await queue('plain', { VisibilityTimeout: '2' });
    expect(q.url).toBe(`${t.sim.endpoint}/123456789012/plain`);
    expect(q.arn).toBe('arn:aws:sqs:eu-west-1:123456789012:plain');
    expect((await t.sqs.send(new GetQueueUrlCommand({ QueueName: 'plain' }))).QueueUrl).toBe(q.url);
    const sent = await t.sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'hello ü' }));
    const first = await t.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: q.url,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    );
    expect(first.Messages!.map((m) => [m.MessageId, m.Body])).toEqual([[sent.MessageId, 'hello ü']]);
    expect(first.Messages![0]!.Attributes).toEqual({ ApproximateReceiveCount: '1' });
    // hidden for the visibility timeout (2 AWS seconds = 20 ms here), then seen again
    expect((await t.sqs.send(new ReceiveMessageCommand({ QueueUrl: q.url }))).Messages).toBeUndefined();
    const again = await t.sqs.send(new ReceiveMessageCommand({ QueueUrl: q.url, WaitTimeSeconds: 5 }));
    expect(again.Messages!.map((m) => m.MessageId)).toEqual([sent.MessageId!]);
    const deleted = await t.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: q.url,
        Entries: [
          { Id: 'a', ReceiptHandle: again.Messages![0]!.ReceiptHandle! },
          { Id: 'b', ReceiptHandle: 'not-a-handle' },
        ],
      }),
    );
    expect(deleted.Successful!.map((s) => s.Id)).toEqual(['a']);
    expect(deleted.Failed!.map((f) => [f.Id, f.Code])).toEqual([['b', 'ReceiptHandleIsInvalid']]);
    const attrs = await t.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: q.url, AttributeNames: ['All'] }),
    );
    expect(attrs.Attributes!['ApproximateNumberOfMessages']).toBe('0');
    expect(attrs.Attributes!['ApproximateNumberOfMessagesNotVisible']).toBe('0');
  });

  it('answers a long poll as soon as a message comes, and an empty one after its wait', async () => {
    const q = await queue('long');
    const started = Date.now();
    const waiting = t.sqs.send(new ReceiveMessageCommand({ QueueUrl: q.url, WaitTimeSeconds: 20 }));
    await new Promise((r) => setTimeout(r, 30));
    await t.sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'now' }));
    const got = await waiting;
    expect(got.Messages!.map((m) => m.Body)).toEqual(['now']);
    // 20 AWS seconds are 200 ms here: the message ended the wait long before
    expect(Date.now() - started).toBeLessThan(180);
    const emptyStart = Date.now();
    const empty = await t.sqs.send(new ReceiveMessageCommand({ QueueUrl: q.url, WaitTimeSeconds: 3 }));
    expect(empty.Messages).toBeUndefined();
    expect(Date.now() - emptyStart).toBeGreaterThanOrEqual(25);
  });

  it('refuses what SQS refuses, by its error names', async () => {
    const missing = await fail(
      t.sqs.send(new ReceiveMessageCommand({ QueueUrl: `${t.sim.endpoint}/123456789012/nothing` })),
    );
    expect(missing.name).toBe('QueueDoesNotExist');
    expect((await fail(t.sqs.send(new GetQueueUrlCommand({ QueueName: 'nothing' })))).name).toBe(
      'QueueDoesNotExist',
    );
    const q = await queue('strict');
    const tooMany = await fail(
      t.sqs.send(new ReceiveMessageCommand({ QueueUrl: q.url, MaxNumberOfMessages: 11 })),
    );
    expect(tooMany.message).toContain('MaxNumberOfMessages');
    const badName = await fail(t.sqs.send(new CreateQueueCommand({ QueueName: 'bad name!' })));
    expect(badName.message).toContain('alphanumeric');
    const fifo = await fail(t.sqs.send(new CreateQueueCommand({ QueueName: 'orders.fifo' })));
    expect(fifo.message).toContain('FIFO');
    const clash = await fail(
      t.sqs.send(new CreateQueueCommand({ QueueName: 'strict', Attributes: { VisibilityTimeout: '5' } })),
    );
    expect(clash.name).toBe('QueueNameExists');
  });

  it("routes Auto Scaling's launch and terminate events to a rule's queue, with the group's name, as EventBridge writes them", async () => {
    const q = await queue('fleet-events');
    await t.events.send(
      new PutRuleCommand({
        Name: 'fleet',
        EventPattern: JSON.stringify({
          source: ['aws.autoscaling'],
          'detail-type': ['EC2 Instance Launch Successful', 'EC2 Instance Terminate Successful'],
          detail: { AutoScalingGroupName: ['watched'] },
        }),
      }),
    );
    const put = await t.events.send(
      new PutTargetsCommand({ Rule: 'fleet', Targets: [{ Id: 'portal', Arn: q.arn }] }),
    );
    expect(put.FailedEntryCount).toBe(0);
    expect((await t.events.send(new ListTargetsByRuleCommand({ Rule: 'fleet' }))).Targets).toEqual([
      { Id: 'portal', Arn: q.arn },
    ]);
    const image = (await t.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images![0]!.ImageId!;
    await t.ec2.send(
      new CreateLaunchTemplateCommand({ LaunchTemplateName: 'evt', LaunchTemplateData: { ImageId: image } }),
    );
    for (const name of ['watched', 'other'])
      await t.autoScaling.send(
        new CreateAutoScalingGroupCommand({
          AutoScalingGroupName: name,
          LaunchTemplate: { LaunchTemplateName: 'evt', Version: '$Latest' },
          MinSize: 0,
          MaxSize: 4,
          DesiredCapacity: 2,
          AvailabilityZones: ['eu-west-1a', 'eu-west-1b'],
        }),
      );
    const received: Message[] = [];
    // the boots take 20 AWS seconds, as long as one long poll: empty receives are polled again, for 20 s at most
    const receiveUntil = async (n: number) => {
      const deadline = Date.now() + 20_000;
      while (received.length < n) {
        if (Date.now() > deadline) throw new Error(`only ${received.length} of ${n} events came`);
        const r = await t.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: q.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 20 }),
        );
        if (!r.Messages) continue;
        received.push(...r.Messages);
        await t.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: q.url,
            Entries: r.Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
          }),
        );
      }
    };
    await receiveUntil(2);
    const launches = received.map((m) => JSON.parse(m.Body!));
    expect(
      launches.map((e) => [e.source, e['detail-type'], e.detail.AutoScalingGroupName, e.detail.StatusCode]),
    ).toEqual([
      ['aws.autoscaling', 'EC2 Instance Launch Successful', 'watched', 'Successful'],
      ['aws.autoscaling', 'EC2 Instance Launch Successful', 'watched', 'Successful'],
    ]);
    expect(launches[0].account).toBe('123456789012');
    expect(launches[0].resources[0]).toMatch(
      /^arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:.*watched$/,
    );
    expect(
      launches.map((e) => e.detail.EC2InstanceId).every((id: string) => /^i-[0-9a-f]+$/.test(id)),
    ).toBeTrue();

    await t.autoScaling.send(
      new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'watched', MinSize: 0, DesiredCapacity: 1 }),
    );
    await receiveUntil(3);
    const gone = JSON.parse(received[2]!.Body!);
    expect(gone['detail-type']).toBe('EC2 Instance Terminate Successful');
    expect(launches.map((e) => e.detail.EC2InstanceId)).toContain(gone.detail.EC2InstanceId);
    // the group the pattern leaves out sent nothing
    expect(received.every((m) => JSON.parse(m.Body!).detail.AutoScalingGroupName === 'watched')).toBeTrue();

    const hasTargets = await fail(t.events.send(new DeleteRuleCommand({ Name: 'fleet' })));
    expect(hasTargets.name).toBe('ValidationException');
    await t.events.send(new RemoveTargetsCommand({ Rule: 'fleet', Ids: ['portal'] }));
    await t.events.send(new DeleteRuleCommand({ Name: 'fleet' }));
  });

  it("delivers another account's events to this account's queue (the portal's rule put there with the account's role)", async () => {
    const url = await ensureFleetEventQueue('eu-west-1', t.sim.endpoint, {
      name: 'portal-events',
      alsoFrom: [`arn:aws:iam::${PROD}:role/EnvironmentManager`],
    });
    const prod = clientsWith(
      t.sim.endpoint,
      await assumeRole(t.sim.endpoint, `arn:aws:iam::${PROD}:role/EnvironmentManager`, {
        accessKeyId: 'AKIDSIM',
        secretAccessKey: 'sim-secret',
      }),
    );
    try {
      const image = (await prod.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images![0]!
        .ImageId!;
      await prod.ec2.send(
        new CreateLaunchTemplateCommand({
          LaunchTemplateName: 'prod-evt',
          LaunchTemplateData: { ImageId: image },
        }),
      );
      await prod.autoScaling.send(
        new CreateAutoScalingGroupCommand({
          AutoScalingGroupName: 'prod-web',
          LaunchTemplate: { LaunchTemplateName: 'prod-evt', Version: '$Latest' },
          MinSize: 0,
          MaxSize: 2,
          DesiredCapacity: 1,
          AvailabilityZones: ['eu-west-1a'],
        }),
      );
    } finally {
      prod.destroy();
    }
    const deadline = Date.now() + 20_000;
    let event: any;
    while (!event) {
      if (Date.now() > deadline) throw new Error("the prod account's launch event did not come");
      const r = await t.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }));
      event = r.Messages?.map((m) => JSON.parse(m.Body!)).find(
        (e) => e.detail.AutoScalingGroupName === 'prod-web',
      );
    }
    expect(event.account).toBe(PROD);
    expect(event['detail-type']).toBe('EC2 Instance Launch Successful');
    expect(event.resources[0]).toContain(`:${PROD}:autoScalingGroup:`);
  });

  it('refuses a pattern with a content filter, a scheduled rule and a target that is not a queue', async () => {
    const filter = await fail(
      t.events.send(
        new PutRuleCommand({
          Name: 'prefix',
          EventPattern: JSON.stringify({ source: [{ prefix: 'aws.' }] }),
        }),
      ),
    );
    expect(filter.name).toBe('InvalidEventPatternException');
    expect(filter.message).toContain('exact values');
    const scheduled = await fail(
      t.events.send(new PutRuleCommand({ Name: 'cron', ScheduleExpression: 'rate(5 minutes)' })),
    );
    expect(scheduled.name).toBe('ValidationException');
    await t.events.send(new PutRuleCommand({ Name: 'lambda', EventPattern: '{"source":["aws.ec2"]}' }));
    const put = await t.events.send(
      new PutTargetsCommand({
        Rule: 'lambda',
        Targets: [{ Id: 'fn', Arn: 'arn:aws:lambda:eu-west-1:123456789012:function:f' }],
      }),
    );
    expect(put.FailedEntryCount).toBe(1);
    expect(put.FailedEntries![0]!.ErrorMessage).toContain('SQS');
    const unknown = await fail(t.events.send(new ListTargetsByRuleCommand({ Rule: 'nope' })));
    expect(unknown.name).toBe('ResourceNotFoundException');
  });
});
