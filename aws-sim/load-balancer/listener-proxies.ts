import type { Cloud } from '../cloud';
import type { Elbv2Store } from '../elbv2/elbv2-store';
import { ListenerProxy } from './listener-proxy';
import { RequestRouter } from './request-router';

/** The running proxies, one per listener, kept in line with the listener records. */
export class ListenerProxies {
  private readonly proxies = new Map<string, ListenerProxy>();
  private readonly router: RequestRouter;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    cloud: Cloud,
    private readonly store: Elbv2Store,
  ) {
    this.router = new RequestRouter(cloud, store);
  }

  /** Opens proxies for new listeners and closes those of deleted ones (one sync at a time). */
  sync(): Promise<void> {
    this.pending = this.pending.then(() => this.syncNow());
    return this.pending;
  }

  async close(): Promise<void> {
    await this.pending;
    await Promise.all([...this.proxies.values()].map((p) => p.close()));
    this.proxies.clear();
  }

  private async syncNow(): Promise<void> {
    for (const [arn, proxy] of this.proxies) {
      if (this.store.listeners.has(arn)) continue;
      this.proxies.delete(arn);
      await proxy.close();
    }
    for (const listener of this.store.listeners.values()) {
      if (this.proxies.has(listener.arn)) continue;
      const proxy = new ListenerProxy(() => this.store.listeners.get(listener.arn), this.router);
      this.proxies.set(listener.arn, proxy);
      listener.localPort = await proxy.listen(listener.localPort);
    }
  }
}
