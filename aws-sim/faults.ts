/** A service version that fails its health checks (every instance running it answers 500 on its health path). */
export interface UnhealthyVersion {
  readonly service: string;
  readonly version: string;
}

/** An element left out of an action's replies (the action's name, or `*` for all). */
export interface OmittedField {
  readonly action: string;
  readonly field: string;
}

/** Faults injected through `/_sim/faults`, and the count of AWS calls per action (the call budget). */
export class Faults {
  /** Share (0..1) of calls refused with a throttling error, by action name (`DescribeAutoScalingGroups`) or `*`. */
  readonly throttle = new Map<string, number>();
  private unhealthy: readonly UnhealthyVersion[] = [];
  /** Share (0..1) of instance boots that fail (the instance terminates instead of running). */
  bootFailureRate = 0;
  /** Multiplier of the boot delay (slow boots). */
  bootDelayFactor = 1;
  /** Availability zones without capacity: launches there fail with InsufficientInstanceCapacity. */
  readonly zonesWithoutCapacity = new Set<string>();
  /** AWS calls by `service:Action`. */
  readonly calls = new Map<string, number>();
  private omitted: readonly OmittedField[] = [];
  private readonly unhealthyListeners: ((versions: readonly UnhealthyVersion[]) => Promise<void>)[] = [];

  /** Calls `listener` whenever the unhealthy versions change (the instance thread keeps a copy). */
  onUnhealthyVersions(listener: (versions: readonly UnhealthyVersion[]) => Promise<void>): void {
    this.unhealthyListeners.push(listener);
  }

  /** The versions whose instances fail health checks. */
  get unhealthyVersions(): readonly UnhealthyVersion[] {
    return this.unhealthy;
  }

  /** Replaces the versions whose instances fail health checks; resolves once every instance knows. */
  async setUnhealthyVersions(versions: readonly UnhealthyVersion[]): Promise<void> {
    this.unhealthy = versions.map((v) => ({ service: v.service, version: v.version }));
    await Promise.all(this.unhealthyListeners.map((listener) => listener(this.unhealthy)));
  }

  /** The elements left out of replies, by action. */
  get omittedFields(): readonly OmittedField[] {
    return this.omitted;
  }

  /** Replaces the elements left out of replies. */
  setOmittedFields(fields: readonly OmittedField[]): void {
    this.omitted = fields.map((f) => ({ action: f.action, field: f.field }));
  }

  /** The names of the elements to leave out of an action's replies, if any. */
  fieldsOmittedFrom(action: string): ReadonlySet<string> | undefined {
    const names = this.omitted.filter((f) => f.action === action || f.action === '*').map((f) => f.field);
    return names.length ? new Set(names) : undefined;
  }

  /** Whether this call is refused as throttled. */
  shouldThrottle(action: string): boolean {
    const rate = this.throttle.get(action) ?? this.throttle.get('*') ?? 0;
    return rate > 0 && Math.random() < rate;
  }

  /** Whether a version's instances fail health checks. */
  isUnhealthy(service: string, version: string): boolean {
    return this.unhealthyVersions.some((u) => u.service === service && u.version === version);
  }

  /** Counts a call. */
  count(service: string, action: string): void {
    const key = `${service}:${action}`;
    this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
  }

  /** Clears every fault (not the call counts); resolves once every instance knows. */
  async clear(): Promise<void> {
    this.throttle.clear();
    this.bootFailureRate = 0;
    this.bootDelayFactor = 1;
    this.zonesWithoutCapacity.clear();
    this.omitted = [];
    await this.setUnhealthyVersions([]);
  }
}
