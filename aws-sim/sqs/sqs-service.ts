import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Cloud, JsonModule, JsonRequest } from '../cloud';
import { AwsError } from '../protocol/aws-error';
import { integerIn, listOf, optionalString, requiredString } from '../protocol/json-input';

/** SQS's defaults and limits (AWS seconds). */
const DEFAULT_VISIBILITY_SECONDS = 30;
const MAX_WAIT_SECONDS = 20;
const MAX_MESSAGES = 10;
const MAX_BATCH = 10;
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
/** A receipt handle as the sim writes them (24 random bytes, base64url). */
const RECEIPT = /^[A-Za-z0-9_-]{32}$/;

interface Message {
  readonly messageId: string;
  readonly body: string;
  readonly md5: string;
  readonly sentAt: number;
  /** Real ms (Date.now()) until which a receive has it hidden; 0 when visible. */
  hiddenUntil: number;
  receiveCount: number;
  firstReceivedAt?: number;
  /** The receipt handle of its latest receive (only that one deletes it). */
  receipt?: string;
}

interface Queue {
  readonly name: string;
  readonly arn: string;
  readonly createdAt: number;
  visibilitySeconds: number;
  waitSeconds: number;
  messages: Message[];
}

const SavedQueues = z.array(
  z.object({
    name: z.string(),
    arn: z.string(),
    createdAt: z.number(),
    visibilitySeconds: z.number(),
    waitSeconds: z.number(),
    messages: z.array(
      z.object({ messageId: z.string(), body: z.string(), sentAt: z.number(), receiveCount: z.number() }),
    ),
  }),
);

/** The account's SQS, with what EventBridge delivers through. */
export interface SqsModule extends JsonModule {
  /** Sends a message to the queue with this ARN; false when the account has no such queue. */
  sendTo(queueArn: string, body: string): boolean;
}

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

function nonExistent(): AwsError {
  return new AwsError('QueueDoesNotExist', 'The specified queue does not exist.');
}

/**
 * Standard SQS queues (no FIFO, no dead-letter queues, no encryption): create, look up, send, receive
 * with long polling and a visibility timeout on the sim's clock, delete singly or in batches. A queue's
 * URL is `http://<the host the request was sent to>/<account id>/<name>`, so the SDK's clients, which send
 * to the queue URL's host, reach the sim.
 */
export function createSqs(cloud: Cloud): SqsModule {
  const queues = new Map<string, Queue>();
  /** Whether the sim runs: a stop answers every long poll at once. */
  let running = false;
  /** Receives long-polling an empty queue, by queue name: each is told when a message may be there. */
  const waiters = new Map<string, Set<() => void>>();

  const urlOf = (q: Queue, request: JsonRequest) => `http://${request.host}/${cloud.accountId}/${q.name}`;

  /** The queue a QueueUrl names: its path must be `/<this account>/<name>`. */
  function queueAt(input: Record<string, unknown>): Queue {
    const url = requiredString(input, 'QueueUrl');
    let path: string;
    try {
      path = new URL(url).pathname;
    } catch {
      throw new AwsError('InvalidAddress', `The address ${url} is not valid for this endpoint.`);
    }
    const [, account, name] = path.split('/');
    const q = account === cloud.accountId && name ? queues.get(name) : undefined;
    if (!q) throw nonExistent();
    return q;
  }

  function wakeWaiters(q: Queue): void {
    const set = waiters.get(q.name);
    if (!set) return;
    waiters.delete(q.name);
    for (const wake of set) wake();
  }

  function send(q: Queue, body: string): Message {
    const m: Message = {
      messageId: randomUUID(),
      body,
      md5: md5(body),
      sentAt: Date.now(),
      hiddenUntil: 0,
      receiveCount: 0,
    };
    q.messages.push(m);
    cloud.changed();
    wakeWaiters(q);
    return m;
  }

  /** Takes up to `max` visible messages, hiding each for the visibility timeout. */
  function take(q: Queue, max: number, visibilitySeconds: number): Message[] {
    const now = Date.now();
    const taken = q.messages.filter((m) => m.hiddenUntil <= now).slice(0, max);
    const hideMs = cloud.clock.ms(visibilitySeconds);
    for (const m of taken) {
      m.hiddenUntil = now + hideMs;
      m.receiveCount += 1;
      m.firstReceivedAt ??= now;
      m.receipt = randomBytes(24).toString('base64url');
    }
    // a message seen again once its timeout ends: receives waiting then get it
    if (taken.length) cloud.clock.after(visibilitySeconds, () => wakeWaiters(q));
    return taken;
  }

  function attributesOf(m: Message, wanted: readonly string[]): Record<string, string> | undefined {
    const all: Record<string, string> = {
      SenderId: cloud.accountId,
      SentTimestamp: String(m.sentAt),
      ApproximateReceiveCount: String(m.receiveCount),
      ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt ?? m.sentAt),
    };
    return wanted.length ? selected(all, wanted) : undefined;
  }

  async function receive(input: Record<string, unknown>): Promise<unknown> {
    const q = queueAt(input);
    const max = integerIn(input, 'MaxNumberOfMessages', 1, MAX_MESSAGES) ?? 1;
    const wait = integerIn(input, 'WaitTimeSeconds', 0, MAX_WAIT_SECONDS) ?? q.waitSeconds;
    const visibility = integerIn(input, 'VisibilityTimeout', 0, 43_200) ?? q.visibilitySeconds;
    const wanted = [...listOf(input, 'AttributeNames'), ...listOf(input, 'MessageSystemAttributeNames')];
    let taken = take(q, max, visibility);
    if (!taken.length && wait > 0) {
      // a long poll: told of each message that may have come, until one does or the wait is over
      taken = await new Promise<Message[]>((resolve) => {
        const listen = () => waiters.set(q.name, (waiters.get(q.name) ?? new Set()).add(look));
        const timer = cloud.clock.after(wait, () => {
          waiters.get(q.name)?.delete(look);
          resolve([]);
        });
        const finish = (got: Message[]) => {
          cloud.clock.cancel(timer);
          resolve(got);
        };
        function look(): void {
          if (!running || !queues.has(q.name)) return finish([]);
          const got = take(q, max, visibility);
          if (got.length) finish(got);
          else listen();
        }
        listen();
      });
    }
    if (!taken.length) return {};
    return {
      Messages: taken.map((m) => {
        const attributes = attributesOf(m, wanted);
        return {
          MessageId: m.messageId,
          ReceiptHandle: m.receipt,
          MD5OfBody: m.md5,
          Body: m.body,
          ...(attributes ? { Attributes: attributes } : {}),
        };
      }),
    };
  }

  /**
   * Deletes the message a receipt handle is of. True also for a handle of the sim's shape that names no
   * message now (deleted already, or received again since): AWS answers those with success. False for a
   * handle it never gave out.
   */
  function deleteByReceipt(q: Queue, receipt: string): boolean {
    const i = q.messages.findIndex((m) => m.receipt === receipt);
    if (i < 0) return RECEIPT.test(receipt);
    q.messages.splice(i, 1);
    cloud.changed();
    return true;
  }

  function batchEntries(input: Record<string, unknown>): { Id: string; ReceiptHandle: string }[] {
    const entries = input['Entries'];
    if (!Array.isArray(entries) || !entries.length)
      throw new AwsError(
        'EmptyBatchRequest',
        'There should be at least one DeleteMessageBatchRequestEntry in the request.',
      );
    if (entries.length > MAX_BATCH)
      throw new AwsError(
        'TooManyEntriesInBatchRequest',
        `Maximum number of entries per request are ${MAX_BATCH}.`,
      );
    return entries.map((e, i) => {
      const entry = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
      return {
        Id: requiredString(entry, 'Id', `Entries.${i + 1}.Id`),
        ReceiptHandle: requiredString(entry, 'ReceiptHandle', `Entries.${i + 1}.ReceiptHandle`),
      };
    });
  }

  return {
    name: 'sqs',
    targetPrefix: 'AmazonSQS',
    jsonVersion: '1.0',
    errorNamespace: 'com.amazonaws.sqs#',
    actions: {
      CreateQueue(input, request) {
        const name = requiredString(input, 'QueueName');
        if (!QUEUE_NAME.test(name))
          throw new AwsError(
            'InvalidParameterValue',
            name.endsWith('.fifo')
              ? 'aws-sim keeps standard queues only, not FIFO ones.'
              : 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
          );
        const attributes = (input['Attributes'] ?? {}) as Record<string, unknown>;
        const visibilitySeconds =
          numberAttribute(attributes, 'VisibilityTimeout', 43_200) ?? DEFAULT_VISIBILITY_SECONDS;
        const waitSeconds =
          numberAttribute(attributes, 'ReceiveMessageWaitTimeSeconds', MAX_WAIT_SECONDS) ?? 0;
        const known = queues.get(name);
        if (known) {
          if (known.visibilitySeconds !== visibilitySeconds || known.waitSeconds !== waitSeconds)
            throw new AwsError(
              'QueueNameExists',
              'A queue already exists with the same name and a different value for attribute(s) VisibilityTimeout, ReceiveMessageWaitTimeSeconds',
            );
          return { QueueUrl: urlOf(known, request) };
        }
        const q: Queue = {
          name,
          arn: `arn:aws:sqs:${cloud.region}:${cloud.accountId}:${name}`,
          createdAt: Date.now(),
          visibilitySeconds,
          waitSeconds,
          messages: [],
        };
        queues.set(name, q);
        cloud.changed();
        return { QueueUrl: urlOf(q, request) };
      },
      GetQueueUrl(input, request) {
        const q = queues.get(requiredString(input, 'QueueName'));
        if (!q) throw nonExistent();
        return { QueueUrl: urlOf(q, request) };
      },
      ListQueues(input, request) {
        const prefix = optionalString(input, 'QueueNamePrefix') ?? '';
        return {
          QueueUrls: [...queues.values()]
            .filter((q) => q.name.startsWith(prefix))
            .map((q) => urlOf(q, request)),
        };
      },
      GetQueueAttributes(input) {
        const q = queueAt(input);
        const now = Date.now();
        const all: Record<string, string> = {
          QueueArn: q.arn,
          ApproximateNumberOfMessages: String(q.messages.filter((m) => m.hiddenUntil <= now).length),
          ApproximateNumberOfMessagesNotVisible: String(q.messages.filter((m) => m.hiddenUntil > now).length),
          VisibilityTimeout: String(q.visibilitySeconds),
          ReceiveMessageWaitTimeSeconds: String(q.waitSeconds),
          CreatedTimestamp: String(Math.floor(q.createdAt / 1000)),
        };
        return { Attributes: selected(all, listOf(input, 'AttributeNames')) };
      },
      DeleteQueue(input) {
        const q = queueAt(input);
        queues.delete(q.name);
        wakeWaiters(q);
        cloud.changed();
        return {};
      },
      PurgeQueue(input) {
        const q = queueAt(input);
        q.messages = [];
        cloud.changed();
        return {};
      },
      SendMessage(input) {
        const q = queueAt(input);
        const body = requiredString(input, 'MessageBody');
        const m = send(q, body);
        return { MessageId: m.messageId, MD5OfMessageBody: m.md5 };
      },
      ReceiveMessage: receive,
      DeleteMessage(input) {
        const q = queueAt(input);
        const receipt = requiredString(input, 'ReceiptHandle');
        if (!deleteByReceipt(q, receipt))
          throw new AwsError(
            'ReceiptHandleIsInvalid',
            `The input receipt handle "${receipt}" is not a valid receipt handle.`,
          );
        return {};
      },
      DeleteMessageBatch(input) {
        const q = queueAt(input);
        const entries = batchEntries(input);
        const Successful: { Id: string }[] = [];
        const Failed: { Id: string; Code: string; Message: string; SenderFault: boolean }[] = [];
        for (const e of entries) {
          if (deleteByReceipt(q, e.ReceiptHandle)) Successful.push({ Id: e.Id });
          else
            Failed.push({
              Id: e.Id,
              Code: 'ReceiptHandleIsInvalid',
              Message: 'The receipt handle is not valid.',
              SenderFault: true,
            });
        }
        return { Successful, Failed };
      },
    },
    sendTo(queueArn, body) {
      const q = [...queues.values()].find((x) => x.arn === queueArn);
      if (!q) return false;
      send(q, body);
      return true;
    },
    snapshot: () =>
      [...queues.values()].map((q) => ({
        name: q.name,
        arn: q.arn,
        createdAt: q.createdAt,
        visibilitySeconds: q.visibilitySeconds,
        waitSeconds: q.waitSeconds,
        messages: q.messages.map((m) => ({
          messageId: m.messageId,
          body: m.body,
          sentAt: m.sentAt,
          receiveCount: m.receiveCount,
        })),
      })),
    async restore(data) {
      for (const q of SavedQueues.parse(data))
        queues.set(q.name, {
          ...q,
          // a message received before the restart is visible again: its receive's handle is gone
          messages: q.messages.map((m) => ({ ...m, md5: md5(m.body), hiddenUntil: 0 })),
        });
    },
    async start() {
      running = true;
    },
    async stop() {
      running = false;
      // long polls under way answer at once (their timers go with the clock's)
      for (const q of queues.values()) wakeWaiters(q);
    },
    local: () => ({
      queues: [...queues.values()].map((q) => ({ name: q.name, arn: q.arn, messages: q.messages.length })),
    }),
  };
}

/** The attributes asked for (`All` for every one). */
function selected(all: Record<string, string>, wanted: readonly string[]): Record<string, string> {
  if (wanted.includes('All')) return all;
  return Object.fromEntries(Object.entries(all).filter(([k]) => wanted.includes(k)));
}

/** A queue attribute given as a number in text (`"30"`), within 0..max. */
function numberAttribute(attributes: Record<string, unknown>, name: string, max: number): number | undefined {
  const v = attributes[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || !Number.isInteger(n) || n < 0 || n > max)
    throw new AwsError('InvalidAttributeValue', `Invalid value for the parameter ${name}.`);
  return n;
}
