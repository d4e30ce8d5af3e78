/** A service version that fails its health checks (every instance running it answers 500 on its health path). */
export interface UnhealthyVersion {
  readonly service: string;
  readonly version: string;
}

/** What makes instances fail their health checks: the service versions they run, or the image they booted from. */
export interface UnhealthyMarks {
  readonly versions: readonly UnhealthyVersion[];
  /** Image ids (`ami-…`): every instance launched from one fails its health checks, whatever it runs. */
  readonly images: readonly string[];
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
  private unhealthy: UnhealthyMarks = { versions: [], images: [] };
  /** Share (0..1) of instance boots that fail (the instance terminates instead of running). */
  bootFailureRate = 0;
  /** Multiplier of the boot delay (slow boots). */
  bootDelayFactor = 1;
  /** Availability zones without capacity: launches there fail with InsufficientInstanceCapacity. */
  readonly zonesWithoutCapacity = new Set<string>();
  /** AWS calls by `service:Action`. */
  readonly calls = new Map<string, number>();
  private omitted: readonly OmittedField[] = [];
  private readonly unhealthyListeners: ((marks: UnhealthyMarks) => Promise<void>)[] = [];

  /** Calls `listener` whenever the unhealthy versions or images change (the instance thread keeps a copy). */
  onUnhealthy(listener: (marks: UnhealthyMarks) => Promise<void>): void {
    this.unhealthyListeners.push(listener);
  }

  /** The versions whose instances fail health checks. */
  get unhealthyVersions(): readonly UnhealthyVersion[] {
    return this.unhealthy.versions;
  }

  /** The images whose instances fail health checks. */
  get unhealthyImages(): readonly string[] {
    return this.unhealthy.images;
  }

  /** Replaces the versions whose instances fail health checks; resolves once every instance knows. */
  setUnhealthyVersions(versions: readonly UnhealthyVersion[]): Promise<void> {
    return this.markUnhealthy({
      versions: versions.map((v) => ({ service: v.service, version: v.version })),
      images: this.unhealthy.images,
    });
  }

  /** Replaces the images whose instances fail health checks; resolves once every instance knows. */
  setUnhealthyImages(imageIds: readonly string[]): Promise<void> {
    return this.markUnhealthy({ versions: this.unhealthy.versions, images: [...imageIds] });
  }

  private async markUnhealthy(marks: UnhealthyMarks): Promise<void> {
    this.unhealthy = marks;
    await Promise.all(this.unhealthyListeners.map((listener) => listener(marks)));
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
    await this.markUnhealthy({ versions: [], images: [] });
  }
}
