import type { Cloud } from '../cloud';
import type { AutoScalingStore } from './auto-scaling-store';
import type { InstanceLifecycle } from './instance-lifecycle';
import { nextRunAfter } from './schedule-actions';
import { advanceStandby } from './standby';
import { chooseInstanceToTerminate } from './termination-choice';
import type { GroupInstance, ScalingGroup } from './types';
import { rebalanceZone } from './zone-balance';

const isActive = (i: GroupInstance) => i.lifecycleState === 'InService' || i.lifecycleState === 'Pending';

/**
 * Brings every group towards its desired state, one small step per tick, as AWS documents: instances
 * booted come into service, unhealthy ones are replaced, the group scales out or in, zones are
 * rebalanced, and scheduled actions run. Each step returns rather than waits; the next tick goes on.
 */
export class Reconciler {
  constructor(
    private readonly cloud: Cloud,
    private readonly store: AutoScalingStore,
    private readonly lifecycle: InstanceLifecycle,
  ) {}

  tick(): void {
    this.runScheduledActions();
    for (const g of [...this.store.groups.values()]) {
      this.advanceInstances(g);
      this.checkHealth(g);
      this.replaceUnhealthy(g);
      this.scale(g);
      this.rebalance(g);
    }
  }

  private advanceInstances(g: ScalingGroup): void {
    for (const i of [...g.instances]) {
      if (i.lifecycleState === 'Terminating') this.lifecycle.advanceTermination(g, i);
      else if (i.lifecycleState === 'EnteringStandby') advanceStandby(this.cloud, this.store, i);
      else if (i.lifecycleState === 'Pending' && this.cloud.ec2.instance(i.instanceId)?.state === 'running')
        this.lifecycle.enterService(g, i);
    }
  }

  private checkHealth(g: ScalingGroup): void {
    if (this.store.isSuspended(g, 'HealthCheck')) return;
    const now = this.store.now();
    for (const i of g.instances.filter(isActive)) {
      if (i.healthStatus === 'Unhealthy') continue;
      const state = this.cloud.ec2.instance(i.instanceId)?.state;
      const ec2Failed = state !== 'pending' && state !== 'running';
      const inGrace = i.inServiceAt === undefined || now - i.inServiceAt < g.healthCheckGracePeriod * 1000;
      const elbFailed =
        g.healthCheckType === 'ELB' &&
        !inGrace &&
        i.registeredWith.some((arn) => this.cloud.elb.health(arn, i.instanceId) === 'unhealthy');
      if (ec2Failed || elbFailed) {
        i.healthStatus = 'Unhealthy';
        this.cloud.changed();
      }
    }
  }

  private replaceUnhealthy(g: ScalingGroup): void {
    if (this.store.isSuspended(g, 'ReplaceUnhealthy') || this.store.isSuspended(g, 'HealthCheck')) return;
    for (const i of g.instances.filter((x) => isActive(x) && x.healthStatus === 'Unhealthy')) {
      const state = this.cloud.ec2.instance(i.instanceId)?.state;
      const reason =
        state === 'pending' || state === 'running'
          ? 'an ELB system health check failure'
          : 'an EC2 health check indicating it has been terminated or stopped';
      this.lifecycle.startTermination(
        g,
        i,
        `At ${this.lifecycle.stamp()} an instance was taken out of service in response to ${reason}.`,
      );
    }
  }

  private scale(g: ScalingGroup): void {
    const active = g.instances.filter(isActive).length;
    if (active < g.desiredCapacity && !this.store.isSuspended(g, 'Launch')) {
      if ((g.launchBackoffUntil ?? 0) > this.store.now()) return;
      for (let n = active; n < g.desiredCapacity; n++) {
        const cause = `At ${this.lifecycle.stamp()} an instance was started in response to a difference between desired and actual capacity, increasing the capacity from ${n} to ${n + 1}.`;
        if (!this.lifecycle.launch(g, cause)) return;
      }
    } else if (active > g.desiredCapacity && !this.store.isSuspended(g, 'Terminate')) {
      // a rebalancing launch first comes into service; then scale-in takes from the largest zone
      if (g.instances.some((i) => i.rebalance && i.lifecycleState === 'Pending')) return;
      const current = this.currentTemplate(g);
      for (let n = active; n > g.desiredCapacity; n--) {
        const victim = chooseInstanceToTerminate(g.instances, {
          policies: g.terminationPolicies,
          current,
          now: this.store.now(),
        });
        if (!victim) return;
        victim.rebalance = undefined;
        this.lifecycle.startTermination(
          g,
          victim,
          `At ${this.lifecycle.stamp()} an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from ${n} to ${n - 1}.`,
        );
      }
    }
    for (const i of g.instances) if (i.rebalance && i.lifecycleState === 'InService') i.rebalance = undefined;
  }

  private rebalance(g: ScalingGroup): void {
    if (['AZRebalance', 'Launch', 'Terminate'].some((p) => this.store.isSuspended(g, p as 'Launch'))) return;
    const settled = g.instances.every(
      (i) => !['Pending', 'Terminating', 'EnteringStandby'].includes(i.lifecycleState),
    );
    if (!settled || g.instances.filter(isActive).length !== g.desiredCapacity) return;
    if ((g.launchBackoffUntil ?? 0) > this.store.now()) return;
    const zone = rebalanceZone(g.availabilityZones, g.instances);
    if (!zone) return;
    const cause = `At ${this.lifecycle.stamp()} an instance was launched to rebalance instances across Availability Zones.`;
    const launched = this.lifecycle.launch(g, cause, [zone]);
    if (launched) launched.rebalance = true;
  }

  private currentTemplate(g: ScalingGroup): { launchTemplateId: string; version: number } | undefined {
    try {
      const ref = this.cloud.ec2.resolveLaunchTemplate({
        id: g.launchTemplate.launchTemplateId,
        version: g.launchTemplate.version,
      });
      return { launchTemplateId: ref.launchTemplateId, version: ref.version };
    } catch {
      // the template was deleted: no instance counts as on the current one
      return undefined;
    }
  }

  private runScheduledActions(): void {
    const now = this.store.now();
    for (const a of [...this.store.scheduledActions]) {
      if (a.nextRun === undefined || a.nextRun > now) continue;
      const g = this.store.groups.get(a.groupName);
      if (g && !this.store.isSuspended(g, 'ScheduledActions')) this.apply(g, a);
      const next = nextRunAfter(a, now);
      if (next === undefined || (a.endTime !== undefined && next > now + (a.endTime - Date.now())))
        this.store.scheduledActions = this.store.scheduledActions.filter((s) => s !== a);
      else a.nextRun = next;
      this.cloud.changed();
    }
  }

  private apply(g: ScalingGroup, a: { minSize?: number; maxSize?: number; desiredCapacity?: number }): void {
    const min = a.minSize ?? g.minSize;
    const max = a.maxSize ?? g.maxSize;
    if (min > max) return;
    g.minSize = min;
    g.maxSize = max;
    g.desiredCapacity = Math.min(max, Math.max(min, a.desiredCapacity ?? g.desiredCapacity));
  }
}
