import {
  isTerminal,
  type Deployment,
  type DeploymentLogLine,
  type DeploymentStatus,
} from '@shared/deployments/deployment';
import { NotFoundError } from '../errors/domain-errors';
import type { DeploymentStore } from './deployment-store';
import { deploymentView } from './deployments';

/** One event of a deployment's progress: its record (when it changed), a new log line, or its end. */
export type DeploymentEvent =
  | { readonly kind: 'deployment'; readonly deployment: Deployment }
  | { readonly kind: 'log'; readonly line: DeploymentLogLine }
  | { readonly kind: 'end'; readonly status: DeploymentStatus };

/** How often the store is read while following a deployment. */
export const DEFAULT_POLL_MS = 500;

const lineKey = (l: DeploymentLogLine) => `${l.at}\u0000${l.level}\u0000${l.message}`;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Follows deployments by polling the store, so it sees the progress whichever portal process runs them
 * (no in-process notifications to miss across processes).
 */
export class DeploymentEvents {
  constructor(
    private readonly store: DeploymentStore,
    private readonly pollMs = DEFAULT_POLL_MS,
  ) {}

  /**
   * Checks that the deployment exists (NotFoundError otherwise), then gives its events until it is over or
   * `signal` aborts: the record first and whenever its version changes, every log line once, then `end`.
   */
  async open(id: string, signal: AbortSignal): Promise<AsyncIterable<DeploymentEvent>> {
    const first = await this.store.get(id);
    if (!first) throw new NotFoundError(`no deployment ${id}`);
    return this.follow(id, first.version, signal);
  }

  private async *follow(
    id: string,
    firstVersion: number,
    signal: AbortSignal,
  ): AsyncGenerator<DeploymentEvent> {
    let version = firstVersion - 1;
    // lines are told apart by content, not position: two writers in one millisecond may sort either way
    const seen = new Map<string, number>();
    const newLines = async (): Promise<DeploymentLogLine[]> => {
      const counts = new Map<string, number>();
      const fresh: DeploymentLogLine[] = [];
      for (const line of await this.store.log(id)) {
        const key = lineKey(line);
        const n = (counts.get(key) ?? 0) + 1;
        counts.set(key, n);
        if (n > (seen.get(key) ?? 0)) {
          seen.set(key, n);
          fresh.push(line);
        }
      }
      return fresh;
    };
    while (!signal.aborted) {
      const d = await this.store.get(id);
      if (!d) return;
      if (d.version !== version) {
        version = d.version;
        yield { kind: 'deployment', deployment: deploymentView(d) };
      }
      for (const line of await newLines()) yield { kind: 'log', line };
      if (isTerminal(d.value.Status)) {
        // the engine appends the last lines just after its final save: give them one poll to land
        await sleep(this.pollMs, signal);
        if (signal.aborted) return;
        for (const line of await newLines()) yield { kind: 'log', line };
        yield { kind: 'end', status: d.value.Status };
        return;
      }
      await sleep(this.pollMs, signal);
    }
  }
}
