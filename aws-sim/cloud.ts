import type { SimClock } from './clock';
import type { Faults } from './faults';
import type { QueryParams } from './protocol/query-params';
import type { Protocol } from './protocol/responses';
import type { XmlValue } from './protocol/xml';

/** The services aws-sim speaks, named as in the SigV4 credential scope. */
export type ServiceName = 'ec2' | 'autoscaling' | 'elasticloadbalancing';

/** The services aws-sim speaks in AWS's JSON protocol (`X-Amz-Target`), named as in the credential scope. */
export type JsonServiceName = 'sqs' | 'events';

/** What a JSON action is given besides its input: the host the request was sent to (SQS's queue URLs name it). */
export interface JsonRequest {
  readonly host: string;
}

/**
 * One JSON-protocol service: the `X-Amz-Target` prefix of its actions, its JSON version, the namespace
 * of its error types and its action handlers (which throw AwsError to refuse).
 */
export interface JsonServiceDefinition {
  readonly name: JsonServiceName;
  readonly targetPrefix: string;
  readonly jsonVersion: '1.0' | '1.1';
  /** Prefixed to an error's code in `__type` (`com.amazonaws.sqs#`), or empty. */
  readonly errorNamespace: string;
  readonly actions: Readonly<
    Record<string, (input: Record<string, unknown>, request: JsonRequest) => unknown | Promise<unknown>>
  >;
}

/** An event as EventBridge carries it (the envelope's `version`, `id`, `account`, `time`, `region` added on put). */
export interface BusEvent {
  readonly source: string;
  readonly detailType: string;
  readonly resources: readonly string[];
  readonly detail: Readonly<Record<string, unknown>>;
}

/** What the services of an account send events to: the account's default event bus. */
export interface EventBusApi {
  put(event: BusEvent): void;
}

/** What EventBridge delivers to: a queue of any account the sim keeps, by ARN. */
export interface QueueApi {
  /** Sends a message to the queue with this ARN; false when no such queue exists. */
  sendTo(queueArn: string, body: string): boolean;
}

/** One service: its protocol, XML namespace and action handlers (which throw AwsError to refuse). */
export interface ServiceDefinition {
  readonly name: ServiceName;
  readonly protocol: Protocol;
  readonly namespace: string;
  readonly actions: Readonly<Record<string, (params: QueryParams) => XmlValue | Promise<XmlValue>>>;
}

/** What an instance runs, from its launch template version's user data (see README: aws-sim). */
export interface InstancePayload {
  readonly services: readonly { readonly name: string; readonly version: string }[];
  /** The health check path the instance answers on (default `/health`). */
  readonly healthPath: string;
}

/** The launch template version an instance or ASG refers to. */
export interface LaunchTemplateRef {
  readonly launchTemplateId: string;
  readonly launchTemplateName: string;
  /** A resolved version number. */
  readonly version: number;
}

/** EC2 instance states. */
export type InstanceState = 'pending' | 'running' | 'shutting-down' | 'terminated';

/** An EC2 instance as the other simulated services see it. */
export interface SimInstance {
  readonly instanceId: string;
  readonly imageId: string;
  readonly instanceType: string;
  readonly availabilityZone: string;
  readonly launchTime: string;
  readonly launchTemplate?: LaunchTemplateRef;
  readonly payload: InstancePayload;
  readonly tags: Readonly<Record<string, string>>;
  readonly privateIpAddress: string;
  state: InstanceState;
  /** The loopback port of the instance's live HTTP server while it runs. */
  localPort?: number;
}

/** What Auto Scaling needs from EC2. */
export interface Ec2Api {
  /** The availability zones of the region. */
  availabilityZones(): readonly string[];
  /**
   * Resolves a launch template by id or name and version (`$Latest`, `$Default` or a number); throws the
   * AwsError EC2 would (`InvalidLaunchTemplateName.NotFoundException`, ...).
   */
  resolveLaunchTemplate(ref: { id?: string; name?: string; version?: string }): LaunchTemplateRef;
  /**
   * Launches an instance (state pending; it boots after the boot delay, or fails to). Throws
   * AwsError('InsufficientInstanceCapacity') when the zone has no capacity.
   */
  launch(options: {
    template: LaunchTemplateRef;
    availabilityZone: string;
    tags: Record<string, string>;
  }): SimInstance;
  /** Starts terminating an instance (shutting-down, then terminated; its server stops). */
  terminate(instanceId: string): void;
  instance(instanceId: string): SimInstance | undefined;
  /** Calls `listener` after each change of an instance's state (booted, failed to boot, shutting down, gone). */
  onStateChange(listener: (instance: SimInstance) => void): void;
}

/** Target health states as ELBv2 reports them. */
export type TargetHealthState = 'initial' | 'healthy' | 'unhealthy' | 'unused' | 'draining' | 'unavailable';

/** What Auto Scaling needs from ELBv2. */
export interface ElbApi {
  targetGroupExists(targetGroupArn: string): boolean;
  /** Registers instances (on the target group's port). */
  register(targetGroupArn: string, instanceIds: readonly string[]): void;
  /** Deregisters instances: they drain for the deregistration delay, then go. */
  deregister(targetGroupArn: string, instanceIds: readonly string[]): void;
  /** The instance's state in the target group, if registered. */
  health(targetGroupArn: string, instanceId: string): TargetHealthState | undefined;
  /** Calls `listener` when a deregistered target has drained and left its group. */
  onDrained(listener: (targetGroupArn: string, instanceId: string) => void): void;
}

/** Everything a simulated service of one account works with (the clock and the faults are every account's). */
export interface Cloud {
  readonly region: string;
  /** The account whose resources these are (in their ARNs and owner ids). */
  readonly accountId: string;
  readonly clock: SimClock;
  readonly faults: Faults;
  /** Set once the services are created (they refer to each other). */
  ec2: Ec2Api;
  elb: ElbApi;
  /** The account's default event bus (Auto Scaling's lifecycle events go there). */
  events: EventBusApi;
  /** Every account's queues, by ARN (EventBridge's targets). */
  readonly queues: QueueApi;
  /** Marks the state changed (it is saved soon after, when a data directory is set). */
  changed(): void;
  /** Counts `changed()` calls: what is derived from the state (a listener's routing table) is kept per revision. */
  readonly revision: number;
  /** A new resource id such as `i-0a1b2c3d4e5f67890`. */
  newId(prefix: string, hexDigits?: number): string;
}

/** What every simulated service does besides answering: saved and restored, started and stopped. */
export interface ModuleLifecycle {
  /** The module's state as JSON-able data. */
  snapshot(): unknown;
  /** Restores saved state (before start): running instances come back up, listeners listen again. */
  restore(data: unknown): Promise<void>;
  /** Starts background work (reconcilers, health checks). */
  start(): Promise<void>;
  /** Stops servers and timers. */
  stop(): Promise<void>;
  /** What `/_sim/...` shows of the module (instances with their local URLs, listeners with theirs). */
  local(): Record<string, unknown>;
}

/** A simulated query-protocol service with its state: served on the wire, saved and restored, started and stopped. */
export interface SimModule extends ServiceDefinition, ModuleLifecycle {}

/** A simulated JSON-protocol service with its state. */
export interface JsonModule extends JsonServiceDefinition, ModuleLifecycle {}
