import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback proxy in front of DynamoDB Local that counts the requests passing through, by operation. */
export interface DynamoDbCounter {
  readonly endpoint: string;
  /** Requests since the last reset, by operation (`GetItem`, `TransactWriteItems`, ...). */
  counts(): Record<string, number>;
  reset(): void;
  close(): Promise<void>;
}

/** Starts the counting proxy for the DynamoDB endpoint `target`. */
export async function startDynamoDbCounter(target: string): Promise<DynamoDbCounter> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  let counts: Record<string, number> = {};
  const server = http.createServer((req, res) => {
    const op = String(req.headers['x-amz-target'] ?? 'unknown')
      .split('.')
      .pop()!;
    counts[op] = (counts[op] ?? 0) + 1;
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    counts: () => ({ ...counts }),
    reset: () => {
      counts = {};
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
}
