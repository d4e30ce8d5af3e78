import type { Deployment, DeploymentLogLine } from '../../shared/deployments/deployment';

/** What a wait on a deployment tells as it goes: each new record and each log line (once). */
export interface DeploymentObserver {
  deployment(d: Deployment): void;
  log(line: DeploymentLogLine): void;
  /** Ends the display (a progress bar leaves the terminal as it found it). */
  stop(): void;
}
