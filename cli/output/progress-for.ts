import type { DeploymentObserver } from '../deployments/deployment-observer';
import { LineProgress } from './line-progress';
import type { Output } from './output';
import { TerminalProgress } from './terminal-progress';

/** A display that shows nothing (`--json`: stdout carries only the final JSON). */
const silent: DeploymentObserver = { deployment() {}, log() {}, stop() {} };

/** The progress display for a wait: a bar on a terminal, plain lines otherwise, nothing with `--json`. */
export function progressFor(output: Output, options: { json: boolean }): DeploymentObserver {
  if (options.json) return silent;
  return output.isTty ? new TerminalProgress(output) : new LineProgress(output);
}
