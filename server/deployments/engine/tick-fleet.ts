import type { FleetOperations, GroupState, SliceTraffic, TargetState } from '../fleet-operations';

/**
 * The fleet as one engine tick sees it: the groups of every running deployment are read in one batched
 * `DescribeAutoScalingGroups` at the start of the tick, target health and slice traffic once per target
 * group or role per tick; a change of a group's capacity, template or instances forgets what was read
 * of it, so the next read is fresh (suspended processes and protection flags are not read back in a tick).
 * This is what keeps AWS calls to a budget however many deployments run.
 */
export class TickFleet implements FleetOperations {
  private readonly groups = new Map<string, GroupState | null>();
  private readonly health = new Map<string, Promise<TargetState[]>>();
  private readonly traffic = new Map<string, Promise<SliceTraffic | undefined>>();

  constructor(private readonly inner: FleetOperations) {}

  /** Reads all the groups the tick will look at, in as few calls as AWS allows. */
  async prefetch(names: readonly string[]): Promise<void> {
    const unique = [...new Set(names)];
    if (!unique.length) return;
    const found = await this.inner.describeGroups(unique);
    for (const name of unique) this.groups.set(name, found.find((g) => g.name === name) ?? null);
  }

  async describeGroups(names: readonly string[]): Promise<GroupState[]> {
    const missing = names.filter((n) => !this.groups.has(n));
    if (missing.length) await this.prefetch(missing);
    return names.map((n) => this.groups.get(n)).filter((g): g is GroupState => !!g);
  }

  targetHealth(targetGroupArn: string): Promise<TargetState[]> {
    let p = this.health.get(targetGroupArn);
    if (!p) this.health.set(targetGroupArn, (p = this.inner.targetHealth(targetGroupArn)));
    return p;
  }

  sliceTraffic(environment: string, role: string): Promise<SliceTraffic | undefined> {
    const key = `${environment}/${role}`;
    let p = this.traffic.get(key);
    if (!p) this.traffic.set(key, (p = this.inner.sliceTraffic(environment, role)));
    return p;
  }

  resolveTemplateVersion(templateId: string, version: string): Promise<string> {
    return this.inner.resolveTemplateVersion(templateId, version);
  }

  templateServices(templateId: string, version: string): Promise<{ name: string; version: string }[]> {
    return this.inner.templateServices(templateId, version);
  }

  createTemplateVersion(
    templateId: string,
    sourceVersion: string,
    services: { name: string; version: string }[],
    description: string,
  ): Promise<string> {
    return this.inner.createTemplateVersion(templateId, sourceVersion, services, description);
  }

  async updateGroup(name: string, change: Parameters<FleetOperations['updateGroup']>[1]): Promise<void> {
    this.groups.delete(name);
    await this.inner.updateGroup(name, change);
  }

  async suspendProcesses(name: string, processes: readonly string[]): Promise<void> {
    await this.inner.suspendProcesses(name, processes);
  }

  async resumeProcesses(name: string, processes: readonly string[]): Promise<void> {
    await this.inner.resumeProcesses(name, processes);
  }

  async setProtection(name: string, instanceIds: readonly string[], protect: boolean): Promise<void> {
    await this.inner.setProtection(name, instanceIds, protect);
  }

  async terminateInGroup(instanceId: string): Promise<void> {
    for (const [name, g] of this.groups)
      if (g?.instances.some((i) => i.instanceId === instanceId)) this.groups.delete(name);
    this.health.clear();
    await this.inner.terminateInGroup(instanceId);
  }

  async setWeights(
    listenerArn: string,
    weights: Parameters<FleetOperations['setWeights']>[1],
  ): Promise<void> {
    this.traffic.clear();
    await this.inner.setWeights(listenerArn, weights);
  }
}
