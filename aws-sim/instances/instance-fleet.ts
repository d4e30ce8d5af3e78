import { z } from 'zod';
import type { Cloud, LaunchTemplateRef, SimInstance } from '../cloud';
import { AwsError } from '../protocol/aws-error';
import type { TemplateData } from '../ec2/launch-template-record';
import { decodePayload } from './instance-payload';
import { InstanceHost } from './instance-host';
import { InstanceRecord } from './instance-record';
import type { InstanceServer } from './instance-server';

/** AWS seconds an instance takes to boot (times `faults.bootDelayFactor`). */
const BOOT_SECONDS = 20;
/** AWS seconds an instance spends shutting down. */
const SHUTDOWN_SECONDS = 2;
/** AWS seconds a terminated instance stays visible in DescribeInstances. */
const TERMINATED_VISIBLE_SECONDS = 3600;

/** What to launch: a resolved template version, a zone and the caller's tags. */
export interface LaunchOptions {
  readonly template: LaunchTemplateRef;
  readonly availabilityZone: string;
  readonly tags: Record<string, string>;
}

/**
 * The region's instances through their lifecycle: pending for the boot delay, then a live HTTP server on a
 * loopback port (or a failed boot), shutting down, terminated, and forgotten an hour later.
 */
export class InstanceFleet {
  private readonly records = new Map<string, InstanceRecord>();
  private readonly servers = new Map<string, InstanceServer>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly host = new InstanceHost();
  private readonly stateListeners: ((instance: SimInstance) => void)[] = [];
  private stopped = false;

  constructor(
    private readonly cloud: Cloud,
    private readonly zones: readonly string[],
    private readonly templateData: (ref: LaunchTemplateRef) => TemplateData | undefined,
  ) {
    cloud.faults.onUnhealthy((marks) => this.host.setUnhealthy(marks));
  }

  /** Launches an instance in state pending; it boots (or fails to) after the boot delay. */
  launch(options: LaunchOptions): SimInstance {
    const { template, availabilityZone } = options;
    const data = this.templateData(template);
    if (!data) {
      throw new AwsError(
        'InvalidLaunchTemplateId.VersionNotFound',
        `Could not find the specified version ${template.version} for the launch template with ID ${template.launchTemplateId}.`,
      );
    }
    if (!data.imageId)
      throw new AwsError('MissingParameter', 'The request must contain the parameter ImageId');
    if (!this.zones.includes(availabilityZone)) {
      throw new AwsError('InvalidParameterValue', `Invalid availability zone: [${availabilityZone}]`);
    }
    const instanceType = data.instanceType ?? 'm1.small';
    if (this.cloud.faults.zonesWithoutCapacity.has(availabilityZone)) {
      const others = this.zones.filter((z) => z !== availabilityZone).join(', ');
      throw new AwsError(
        'InsufficientInstanceCapacity',
        `We currently do not have sufficient ${instanceType} capacity in the Availability Zone you requested (${availabilityZone}). Our system will be working on provisioning additional capacity. You can currently get ${instanceType} capacity by not specifying an Availability Zone in your request or choosing ${others}.`,
        500,
        'Receiver',
      );
    }
    const templateTags = data.tagSpecifications
      .filter((s) => s.resourceType === 'instance')
      .reduce<Record<string, string>>((all, s) => ({ ...all, ...s.tags }), {});
    const record: InstanceRecord = {
      instance: {
        instanceId: this.cloud.newId('i'),
        imageId: data.imageId,
        instanceType,
        availabilityZone,
        launchTime: new Date().toISOString().replace(/\.\d{3}Z$/, '.000Z'),
        launchTemplate: { ...template },
        payload: decodePayload(data.userData),
        // EC2 tags instances launched from a template with the template id and version
        tags: {
          ...templateTags,
          'aws:ec2launchtemplate:id': template.launchTemplateId,
          'aws:ec2launchtemplate:version': String(template.version),
          ...options.tags,
        },
        privateIpAddress: this.freeAddress(),
        state: 'pending',
      },
      reservationId: this.cloud.newId('r'),
    };
    this.records.set(record.instance.instanceId, record);
    this.scheduleBoot(record);
    this.cloud.changed();
    return record.instance;
  }

  /** Starts shutting an instance down: its server stops taking connections at once. */
  terminate(instanceId: string): void {
    const r = this.records.get(instanceId);
    if (!r || r.instance.state === 'shutting-down' || r.instance.state === 'terminated') return;
    this.cancelTimer(instanceId);
    r.instance.state = 'shutting-down';
    r.stateTransitionReason = `User initiated (${gmt(new Date())})`;
    r.stateReason = {
      code: 'Client.UserInitiatedShutdown',
      message: 'Client.UserInitiatedShutdown: User initiated shutdown',
    };
    this.servers.get(instanceId)?.close();
    r.instance.localPort = undefined;
    this.timers.set(
      instanceId,
      this.cloud.clock.after(SHUTDOWN_SECONDS, () => this.markTerminated(r)),
    );
    this.stateChanged(r);
  }

  /** Calls `listener` after each change of an instance's state. */
  onStateChange(listener: (instance: SimInstance) => void): void {
    this.stateListeners.push(listener);
  }

  /** An instance still visible to DescribeInstances. */
  instance(instanceId: string): SimInstance | undefined {
    return this.records.get(instanceId)?.instance;
  }

  /** The record of an instance still visible to DescribeInstances. */
  record(instanceId: string): InstanceRecord | undefined {
    return this.records.get(instanceId);
  }

  /** Every visible instance, in launch order. */
  all(): InstanceRecord[] {
    return [...this.records.values()];
  }

  /** Adds or overwrites tags. */
  tag(instanceId: string, tags: Record<string, string>): void {
    const r = this.records.get(instanceId);
    if (!r) return;
    Object.assign(r.instance.tags, tags);
    this.cloud.changed();
  }

  /** Removes tags by key (only when the value matches, if one is given). */
  untag(instanceId: string, tags: Record<string, string | undefined>): void {
    const r = this.records.get(instanceId);
    if (!r) return;
    for (const [key, value] of Object.entries(tags))
      if (value === undefined || r.instance.tags[key] === value) delete r.instance.tags[key];
    this.cloud.changed();
  }

  /** The instances to save (ports are not: servers start afresh on restore). */
  snapshot(): InstanceRecord[] {
    return this.all().map((r) => ({ ...r, instance: { ...r.instance, localPort: undefined } }));
  }

  /** Restores instances: running ones get new servers, pending ones boot, shutting-down ones terminate. */
  async restore(data: unknown): Promise<void> {
    for (const r of z.array(InstanceRecord).parse(data)) {
      this.records.set(r.instance.instanceId, r);
      switch (r.instance.state) {
        case 'pending':
          this.scheduleBoot(r);
          break;
        case 'running':
          await this.serve(r);
          break;
        case 'shutting-down':
          this.timers.set(
            r.instance.instanceId,
            this.cloud.clock.after(SHUTDOWN_SECONDS, () => this.markTerminated(r)),
          );
          break;
        case 'terminated':
          this.scheduleRemoval(r);
      }
    }
  }

  /** Gets the instance thread going (it takes a moment), so boots take their boot delay and no more. */
  start(): void {
    this.host.warm();
  }

  /** Resolves once the servers of instances terminated so far have stopped taking connections. */
  settled(): Promise<void> {
    return this.host.flush();
  }

  /** Closes every server and cancels every timer. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const id of [...this.timers.keys()]) this.cancelTimer(id);
    this.servers.clear();
    await this.host.stop();
  }

  private scheduleBoot(r: InstanceRecord): void {
    const id = r.instance.instanceId;
    this.timers.set(
      id,
      this.cloud.clock.after(BOOT_SECONDS * this.cloud.faults.bootDelayFactor, () => {
        this.timers.delete(id);
        void this.boot(r);
      }),
    );
  }

  private async boot(r: InstanceRecord): Promise<void> {
    if (r.instance.state !== 'pending' || this.stopped) return;
    if (Math.random() < this.cloud.faults.bootFailureRate) {
      r.stateReason = {
        code: 'Server.InternalError',
        message: 'Server.InternalError: Internal error on launch',
      };
      r.stateTransitionReason = 'Server.InternalError: Internal error on launch';
      this.markTerminated(r);
      return;
    }
    await this.serve(r);
  }

  /** Starts the instance's server and marks it running (unless it was terminated meanwhile). */
  private async serve(r: InstanceRecord): Promise<void> {
    let server: InstanceServer;
    try {
      server = await this.host.start(r.instance);
    } catch (e) {
      // the host stopped with aws-sim; anything else is a bug worth seeing
      if (!this.stopped)
        process.stderr.write(`aws-sim: ${r.instance.instanceId} did not start: ${String(e)}\n`);
      return;
    }
    const { state } = r.instance;
    if (this.stopped || (state !== 'pending' && state !== 'running')) {
      server.closeAll();
      return;
    }
    this.servers.set(r.instance.instanceId, server);
    r.instance.localPort = server.port;
    r.instance.state = 'running';
    this.stateChanged(r);
  }

  private markTerminated(r: InstanceRecord): void {
    const id = r.instance.instanceId;
    this.timers.delete(id);
    r.instance.state = 'terminated';
    r.instance.localPort = undefined;
    this.servers.get(id)?.closeAll();
    this.servers.delete(id);
    this.stateChanged(r);
    this.scheduleRemoval(r);
  }

  private stateChanged(r: InstanceRecord): void {
    this.cloud.changed();
    for (const listener of this.stateListeners) listener(r.instance);
  }

  private scheduleRemoval(r: InstanceRecord): void {
    const id = r.instance.instanceId;
    this.timers.set(
      id,
      this.cloud.clock.after(TERMINATED_VISIBLE_SECONDS, () => {
        this.timers.delete(id);
        this.records.delete(id);
        this.cloud.changed();
      }),
    );
  }

  private cancelTimer(id: string): void {
    const t = this.timers.get(id);
    if (t) this.cloud.clock.cancel(t);
    this.timers.delete(id);
  }

  private freeAddress(): string {
    const used = new Set(this.all().map((r) => r.instance.privateIpAddress));
    for (;;) {
      const ip = `10.0.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;
      if (!used.has(ip)) return ip;
    }
  }
}

/** EC2's timestamp in state transition reasons (`2026-11-27 09:53:26 GMT`). */
function gmt(d: Date): string {
  return d
    .toISOString()
    .replace(/\.\d{3}Z$/, ' GMT')
    .replace('T', ' ');
}
