import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST a receiver got. */
export interface Received {
  /** The request's path (and query). */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * A real HTTP receiver on loopback for webhook specs: answers each POST with the next status of its
 * script (then `otherwise`), after `delayMs`, and keeps what it got.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  script: number[] = [];
  otherwise = 200;
  delayMs = 0;
  /** Answer nothing at all (a receiver that hangs): requests are left open until it closes. */
  hold = false;
  /** How many requests it has answered. */
  answered = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    /** The loopback port it listens on. */
    readonly port: number,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    const self: { receiver?: WebhookReceiver } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const r = self.receiver!;
        r.received.push({
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const status = r.script.shift() ?? r.otherwise;
        if (r.hold) return;
        const timer = setTimeout(() => {
          r.timers.delete(timer);
          r.answered += 1;
          res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
        }, r.delayMs);
        r.timers.add(timer);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    self.receiver = new WebhookReceiver(server, `http://127.0.0.1:${port}/hook`, port);
    return self.receiver;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
