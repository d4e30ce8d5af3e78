import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import type { AutoScaling, GroupChange } from './auto-scaling';
import type { SliceRoutingNames } from './fleet-names';
import {
  templateVersionKey,
  type LaunchTemplates,
  type NewTemplateVersion,
  type TemplateVersion,
  type TemplateVersionRef,
} from './launch-templates';
import type { LoadBalancing, SliceRouting, TargetState } from './load-balancing';

/** The AWS ports the fleet is read and changed through. */
export interface FleetPorts {
  readonly autoScaling: AutoScaling;
  readonly launchTemplates: LaunchTemplates;
  readonly loadBalancing: LoadBalancing;
}

/**
 * Numbered launch template versions never change, so what was read of one is kept for the process (up to
 * `maxEntries`, oldest out); `$Latest` and `$Default` are never kept, they move.
 */
export class TemplateVersionCache {
  private readonly entries = new Map<string, TemplateVersion>();

  constructor(private readonly maxEntries = 5000) {}

  get(ref: TemplateVersionRef): TemplateVersion | undefined {
    return ref.version.startsWith('$') ? undefined : this.entries.get(templateVersionKey(ref));
  }

  remember(version: TemplateVersion): void {
    const key = templateVersionKey({ templateId: version.templateId, version: String(version.number) });
    if (this.entries.has(key)) return;
    // a Map iterates in insertion order: the first key is the oldest
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, version);
  }
}

/**
 * The fleet as one pass sees it: the one cache policy of the portal's AWS reads. Within a pass (one engine
 * pass over the deployments due, or one request of the fleet views) each group is read once, in batched
 * DescribeAutoScalingGroups calls, and each target group's health and each role's routing once. A change
 * of a group is seen by the next pass (a step that waits on it looks again then; within the pass, reads
 * answer what the pass first saw, so no group is read twice); a change of a listener's weights is read
 * afresh, since the traffic gates judge by the weights. Template versions come from the process's
 * TemplateVersionCache. This is what keeps AWS calls to a budget however many deployments run.
 */
export class FleetPass {
  private readonly groupReads = new Map<string, Promise<AutoScalingGroup | undefined>>();
  private readonly healthReads = new Map<string, Promise<TargetState[]>>();
  private readonly routingReads = new Map<string, Promise<SliceRouting | undefined>>();

  constructor(
    private readonly ports: FleetPorts,
    private readonly templates: TemplateVersionCache,
  ) {}

  /** Reads these groups (those not read yet in this pass) in as few calls as AWS allows. */
  prefetch(names: readonly string[]): Promise<void> {
    const missing = [...new Set(names)].filter((n) => !this.groupReads.has(n));
    if (!missing.length) return Promise.resolve();
    const batch = this.ports.autoScaling.describeGroups(missing);
    for (const name of missing) {
      const read = batch.then((found) => found.find((g) => g.AutoScalingGroupName === name));
      // whoever reads the group meets the error; a group nobody reads must not raise it unhandled
      read.catch(() => undefined);
      this.groupReads.set(name, read);
    }
    return batch.then(() => undefined);
  }

  /** The group as this pass saw it; undefined when it does not exist. */
  async group(name: string): Promise<AutoScalingGroup | undefined> {
    await this.prefetch([name]);
    return this.groupReads.get(name)!;
  }

  /** The groups among `names` that exist, in the order asked. */
  async groups(names: readonly string[]): Promise<AutoScalingGroup[]> {
    await this.prefetch(names);
    const found = await Promise.all(names.map((n) => this.groupReads.get(n)!));
    return found.filter((g): g is AutoScalingGroup => g !== undefined);
  }

  targetHealth(targetGroupArn: string): Promise<TargetState[]> {
    let read = this.healthReads.get(targetGroupArn);
    if (!read)
      this.healthReads.set(targetGroupArn, (read = this.ports.loadBalancing.targetHealth(targetGroupArn)));
    return read;
  }

  sliceRouting(names: SliceRoutingNames): Promise<SliceRouting | undefined> {
    let read = this.routingReads.get(names.loadBalancer);
    if (!read)
      this.routingReads.set(names.loadBalancer, (read = this.ports.loadBalancing.sliceRouting(names)));
    return read;
  }

  /** Template versions by ref (keyed by templateVersionKey of the ref); numbered ones from the cache when known. */
  async templateVersions(refs: readonly TemplateVersionRef[]): Promise<Map<string, TemplateVersion>> {
    const out = new Map<string, TemplateVersion>();
    const missing: TemplateVersionRef[] = [];
    for (const ref of refs) {
      const known = this.templates.get(ref);
      if (known) out.set(templateVersionKey(ref), known);
      else if (!missing.some((m) => templateVersionKey(m) === templateVersionKey(ref))) missing.push(ref);
    }
    if (missing.length) {
      for (const [key, version] of await this.ports.launchTemplates.versions(missing)) {
        this.templates.remember(version);
        out.set(key, version);
      }
    }
    return out;
  }

  /** One template version (`$Latest` and `$Default` resolved); undefined when it does not exist. */
  async templateVersion(ref: TemplateVersionRef): Promise<TemplateVersion | undefined> {
    return (await this.templateVersions([ref])).get(templateVersionKey(ref));
  }

  updateGroup(name: string, change: GroupChange): Promise<void> {
    return this.ports.autoScaling.updateGroup(name, change);
  }

  suspendProcesses(name: string, processes: readonly string[]): Promise<void> {
    return this.ports.autoScaling.suspendProcesses(name, processes);
  }

  resumeProcesses(name: string, processes: readonly string[]): Promise<void> {
    return this.ports.autoScaling.resumeProcesses(name, processes);
  }

  setProtection(name: string, instanceIds: readonly string[], protect: boolean): Promise<void> {
    return this.ports.autoScaling.setProtection(name, instanceIds, protect);
  }

  terminateInstance(instanceId: string): Promise<void> {
    return this.ports.autoScaling.terminateInstance(instanceId);
  }

  async createTemplateVersion(templateId: string, version: NewTemplateVersion): Promise<number> {
    return this.ports.launchTemplates.createVersion(templateId, version);
  }

  async setWeights(
    listenerArn: string,
    weights: readonly { readonly targetGroupArn: string; readonly weight: number }[],
  ): Promise<void> {
    await this.ports.loadBalancing.setWeights(listenerArn, weights);
    this.routingReads.clear();
  }
}
