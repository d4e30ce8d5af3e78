import net, { type AddressInfo } from 'node:net';
import type { ListenerRecord } from '../elbv2/elbv2-model';
import { ClientConnection, type ListenerSide } from './client-connection';
import type { RequestRouter, Route } from './request-router';
import { UpstreamPool } from './upstream-pool';

/** How often idle client connections are looked at. */
const SWEEP_MS = 5_000;
/** ALB's default idle timeout (60 s), in sweeps: a client connection idle this long is closed. */
const IDLE_SWEEPS = 12;

/**
 * One listener's HTTP reverse proxy on a loopback port: it routes each request by the listener's routing
 * table and forwards it over a keep-alive connection to the chosen target.
 */
export class ListenerProxy implements ListenerSide {
  private readonly pool = new UpstreamPool();
  private readonly server: net.Server;
  private readonly clients = new Set<ClientConnection>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly listener: () => ListenerRecord | undefined,
    private readonly router: RequestRouter,
  ) {
    // half-open, as Node's http.Server: a client that ends its side still gets the reply under way
    this.server = net.createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
      const client = new ClientConnection(socket, this);
      this.clients.add(client);
      socket.once('close', () => this.clients.delete(client));
    });
    this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  /** Listens on the port it had before (after a restore) when it is free, else on any port. */
  async listen(preferredPort: number | undefined): Promise<number> {
    const attempt = (port: number) =>
      new Promise<void>((resolve, reject) => {
        this.server.once('error', reject);
        this.server.listen(port, '127.0.0.1', () => {
          this.server.off('error', reject);
          resolve();
        });
      });
    try {
      await attempt(preferredPort ?? 0);
    } catch {
      await attempt(0);
    }
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    for (const client of this.clients) client.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.pool.close();
  }

  port(): number | undefined {
    return this.listener()?.port;
  }

  route(path: string): Route {
    const listener = this.listener();
    return listener ? this.router.route(listener, path) : { kind: 'none' };
  }

  connect(route: Route & { kind: 'target' }) {
    return this.pool.acquire(route.targetId, route.port);
  }

  private sweep(): void {
    for (const client of this.clients)
      if (client.idle && ++client.idleSweeps >= IDLE_SWEEPS) client.destroy();
  }
}
