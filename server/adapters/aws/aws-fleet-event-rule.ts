import { PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import { createEventBridgeClient, createSqsClient } from './aws-clients';
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
 * aws-sim, and what an operator does once per account on AWS (README: fleet events).
 */
export async function ensureFleetEventQueue(
  region: string,
  endpoint: string | undefined,
  name = 'environment-manager-fleet-events',
): Promise<string> {
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
    await events.send(new PutRuleCommand({ Name: name, EventPattern: JSON.stringify(FLEET_EVENT_PATTERN) }));
    const put = parseReply(
      z.object({ FailedEntryCount: z.number() }),
      'PutTargets',
      await events.send(
        new PutTargetsCommand({
          Rule: name,
          Targets: [{ Id: 'environment-manager', Arn: Attributes.QueueArn }],
        }),
      ),
    );
    if (put.FailedEntryCount)
      throw new Error(`the rule ${name} did not take the queue ${Attributes.QueueArn} as its target`);
    return QueueUrl;
  } finally {
    sqs.destroy();
    events.destroy();
  }
}
