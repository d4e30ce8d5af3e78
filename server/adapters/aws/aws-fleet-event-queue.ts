import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import type { FleetEvent, FleetEventSource } from '../../fleet/fleet-events';
import type { Logger } from '../../logger';
import { parseReply } from './aws-reply';

/** The long poll of each receive, in (AWS) seconds: SQS's most. */
const WAIT_SECONDS = 20;

const Received = z.object({
  Messages: z
    .array(z.object({ ReceiptHandle: z.string().min(1), Body: z.string(), MessageId: z.string() }))
    .optional(),
});

const Deleted = z.object({
  Failed: z.array(z.object({ Id: z.string(), Message: z.string().optional() })).optional(),
});

/** The part of an EventBridge event of Auto Scaling the portal reads. */
const AutoScalingEvent = z.object({
  source: z.literal('aws.autoscaling'),
  'detail-type': z.string().min(1),
  account: z.string().min(1),
  detail: z.object({ AutoScalingGroupName: z.string().min(1) }),
});

/**
 * Auto Scaling's lifecycle events from an SQS queue that an EventBridge rule fills (see README: fleet
 * events): each receive long-polls, parses every message, deletes what it received (an event is a hint
 * to look, not work to redo) and answers the events of Auto Scaling groups. A message that is not one is
 * logged and dropped, so it cannot come back forever.
 */
export class AwsFleetEventQueue implements FleetEventSource {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
    private readonly logger: Logger,
  ) {}

  async receive(signal: AbortSignal): Promise<readonly FleetEvent[]> {
    const reply = parseReply(
      Received,
      'ReceiveMessage',
      await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: this.queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: WAIT_SECONDS,
        }),
        { abortSignal: signal },
      ),
    );
    const messages = reply.Messages ?? [];
    if (!messages.length) return [];
    const events: FleetEvent[] = [];
    for (const m of messages) {
      const event = parseBody(m.Body);
      if (event) events.push(event);
      else
        this.logger.warn('a message of the fleet events queue is not an Auto Scaling event: dropped', {
          messageId: m.MessageId,
        });
    }
    const deleted = parseReply(
      Deleted,
      'DeleteMessageBatch',
      await this.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
        }),
      ),
    );
    if (deleted.Failed?.length)
      this.logger.warn('fleet events not deleted from their queue (they come again)', {
        count: deleted.Failed.length,
      });
    return events;
  }
}

function parseBody(body: string): FleetEvent | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = AutoScalingEvent.safeParse(json);
  if (!parsed.success) return undefined;
  return {
    group: parsed.data.detail.AutoScalingGroupName,
    account: parsed.data.account,
    kind: parsed.data['detail-type'],
  };
}
