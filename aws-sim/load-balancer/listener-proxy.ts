import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ListenerRecord } from '../elbv2/elbv2-model';
import { forwardedRequest } from './forwarded-request';
import type { RequestRouter } from './request-router';
import type { Exchange, UpstreamConnection } from './upstream-connection';
import { UpstreamPool } from './upstream-pool';

const UNAVAILABLE = '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>';
const BAD_GATEWAY = '<html><body><h1>502 Bad Gateway</h1></body></html>';

function plain(res: http.ServerResponse, status: number, body: string, contentType = 'text/html'): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'content-type': contentType, server: 'awselb/2.0' });
  res.end(body);
}

/**
 * One listener's HTTP reverse proxy on a loopback port: it routes each request by the listener's routing
 * table and forwards it over a keep-alive connection to the chosen target.
 */
export class ListenerProxy {
  private readonly pool = new UpstreamPool();
  private readonly server: http.Server;

  constructor(
    private readonly listener: () => ListenerRecord | undefined,
    private readonly router: RequestRouter,
  ) {
    this.server = http.createServer({ keepAlive: true }, (req, res) => this.serve(req, res));
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
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.pool.close();
  }

  private serve(req: http.IncomingMessage, res: http.ServerResponse): void {
    let inFlight: { connection: UpstreamConnection; exchange: Exchange } | undefined;
    const forward = (retried: boolean): void => {
      const listener = this.listener();
      if (!listener) return plain(res, 503, UNAVAILABLE);
      const url = req.url ?? '/';
      const query = url.indexOf('?');
      const route = this.router.route(listener, query < 0 ? url : url.slice(0, query));
      if (route.kind === 'none') return plain(res, 503, UNAVAILABLE);
      if (route.kind === 'fixed') return plain(res, route.statusCode, route.body ?? '', route.contentType);
      const { head, body } = forwardedRequest(req, listener.port);
      const connection = this.pool.acquire(route.targetId, route.port);
      const exchange: Exchange = {
        res,
        headOnly: req.method === 'HEAD',
        body,
        failed: (_error, retryable) => {
          inFlight = undefined;
          // a kept-alive connection the target closed meanwhile: ALB would open a new one, so route
          // again; a request with a body has streamed into the failed one and cannot be sent again
          if (retryable && body === 'none' && !retried && !res.headersSent) return forward(true);
          plain(res, 502, BAD_GATEWAY);
        },
      };
      inFlight = { connection, exchange };
      connection.send(head, exchange);
      if (body === 'none') return;
      req.on('data', (chunk: Buffer) => {
        if (connection.writeBody(chunk)) return;
        req.pause();
        connection.onDrain(() => req.resume());
      });
      req.on('end', () => connection.endBody());
    };
    res.on('close', () => {
      // the client went away before the whole response reached it
      if (inFlight && !res.writableFinished) inFlight.connection.abandon(inFlight.exchange);
    });
    forward(false);
  }
}
