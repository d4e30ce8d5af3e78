/**
 * The node flags that make a spawned process write a CPU profile of each of its threads as it exits,
 * into the directory the environment variable `variable` names (for benchmarks); none when it is unset.
 */
export function cpuProfileFlags(variable: 'EM_PORTAL_CPU_PROF' | 'EM_SIM_CPU_PROF'): string[] {
  const dir = process.env[variable];
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}
