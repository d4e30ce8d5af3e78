import { parentPort } from 'node:worker_threads';
import type { HostReply, HostRequest } from './instance-host-protocol';
import { startInstanceServer, type InstanceIdentity, type InstanceServer } from './instance-server';

/*
 * The instance thread: every instance's HTTP server runs here, off the thread that serves the AWS API and
 * the listeners, as an instance's application runs on its own machine.
 */
const port = parentPort!;
const servers = new Map<string, InstanceServer>();
let unhealthyVersions = new Set<string>();
let unhealthyImages = new Set<string>();
const key = (service: string, version: string) => `${service}\u0000${version}`;
const isUnhealthy = (instance: InstanceIdentity) =>
  unhealthyImages.has(instance.imageId) ||
  instance.payload.services.some((s) => unhealthyVersions.has(key(s.name, s.version)));

async function handle(request: HostRequest): Promise<HostReply> {
  switch (request.kind) {
    case 'start': {
      const server = await startInstanceServer(request.instance, isUnhealthy);
      servers.get(request.instance.instanceId)?.closeAll();
      servers.set(request.instance.instanceId, server);
      return { id: request.id, ok: true, port: server.port };
    }
    case 'close':
      servers.get(request.instanceId)?.close();
      return { id: request.id, ok: true };
    case 'close-all':
      servers.get(request.instanceId)?.closeAll();
      servers.delete(request.instanceId);
      return { id: request.id, ok: true };
    case 'unhealthy':
      unhealthyVersions = new Set(request.marks.versions.map((v) => key(v.service, v.version)));
      unhealthyImages = new Set(request.marks.images);
      return { id: request.id, ok: true };
    case 'flush':
      return { id: request.id, ok: true };
  }
}

port.on('message', (request: HostRequest) => {
  handle(request).then(
    (reply) => port.postMessage(reply),
    (e: unknown) =>
      port.postMessage({ id: request.id, ok: false, error: e instanceof Error ? e.message : String(e) }),
  );
});
