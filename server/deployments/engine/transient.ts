import { StaleVersionError } from '../../errors/domain-errors';

/** AWS error codes that mean "too fast": retried after a backoff. */
const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'SlowDown',
  'ProvisionedThroughputExceededException',
  'ResourceContention',
  'ResourceContentionFault',
  'TransactionConflictException',
]);

/** Node's and the SDK's network failures: the request may not have arrived, or its answer was lost. */
const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

interface ErrorFacts {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly $retryable?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
  readonly cause?: unknown;
}

/**
 * Whether an error is known to pass by itself, so that the step may be tried again: throttling, a 5xx
 * from AWS or DynamoDB, a network failure, a malformed reply (AwsReplyError), a stale write. Anything
 * else (a validation error, a refusal, a bug) fails the step at once.
 */
export function isTransient(e: unknown): boolean {
  if (e instanceof StaleVersionError) return true;
  if (typeof e !== 'object' || e === null) return false;
  const facts = e as ErrorFacts;
  const name = typeof facts.name === 'string' ? facts.name : '';
  const code = typeof facts.code === 'string' ? facts.code : '';
  if (name === 'AwsReplyError') return true;
  if (THROTTLING.has(name) || THROTTLING.has(code)) return true;
  if (NETWORK.has(name) || NETWORK.has(code)) return true;
  if (facts.$retryable !== undefined && facts.$retryable !== null) return true;
  const status = facts.$metadata?.httpStatusCode;
  if (typeof status === 'number' && status >= 500) return true;
  return facts.cause !== undefined && facts.cause !== e && isTransient(facts.cause);
}
