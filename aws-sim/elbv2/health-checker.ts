import http from 'node:http';
import type { Cloud } from '../cloud';
import type { FailureReason, TargetGroupRecord, TargetRecord } from './elbv2-model';

/** Whether an HTTP status matches a matcher such as `200`, `200,202` or `200-299`. */
export function matchesHttpCode(status: number, matcher: string): boolean {
  return matcher.split(',').some((part) => {
    const [low, high] = part.trim().split('-').map(Number);
    return high === undefined ? status === low : status >= low! && status <= high;
  });
}

type CheckResult = { ok: true } | { ok: false; failure: FailureReason };

/**
 * Health checks, one chain of timers per registered target: the first check soon after registration,
 * then one every interval; a target turns healthy after HealthyThresholdCount consecutive passes and
 * unhealthy after UnhealthyThresholdCount consecutive failures.
 */
export class HealthChecker {
  private readonly timers = new Map<TargetRecord, NodeJS.Timeout>();

  constructor(
    private readonly cloud: Cloud,
    /** Whether a listener routes to the group: ELB checks only targets it could send traffic to. */
    private readonly isInUse: (group: TargetGroupRecord) => boolean,
  ) {}

  /** Starts checking a target (again). */
  watch(group: TargetGroupRecord, target: TargetRecord): void {
    this.unwatch(target);
    this.schedule(group, target, Math.min(1, group.healthCheck.intervalSeconds));
  }

  unwatch(target: TargetRecord): void {
    const t = this.timers.get(target);
    if (t) this.cloud.clock.cancel(t);
    this.timers.delete(target);
  }

  stop(): void {
    for (const t of this.timers.values()) this.cloud.clock.cancel(t);
    this.timers.clear();
  }

  private schedule(group: TargetGroupRecord, target: TargetRecord, seconds: number): void {
    const timer = this.cloud.clock.after(seconds, () => {
      if (!this.isInUse(group)) {
        // unused: nothing is checked, and attaching the group later starts from initial, as on AWS
        this.restart(target);
        return this.schedule(group, target, group.healthCheck.intervalSeconds);
      }
      void this.check(group, target).then((result) => {
        // the target may have been deregistered (or the checker stopped) while the check ran
        if (this.timers.get(target) !== timer || !group.targets.includes(target)) return;
        if (target.phase === 'draining') return void this.timers.delete(target);
        this.record(group, target, result);
        this.schedule(group, target, group.healthCheck.intervalSeconds);
      });
    });
    this.timers.set(target, timer);
  }

  private restart(target: TargetRecord): void {
    if (target.phase !== 'initial' || target.checked) this.cloud.changed();
    Object.assign(target, { phase: 'initial', checked: false, passes: 0, failures: 0, failure: undefined });
  }

  private record(group: TargetGroupRecord, target: TargetRecord, result: CheckResult): void {
    const before = target.phase;
    target.checked = true;
    if (result.ok) {
      target.passes += 1;
      target.failures = 0;
      if (target.passes >= group.healthCheck.healthyThresholdCount) {
        target.phase = 'healthy';
        target.failure = undefined;
      }
    } else {
      target.failures += 1;
      target.passes = 0;
      target.failure = result.failure;
      if (target.failures >= group.healthCheck.unhealthyThresholdCount) target.phase = 'unhealthy';
    }
    if (target.phase !== before) this.cloud.changed();
  }

  private check(group: TargetGroupRecord, target: TargetRecord): Promise<CheckResult> {
    const failed: CheckResult = {
      ok: false,
      failure: { code: 'Target.FailedHealthChecks', description: 'Health checks failed' },
    };
    const instance = this.cloud.ec2.instance(target.id);
    if (!group.healthCheck.enabled) return Promise.resolve({ ok: true });
    if (instance?.state !== 'running' || instance.localPort === undefined) return Promise.resolve(failed);
    const hc = group.healthCheck;
    return new Promise((resolve) => {
      const req = http.get(
        {
          host: '127.0.0.1',
          port: instance.localPort,
          path: hc.path,
          agent: false,
          timeout: this.cloud.clock.ms(hc.timeoutSeconds),
        },
        (res) => {
          res.resume();
          const status = res.statusCode ?? 0;
          resolve(
            matchesHttpCode(status, hc.httpCode)
              ? { ok: true }
              : {
                  ok: false,
                  failure: {
                    code: 'Target.ResponseCodeMismatch',
                    description: `Health checks failed with these codes: [${status}]`,
                  },
                },
          );
        },
      );
      req.on('timeout', () => {
        req.destroy();
        resolve({ ok: false, failure: { code: 'Target.Timeout', description: 'Request timed out' } });
      });
      req.on('error', () => resolve(failed));
    });
  }
}
