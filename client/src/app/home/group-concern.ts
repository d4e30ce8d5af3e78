/**
 * A group of the estate that needs someone's attention, and why. Unhealthy groups are the first kind;
 * groups on an out-of-date image (from `GET /images` and the servers view's `Ami`) are meant to be another.
 */
export interface GroupConcern {
  /** The ASG's name. */
  readonly group: string;
  /** The environment its `Environment` tag names; undefined when it has none. */
  readonly environment: string | undefined;
  /** Why it needs attention, in words ("1 of 3 instances healthy"). */
  readonly reason: string;
}

/** The concerns of one environment, or of the groups that belong to none. */
export interface EnvironmentConcerns {
  /** The environment; undefined for the groups without an `Environment` tag. */
  readonly environment: string | undefined;
  readonly groups: readonly GroupConcern[];
}

/** The concerns by environment: the environment with most first, then by name; groups without one last. */
export function concernsByEnvironment(concerns: readonly GroupConcern[]): EnvironmentConcerns[] {
  const byName = new Map<string | undefined, GroupConcern[]>();
  for (const concern of concerns) {
    const list = byName.get(concern.environment) ?? [];
    list.push(concern);
    byName.set(concern.environment, list);
  }
  return [...byName.entries()]
    .map(([environment, groups]) => ({ environment, groups }))
    .sort((a, b) => {
      if ((a.environment === undefined) !== (b.environment === undefined)) {
        return a.environment === undefined ? 1 : -1;
      }
      return b.groups.length - a.groups.length || (a.environment ?? '').localeCompare(b.environment ?? '');
    });
}
