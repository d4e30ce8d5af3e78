import { UpstreamConnection, type ConnectionOwner } from './upstream-connection';

/** Idle connections kept per target; more than this at once are closed as they finish. */
const MAX_IDLE_PER_TARGET = 128;
/** How often idle connections past their target's keep-alive timeout are closed. */
const SWEEP_MS = 5_000;

/** A listener's keep-alive connections to its targets, by target and loopback port. */
export class UpstreamPool implements ConnectionOwner {
  private readonly idle = new Map<string, UpstreamConnection[]>();
  private readonly open = new Set<UpstreamConnection>();
  private sweeper: NodeJS.Timeout | undefined;
  private closed = false;

  /** An idle connection to the target's port (the most recently used), or a new one. */
  acquire(targetId: string, port: number): UpstreamConnection {
    const key = `${targetId}:${port}`;
    const idle = this.idle.get(key);
    const now = Date.now();
    while (idle?.length) {
      const connection = idle.pop()!;
      if (connection.isFresh(now)) return connection;
      connection.destroy();
    }
    const connection = new UpstreamConnection(key, port, this);
    this.open.add(connection);
    return connection;
  }

  release(connection: UpstreamConnection): void {
    let idle = this.idle.get(connection.key);
    if (!idle) this.idle.set(connection.key, (idle = []));
    if (this.closed || idle.length >= MAX_IDLE_PER_TARGET) return connection.destroy();
    idle.push(connection);
    if (!this.sweeper) {
      this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
      this.sweeper.unref();
    }
  }

  forget(connection: UpstreamConnection): void {
    this.open.delete(connection);
    const idle = this.idle.get(connection.key);
    const at = idle ? idle.indexOf(connection) : -1;
    if (at >= 0) idle!.splice(at, 1);
    if (idle?.length === 0) this.idle.delete(connection.key);
  }

  /** Closes every connection, idle or busy. */
  close(): void {
    this.closed = true;
    clearInterval(this.sweeper);
    for (const connection of [...this.open]) connection.destroy();
  }

  /** Closes the idle connections their targets may have closed by now (they would fail if reused). */
  private sweep(): void {
    const now = Date.now();
    for (const idle of [...this.idle.values()])
      for (const connection of [...idle]) if (!connection.isFresh(now)) connection.destroy();
  }
}
