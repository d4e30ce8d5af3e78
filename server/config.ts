import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const Port = z.coerce.number().int().min(0).max(65535);

/** A comma-separated list of host names and IP addresses (an IPv6 one bare or in brackets); may be empty. */
const HostList = z
  .string()
  .max(4000)
  .transform((s) =>
    s
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter((h) => h !== ''),
  )
  .superRefine((hosts, ctx) => {
    for (const h of hosts) {
      if (!isIP(h.replace(/^\[(.*)\]$/, '$1')) && !z.regexes.domain.test(h) && !/^[a-z0-9-]{1,63}$/.test(h))
        ctx.addIssue({ code: 'custom', message: `"${h}" is not a host name or an IP address` });
    }
  });

const EnvSchema = z.object({
  PORT: Port.default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  EM_DATA_DIR: z.string().min(1).default('./data'),
  EM_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').max(256).optional(),
  EM_DYNAMODB_ENDPOINT: z.union([z.literal('aws'), z.url()], { error: 'must be "aws" or a URL' }).optional(),
  EM_AWS_ENDPOINT: z.union([z.literal('aws'), z.url()], { error: 'must be "aws" or a URL' }).optional(),
  EM_AWS_SIM_PORT: Port.default(4566),
  EM_SIM_MS_PER_SECOND: z.coerce.number().min(1).max(10_000).default(250),
  EM_DEMO_ESTATE: z.enum(['true', 'false']).default('true'),
  EM_ENGINE: z.enum(['on', 'off']).default('on'),
  EM_ENGINE_POLL_MS: z.coerce.number().int().min(10).max(60_000).optional(),
  /** The older name of EM_ENGINE_POLL_MS, still read. */
  EM_ENGINE_TICK_MS: z.coerce.number().int().min(10).max(60_000).optional(),
  EM_ENGINE_SCAN_MS: z.coerce.number().int().min(10).max(600_000).default(5_000),
  EM_ENGINE_LEASE_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  EM_FLEET_EVENTS_QUEUE_URL: z
    .union([z.literal('off'), z.url()], { error: 'must be "off" or an SQS queue URL' })
    .optional(),
  EM_SCHEDULER: z.enum(['on', 'off']).default('on'),
  EM_SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  EM_TABLE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{0,100}$/, 'may contain only letters, digits, "_", "." and "-"')
    .default('em-'),
  AWS_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-west-1')
    .default('eu-west-1'),
  EM_NOTIFY: z.enum(['on', 'off']).default('on'),
  EM_NOTIFY_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(1_000),
  EM_NOTIFY_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(5_000),
  EM_NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  EM_NOTIFY_BACKOFF_MS: z.coerce.number().int().min(1).max(3_600_000).default(5_000),
  EM_WEBHOOK_ALLOWED_HOSTS: HostList.default([]),
  EM_SESSION_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  EM_CATALOGUE_CACHE_MS: z.coerce.number().int().min(0).max(5_000).default(200),
  EM_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  EM_SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
  EM_TRUST_PROXY: z
    .string()
    .regex(
      /^[A-Za-z0-9.,:/ ]{1,500}$/,
      'must be an Express trust proxy setting such as "loopback" or "10.0.0.0/8"',
    )
    .default('loopback'),
});

/** The one typed configuration of a portal process, parsed from the environment at start-up. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly adminPassword: string | undefined;
  /** Where DynamoDB is: `local` starts DynamoDB Local under `dataDir`, `aws` is the region's endpoint. */
  readonly dynamoDb:
    | { readonly mode: 'local' }
    | { readonly mode: 'aws' }
    | { readonly mode: 'endpoint'; readonly url: string };
  /**
   * Where EC2, Auto Scaling and ELBv2 are: `sim` starts aws-sim in the portal process (the sandbox: the
   * default when DynamoDB is local too), `aws` is the region's real endpoints, `endpoint` a given URL.
   */
  readonly aws:
    | {
        readonly mode: 'sim';
        readonly port: number;
        readonly msPerSecond: number;
        readonly demoEstate: boolean;
      }
    | { readonly mode: 'aws' }
    | { readonly mode: 'endpoint'; readonly url: string };
  readonly tablePrefix: string;
  readonly region: string;
  readonly sessionHours: number;
  /**
   * How long this process answers catalogue lists (users, toggles, services...) without asking DynamoDB
   * whether they changed; every change waits as long before it returns, so that once it has returned
   * every process sees it (0: ask on every list, changes do not wait).
   */
  readonly catalogueCacheMs: number;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  readonly secureCookies: boolean;
  /**
   * The notification dispatcher of this process: off, or how often it looks at the outbox (the process
   * holding its lease delivers), how long a webhook may take, how many attempts it gets, the first
   * backoff (doubled after each failure, up to an hour), and the webhook hosts that may be internal
   * addresses (loopback, link-local, private...), which no other webhook may reach.
   */
  readonly notifications: {
    readonly enabled: boolean;
    readonly pollMs: number;
    readonly timeoutMs: number;
    readonly maxAttempts: number;
    readonly backoffMs: number;
    readonly allowedHosts: readonly string[];
  };
  /**
   * The deployment engine of this process: off, or how soon a step waiting on the fleet looks again, how
   * often it asks DynamoDB for deployments due that it does not hold, and how long its leases last.
   */
  readonly engine: {
    readonly enabled: boolean;
    readonly pollMs: number;
    readonly scanMs: number;
    readonly leaseMs: number;
  };
  /**
   * The SQS queue this process long-polls for Auto Scaling's lifecycle events (an EventBridge rule sends
   * them there): a deployment waiting on a group looks again as soon as the group changes, not at its
   * next poll. `off`: none. Unset: none, but for the sandbox, which makes one in aws-sim.
   */
  readonly fleetEventsQueueUrl: string | 'off' | undefined;
  /**
   * The on/off scheduler of this process: off, or how often it looks at the schedules (only the process
   * holding its lease acts; the lease lasts two intervals).
   */
  readonly scheduler: { readonly enabled: boolean; readonly intervalMs: number };
  /** Which proxies' X-Forwarded-For to believe for the client address (sign-in rate limits). */
  readonly trustProxy: string;
  readonly version: string;
}

/** Thrown when an environment variable has a wrong value; the message names it. */
export class ConfigError extends Error {}

/** Parses the environment into a frozen Config, or throws a ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, version = '0.0.0'): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const config: Config = {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.EM_DATA_DIR),
    adminPassword: e.EM_ADMIN_PASSWORD,
    dynamoDb:
      e.EM_DYNAMODB_ENDPOINT === undefined
        ? { mode: 'local' as const }
        : e.EM_DYNAMODB_ENDPOINT === 'aws'
          ? { mode: 'aws' as const }
          : { mode: 'endpoint' as const, url: e.EM_DYNAMODB_ENDPOINT },
    aws:
      e.EM_AWS_ENDPOINT === 'aws' || (e.EM_AWS_ENDPOINT === undefined && e.EM_DYNAMODB_ENDPOINT !== undefined)
        ? { mode: 'aws' as const }
        : e.EM_AWS_ENDPOINT === undefined
          ? {
              mode: 'sim' as const,
              port: e.EM_AWS_SIM_PORT,
              msPerSecond: e.EM_SIM_MS_PER_SECOND,
              demoEstate: e.EM_DEMO_ESTATE === 'true',
            }
          : { mode: 'endpoint' as const, url: e.EM_AWS_ENDPOINT },
    tablePrefix: e.EM_TABLE_PREFIX,
    region: e.AWS_REGION,
    sessionHours: e.EM_SESSION_HOURS,
    catalogueCacheMs: e.EM_CATALOGUE_CACHE_MS,
    logLevel: e.EM_LOG_LEVEL,
    secureCookies: e.EM_SECURE_COOKIES === 'true',
    notifications: {
      enabled: e.EM_NOTIFY === 'on',
      pollMs: e.EM_NOTIFY_POLL_MS,
      timeoutMs: e.EM_NOTIFY_TIMEOUT_MS,
      maxAttempts: e.EM_NOTIFY_MAX_ATTEMPTS,
      backoffMs: e.EM_NOTIFY_BACKOFF_MS,
      allowedHosts: Object.freeze(e.EM_WEBHOOK_ALLOWED_HOSTS),
    },
    trustProxy: e.EM_TRUST_PROXY,
    engine: {
      enabled: e.EM_ENGINE === 'on',
      pollMs: e.EM_ENGINE_POLL_MS ?? e.EM_ENGINE_TICK_MS ?? 2000,
      scanMs: e.EM_ENGINE_SCAN_MS,
      leaseMs: e.EM_ENGINE_LEASE_MS,
    },
    fleetEventsQueueUrl: e.EM_FLEET_EVENTS_QUEUE_URL,
    scheduler: { enabled: e.EM_SCHEDULER === 'on', intervalMs: e.EM_SCHEDULER_INTERVAL_MS },
    version,
  };
  return Object.freeze(config);
}
