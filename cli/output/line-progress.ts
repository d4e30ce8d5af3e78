import type { Deployment, DeploymentLogLine } from '../../shared/deployments/deployment';
import type { DeploymentObserver } from '../deployments/deployment-observer';
import type { Output } from './output';
import { describeInstances } from './deployment-summary';

/** Progress as plain lines (stdout is a pipe or a CI log): what changed, one line each, and the log. */
export class LineProgress implements DeploymentObserver {
  private status: string | undefined;
  private readonly steps = new Map<string, string>();
  private instances: string | undefined;

  constructor(private readonly output: Output) {}

  deployment(d: Deployment): void {
    if (d.Value.Status !== this.status) {
      this.status = d.Value.Status;
      this.output.line(`status: ${this.status}`);
    }
    for (const step of d.Value.Steps) {
      const state = step.undo ? `undo ${step.undo.status}` : step.status;
      if (this.steps.get(step.name) === state || (state === 'pending' && !this.steps.has(step.name)))
        continue;
      this.steps.set(step.name, state);
      const error = step.status === 'failed' && step.error ? `: ${step.error}` : '';
      this.output.line(`step ${step.name}: ${state}${error}`);
    }
    const instances = describeInstances(d.Value.Progress);
    if (instances !== undefined && instances !== this.instances) {
      this.instances = instances;
      this.output.line(`instances: ${instances}`);
    }
  }

  log(line: DeploymentLogLine): void {
    this.output.line(`log ${line.at} ${line.level}: ${line.message}`);
  }

  stop(): void {}
}
