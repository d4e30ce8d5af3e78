import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ListenerRecord } from '../elbv2/elbv2-model';
import type { RequestRouter } from './request-router';

const UNAVAILABLE = '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !HOP_BY_HOP.has(k.toLowerCase())));
}

function hasBody(req: http.IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

function plain(res: http.ServerResponse, status: number, body: string, contentType = 'text/html'): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'content-type': contentType, server: 'awselb/2.0' });
  res.end(body);
}

/** One listener's HTTP reverse proxy on a loopback port: it routes each request afresh from the records. */
export class ListenerProxy {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
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
    this.agent.destroy();
  }

  private serve(req: http.IncomingMessage, res: http.ServerResponse, mayRetry = !hasBody(req)): void {
    const listener = this.listener();
    if (!listener) return plain(res, 503, UNAVAILABLE);
    const route = this.router.route(listener, new URL(req.url ?? '/', 'http://alb').pathname);
    if (route.kind === 'none') return plain(res, 503, UNAVAILABLE);
    if (route.kind === 'fixed') return plain(res, route.statusCode, route.body ?? '', route.contentType);
    const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress]
      .filter(Boolean)
      .join(', ');
    const headers = {
      ...endToEnd(req.headers),
      'x-forwarded-for': forwardedFor,
      'x-forwarded-proto': 'http',
      'x-forwarded-port': String(listener.port),
    };
    const upstream = http.request(
      { host: '127.0.0.1', port: route.port, method: req.method, path: req.url, headers, agent: this.agent },
      (targetRes) => {
        res.writeHead(targetRes.statusCode ?? 502, endToEnd(targetRes.headers));
        targetRes.pipe(res);
        targetRes.on('error', () => res.destroy());
      },
    );
    upstream.on('error', (e: NodeJS.ErrnoException) => {
      // a kept-alive socket the target closed meanwhile: ALB would open a new connection, so route again
      if (mayRetry && upstream.reusedSocket && e.code === 'ECONNRESET' && !res.headersSent)
        return this.serve(req, res, false);
      plain(res, 502, '<html><body><h1>502 Bad Gateway</h1></body></html>');
    });
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    // a request without a body is sent whole, so it can be sent again; one with a body streams through
    if (hasBody(req)) req.pipe(upstream);
    else upstream.end();
  }
}
