import cliProgress from 'cli-progress';
import type { Deployment, DeploymentLogLine } from '../../shared/deployments/deployment';
import type { DeploymentObserver } from '../deployments/deployment-observer';
import { summarize } from './deployment-summary';
import type { Output } from './output';

/** Progress on a terminal: a bar of the steps with the current one and the instances, the log above it. */
export class TerminalProgress implements DeploymentObserver {
  private readonly bars: cliProgress.MultiBar;
  private bar: cliProgress.SingleBar | undefined;

  constructor(output: Output) {
    this.bars = new cliProgress.MultiBar(
      {
        stream: output.progressStream,
        format: '{status} [{bar}] {value}/{total} steps | {step} | {instances}',
        hideCursor: true,
        clearOnComplete: false,
        autopadding: true,
      },
      cliProgress.Presets.shades_classic,
    );
  }

  deployment(d: Deployment): void {
    const s = summarize(d);
    const payload = { status: s.status, step: s.step ?? '-', instances: s.instances ?? '-' };
    if (!this.bar) this.bar = this.bars.create(s.stepsTotal, s.stepsDone, payload);
    else {
      this.bar.setTotal(s.stepsTotal);
      this.bar.update(s.stepsDone, payload);
    }
  }

  log(line: DeploymentLogLine): void {
    this.bars.log(`${line.at.slice(11, 19)} ${line.level.padEnd(5)} ${line.message}\n`);
  }

  stop(): void {
    this.bars.stop();
  }
}
