import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import { createEventBridgeClient, createSqsClient, createStsClient } from './aws-clients';
import { parseReply } from './aws-reply';
import { AssumedRoleCredentials } from './assumed-role-credentials';

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
      // the other account's rule, put with its role, as the portal signs that account's calls
      const sts = createStsClient(region, endpoint);
      const other = createEventBridgeClient(
        region,
        endpoint,
        new AssumedRoleCredentials(sts, roleArn, 'environment-manager'),
      );
      try {
        await putRule(other, name, Attributes.QueueArn);
      } finally {
        other.destroy();
        sts.destroy();
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
