import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InstancePayload } from '../cloud';

/** What an instance's application knows about itself. */
export interface InstanceIdentity {
  readonly instanceId: string;
  /** The image it booted from. */
  readonly imageId: string;
  readonly availabilityZone: string;
  readonly payload: InstancePayload;
}

/** A running instance's HTTP server on a loopback port. */
export interface InstanceServer {
  readonly port: number;
  /** Stops accepting connections at once; requests in flight finish. */
  close(): void;
  /** Closes every connection too (the instance is gone). */
  closeAll(): void;
}

/**
 * How long an idle kept-alive connection stays open: longer than a load balancer's 60 s idle timeout, as
 * AWS advises for targets, so the load balancer is the one that closes it.
 */
const KEEP_ALIVE_MS = 65_000;

/** A JSON reply made once: its bytes and headers. */
function jsonReply(status: number, body: unknown): { status: number; headers: string[]; body: Buffer } {
  const bytes = Buffer.from(JSON.stringify(body));
  return {
    status,
    headers: ['content-type', 'application/json', 'content-length', String(bytes.length)],
    body: bytes,
  };
}

/**
 * Starts the instance's "application": `GET /` says what runs where, `GET <healthPath>` answers 200, or 500
 * while `isUnhealthy` marks it (one of its service versions, or its image: asked per request, so faults bite
 * at once).
 * Replies are made once, at start: they never change while the instance runs.
 */
export async function startInstanceServer(
  instance: InstanceIdentity,
  isUnhealthy: (instance: InstanceIdentity) => boolean,
): Promise<InstanceServer> {
  const { services, healthPath } = instance.payload;
  const replies = {
    root: jsonReply(200, {
      service: services[0]?.name,
      version: services[0]?.version,
      services,
      instanceId: instance.instanceId,
      availabilityZone: instance.availabilityZone,
    }),
    healthy: jsonReply(200, { status: 'ok' }),
    unhealthy: jsonReply(500, { status: 'unhealthy' }),
    notFound: jsonReply(404, { error: 'not found' }),
    notAllowed: jsonReply(405, { error: 'method not allowed' }),
  };
  const server = http.createServer({ keepAlive: true, keepAliveTimeout: KEEP_ALIVE_MS }, (req, res) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    const reply =
      req.method !== 'GET' && req.method !== 'HEAD'
        ? replies.notAllowed
        : path === healthPath
          ? isUnhealthy(instance)
            ? replies.unhealthy
            : replies.healthy
          : path === '/'
            ? replies.root
            : replies.notFound;
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close() {
      server.close();
      server.closeIdleConnections();
    },
    closeAll() {
      server.close();
      server.closeAllConnections();
    },
  };
}
