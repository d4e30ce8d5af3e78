import type { Cloud } from '../cloud';
import { AwsError } from '../protocol/aws-error';
import type { TargetGroupRecord, TargetRecord } from './elbv2-model';
import { HealthChecker } from './health-checker';

/** Registered targets: registration (with health checks) and deregistration (draining, then gone). */
export class TargetRegistry {
  private readonly checker: HealthChecker;
  private readonly drains = new Map<TargetRecord, NodeJS.Timeout>();
  private readonly drainedListeners: ((targetGroupArn: string, instanceId: string) => void)[] = [];

  constructor(
    private readonly cloud: Cloud,
    isInUse: (group: TargetGroupRecord) => boolean,
  ) {
    this.checker = new HealthChecker(cloud, isInUse);
  }

  /**
   * Registers instances. `acceptPending` lets Auto Scaling register an instance that is still booting;
   * RegisterTargets on the wire wants running instances, as AWS does.
   */
  register(group: TargetGroupRecord, ids: readonly string[], options: { acceptPending: boolean }): void {
    const unknown = ids.filter((id) => !this.cloud.ec2.instance(id));
    if (unknown.length)
      throw new AwsError(
        'InvalidTarget',
        `The following targets are not valid instances: '${unknown.join("', '")}'`,
      );
    const notRunning = ids.filter((id) => {
      const state = this.cloud.ec2.instance(id)!.state;
      return !(state === 'running' || (options.acceptPending && state === 'pending'));
    });
    if (notRunning.length)
      throw new AwsError(
        'InvalidTarget',
        `The following targets are not in a running state and cannot be registered: '${notRunning.join("', '")}'`,
      );
    for (const id of new Set(ids)) {
      const existing = group.targets.find((t) => t.id === id);
      if (existing && existing.phase !== 'draining') continue;
      if (existing) this.remove(group, existing);
      const target: TargetRecord = {
        id,
        port: group.port,
        phase: 'initial',
        checked: false,
        passes: 0,
        failures: 0,
      };
      group.targets.push(target);
      this.checker.watch(group, target);
    }
    this.cloud.changed();
  }

  /** Deregisters instances: they get no new requests and go after the deregistration delay. */
  deregister(group: TargetGroupRecord, ids: readonly string[]): void {
    const delay = Number(group.attributes['deregistration_delay.timeout_seconds'] ?? '300');
    for (const target of group.targets.filter((t) => ids.includes(t.id) && t.phase !== 'draining')) {
      this.checker.unwatch(target);
      target.phase = 'draining';
      target.drainUntil = Date.now() + this.cloud.clock.ms(delay);
      this.scheduleRemoval(group, target);
    }
    this.cloud.changed();
  }

  /** Calls `listener` when a deregistered target has drained and left its group. */
  onDrained(listener: (targetGroupArn: string, instanceId: string) => void): void {
    this.drainedListeners.push(listener);
  }

  /** Removes every target of a group at once (DeleteTargetGroup). */
  forget(group: TargetGroupRecord): void {
    for (const target of [...group.targets]) this.remove(group, target);
  }

  /** Resumes checks and drains of restored state. */
  resume(groups: Iterable<TargetGroupRecord>): void {
    for (const group of groups)
      for (const target of group.targets) {
        if (target.phase === 'draining') this.scheduleRemoval(group, target);
        else this.checker.watch(group, target);
      }
  }

  /** Restarts the health checks of a group whose settings changed. */
  recheck(group: TargetGroupRecord): void {
    for (const target of group.targets) if (target.phase !== 'draining') this.checker.watch(group, target);
  }

  stop(): void {
    this.checker.stop();
    for (const t of this.drains.values()) this.cloud.clock.cancel(t);
    this.drains.clear();
  }

  private scheduleRemoval(group: TargetGroupRecord, target: TargetRecord): void {
    const remainingMs = Math.max(0, (target.drainUntil ?? 0) - Date.now());
    this.drains.set(
      target,
      this.cloud.clock.after(remainingMs / this.cloud.clock.msPerSecond, () => this.remove(group, target)),
    );
  }

  private remove(group: TargetGroupRecord, target: TargetRecord): void {
    this.checker.unwatch(target);
    const t = this.drains.get(target);
    if (t) this.cloud.clock.cancel(t);
    this.drains.delete(target);
    group.targets = group.targets.filter((x) => x !== target);
    this.cloud.changed();
    if (target.phase === 'draining')
      for (const listener of this.drainedListeners) listener(group.arn, target.id);
  }
}
