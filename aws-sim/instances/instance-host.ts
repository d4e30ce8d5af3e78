import { Worker } from 'node:worker_threads';
import type { UnhealthyMarks } from '../faults';
import type { HostReply, HostRequest } from './instance-host-protocol';
import type { InstanceIdentity, InstanceServer } from './instance-server';

type Pending = { resolve: (reply: HostReply & { ok: true }) => void; reject: (e: Error) => void };

/** A request without its id (the host numbers them). */
type WithoutId<R> = R extends unknown ? Omit<R, 'id'> : never;
type Ask = WithoutId<HostRequest>;

/**
 * The worker's source. Node 20 does not hand the main thread's `--import tsx` loader to workers, so under
 * tsx (how the project runs) the worker registers tsx itself before it loads its TypeScript entry.
 */
function workerSource(): string {
  const typeScript = import.meta.url.endsWith('.ts');
  const entry = new URL(`./instance-host-worker.${typeScript ? 'ts' : 'js'}`, import.meta.url).href;
  if (!typeScript) return `import(${JSON.stringify(entry)});`;
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
}

/**
 * Runs every instance's HTTP server on one thread of its own (started with EC2), so the
 * applications do not take CPU from the AWS API and the listeners, as on AWS they run on other machines.
 */
export class InstanceHost {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private unhealthy: UnhealthyMarks = { versions: [], images: [] };

  /** Starts the thread now, so the first instance to boot does not wait for it. */
  warm(): void {
    this.thread();
  }

  /** Starts an instance's server; resolves once it listens. */
  async start(instance: InstanceIdentity): Promise<InstanceServer> {
    const { instanceId, imageId, availabilityZone, payload } = instance;
    const reply = await this.ask({
      kind: 'start',
      instance: { instanceId, imageId, availabilityZone, payload },
    });
    return {
      port: reply.port!,
      close: () => void this.ask({ kind: 'close', instanceId }).catch(() => undefined),
      closeAll: () => void this.ask({ kind: 'close-all', instanceId }).catch(() => undefined),
    };
  }

  /** Makes instances running these versions or booted from these images fail their health checks (and only these), from when it resolves. */
  async setUnhealthy(marks: UnhealthyMarks): Promise<void> {
    this.unhealthy = marks;
    if (this.worker) await this.ask({ kind: 'unhealthy', marks }).catch(() => undefined);
  }

  /** Resolves once the thread has handled everything asked before (a server asked to close has closed). */
  async flush(): Promise<void> {
    if (this.worker) await this.ask({ kind: 'flush' });
  }

  /** Stops the thread, and every server with it. */
  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private ask(request: Ask): Promise<HostReply & { ok: true }> {
    const worker = this.thread();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerSource(), { eval: true });
    // the thread must not keep a process alive that forgot to stop aws-sim
    worker.unref();
    worker.on('message', (reply: HostReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.ok) waiting?.resolve(reply);
      else waiting?.reject(new Error(reply.error));
    });
    worker.on('error', (e) =>
      process.stderr.write(`aws-sim: instance thread failed: ${e.stack ?? e.message}\n`),
    );
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiting of this.pending.values()) waiting.reject(new Error('the instance thread stopped'));
      this.pending.clear();
    });
    this.worker = worker;
    const { versions, images } = this.unhealthy;
    if (versions.length || images.length) void this.ask({ kind: 'unhealthy', marks: this.unhealthy });
    return worker;
  }
}
