import type { ServiceSlice } from '../../shared/fleet/service-slice';

/** The slice asked for by name, or else the active one (the one taking traffic). */
export function sliceOf(slices: readonly ServiceSlice[], name?: string): ServiceSlice | undefined {
  return slices.find((s) => (name ? s.Name === name : s.State === 'Active'));
}

/** A slice in words: `blue Active 100%, 2.0.0, 2/2 healthy`. */
export function describeSlice(s: ServiceSlice): string {
  return `${s.Name} ${s.State} ${s.Weight}%, ${s.Version ?? 'no version'}, ${s.HealthyCount}/${s.InstanceCount} healthy`;
}
