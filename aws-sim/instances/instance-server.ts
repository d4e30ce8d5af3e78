import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SimInstance } from '../cloud';
import type { Faults } from '../faults';

/** A running instance's HTTP server on a loopback port. */
export interface InstanceServer {
  readonly port: number;
  /** Stops accepting connections at once; requests in flight finish. */
  close(): void;
  /** Closes every connection too (the instance is gone). */
  closeAll(): void;
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * Starts the instance's "application": `GET /` says what runs where, `GET <healthPath>` answers 200, or 500
 * while a fault marks one of its service versions unhealthy (checked per request, so faults bite at once).
 */
export async function startInstanceServer(instance: SimInstance, faults: Faults): Promise<InstanceServer> {
  const { services, healthPath } = instance.payload;
  const server = http.createServer({ keepAlive: true }, (req, res) => {
    const path = new URL(req.url ?? '/', 'http://instance').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return reply(res, 405, { error: 'method not allowed' });
    if (path === healthPath) {
      const sick = services.some((s) => faults.isUnhealthy(s.name, s.version));
      return reply(res, sick ? 500 : 200, { status: sick ? 'unhealthy' : 'ok' });
    }
    if (path === '/') {
      return reply(res, 200, {
        service: services[0]?.name,
        version: services[0]?.version,
        services,
        instanceId: instance.instanceId,
        availabilityZone: instance.availabilityZone,
      });
    }
    return reply(res, 404, { error: 'not found' });
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
