import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { z } from 'zod';
import { createEventBridgeClient, createSqsClient, createStsClient } from './aws-clients';
import { parseReply } from './aws-reply';

/** The events a deployment waits on: an instance of a group came into service, failed to, or went. */
export const FLEET_EVENT_PATTERN = {
  source: ['aws.autoscaling'],
  'detail-type': [
    'EC2 Instance Launch Successful',
    'EC2 Instance Launch Unsuccessful',
    'EC2 Instance Terminate Successful',
    'EC2 Instance Terminate Unsuccessful',
  ],
};

/**
 * Makes (or finds) an SQS queue and an EventBridge rule on the account's default bus that sends it Auto
 * Scaling's lifecycle events, and answers the queue's URL: what the sandbox and the benchmarks do in
 * aws-sim, and what an operator does once per account on AWS (README: fleet events). `alsoFrom`: roles
 * of other accounts, assumed to put the same rule there, sending their events to this queue.
 */
export async function ensureFleetEventQueue(
  region: string,
  endpoint: string | undefined,
  options: { name?: string; alsoFrom?: readonly string[] } = {},
): Promise<string> {
  const name = options.name ?? 'environment-manager-fleet-events';
  const sqs = createSqsClient(region, endpoint);
  const events = createEventBridgeClient(region, endpoint);
  try {
    const { QueueUrl } = parseReply(
      z.object({ QueueUrl: z.string().min(1) }),
      'CreateQueue',
      await sqs.send(new CreateQueueCommand({ QueueName: name })),
    );
    const { Attributes } = parseReply(
      z.object({ Attributes: z.object({ QueueArn: z.string().min(1) }) }),
      'GetQueueAttributes',
      await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] })),
    );
    await putRule(events, name, Attributes.QueueArn);
    for (const roleArn of options.alsoFrom ?? []) {
      const other = await eventsOfRole(region, endpoint, roleArn);
      try {
        await putRule(other, name, Attributes.QueueArn);
      } finally {
        other.destroy();
      }
    }
    return QueueUrl;
  } finally {
    sqs.destroy();
    events.destroy();
  }
}

/** Puts the rule (or changes it to this pattern) with the queue as its target. */
async function putRule(events: EventBridgeClient, name: string, queueArn: string): Promise<void> {
  await events.send(new PutRuleCommand({ Name: name, EventPattern: JSON.stringify(FLEET_EVENT_PATTERN) }));
  const put = parseReply(
    z.object({ FailedEntryCount: z.number() }),
    'PutTargets',
    await events.send(
      new PutTargetsCommand({ Rule: name, Targets: [{ Id: 'environment-manager', Arn: queueArn }] }),
    ),
  );
  if (put.FailedEntryCount)
    throw new Error(`the rule ${name} did not take the queue ${queueArn} as its target`);
}

/** An EventBridge client of another account, with a role of it assumed by the portal's own credentials. */
async function eventsOfRole(
  region: string,
  endpoint: string | undefined,
  roleArn: string,
): Promise<EventBridgeClient> {
  const sts = createStsClient(region, endpoint);
  try {
    const { Credentials: c } = parseReply(
      z.object({
        Credentials: z.object({
          AccessKeyId: z.string(),
          SecretAccessKey: z.string(),
          SessionToken: z.string(),
        }),
      }),
      'AssumeRole',
      await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'environment-manager' })),
    );
    return new EventBridgeClient({
      region,
      endpoint,
      credentials: {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
      },
    });
  } finally {
    sts.destroy();
  }
}
