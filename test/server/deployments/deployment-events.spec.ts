import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import type { Deployment, DeploymentLogLine } from '@shared/deployments/deployment';
import { deploymentEventRoutes } from '../../../server/api/deployment-events';
import type { DeploymentStore, StoredDeployment } from '../../../server/deployments/deployment-store';
import { createLogger } from '../../../server/logger';
import { errorMiddleware } from '../../../server/http/error-middleware';
import { mountRoutes } from '../../../server/http/mount-routes';
import { startTestSim, type TestSim } from '../../aws-sim/support/test-sim';
import { ApiClient } from '../../support/api-client';
import { readEventStream } from '../../support/event-stream';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { givenFleetEstate, type FleetEstate } from '../fleet/support/fleet-estate';

/** The stream of a real portal: a patch run by its engine against aws-sim, read over HTTP. */
describe('deployment events (GET /deployments/{id}/events, Server-Sent Events)', () => {
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let estate: FleetEstate;
  let finishedId: string;

  beforeAll(async () => {
    sim = await startTestSim();
    tp = await startTestPortal({ awsEndpoint: sim.sim.endpoint, engineTickMs: 40 });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    estate = await givenFleetEstate(admin, sim);
    // instances boot in 1 s (not 0.2 s), longer than the stream's 500 ms poll: a record shows them booting
    await sim.control('PUT', '/_sim/faults/boot', { delayFactor: 5 });
  }, 60_000);
  afterAll(async () => {
    await tp.close();
    await sim.close();
  });

  const eventsUrl = (id: string) => `${tp.baseUrl}/api/v1/deployments/${id}/events`;
  const deploy = async (version: string) => {
    const res = await admin.post('/deployments', {
      environment: estate.environment,
      service: estate.webService,
      version,
    });
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(202);
    return res.body.DeploymentID as string;
  };

  it('streams a patch from its start: the record at each change, every log line once, then end', async () => {
    const id = await deploy('1.1.0');
    const reading = await readEventStream(eventsUrl(id), { token: admin.token });

    expect(reading.status).toBe(200);
    expect(reading.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(reading.headers.get('cache-control')).toBe('no-store');
    expect(reading.closedByServer).toBeTrue();
    const ids = reading.events.map((e) => Number(e.id));
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    expect(reading.events[0]!.event).toBe('deployment');
    expect(reading.events.at(-1)).toEqual({
      id: String(ids.length),
      event: 'end',
      data: { status: 'Success' },
    });

    const records = reading.events.filter((e) => e.event === 'deployment').map((e) => e.data as Deployment);
    const versions = records.map((r) => r.Version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(records.every((r) => r.DeploymentID === id)).toBeTrue();
    const waiting = records.find((r) =>
      r.Value.Steps.some((s) => s.name === 'wait-for-new-instances' && s.status === 'running'),
    );
    expect(waiting).withContext('a record while the new instances boot').toBeDefined();
    const last = records.at(-1)!;
    expect(last.Value.Status).toBe('Success');
    expect(last.Value.Steps.every((s) => s.status === 'succeeded')).toBeTrue();
    expect(
      last.Value.Steps.find((s) => s.name === 'wait-for-new-instances')!.outputs['newInstanceIds'],
    ).toEqual(jasmine.any(Array));

    const streamed = reading.events.filter((e) => e.event === 'log').map((e) => e.data as DeploymentLogLine);
    const stored = (await admin.get(`/deployments/${id}/log`)).body as DeploymentLogLine[];
    expect(streamed.map((l) => l.message).sort()).toEqual(stored.map((l) => l.message).sort());
    expect(streamed.map((l) => l.message)).toContain('deployment succeeded');
    finishedId = id;
  }, 90_000);

  it('replays a deployment that is over: its record, its log, and end at once', async () => {
    const reading = await readEventStream(eventsUrl(finishedId), { token: admin.token, ms: 10_000 });
    const stored = (await admin.get(`/deployments/${finishedId}/log`)).body as DeploymentLogLine[];

    expect(reading.closedByServer).toBeTrue();
    expect(reading.events.map((e) => e.event)).toEqual(['deployment', ...stored.map(() => 'log'), 'end']);
    expect(reading.events[0]!.data.Value.Status).toBe('Success');
    expect(reading.events.at(-1)!.data).toEqual({ status: 'Success' });
  });

  it('answers an unknown deployment with a 404 problem, not a stream', async () => {
    const reading = await readEventStream(eventsUrl('01J0000000000000000000000Z'), { token: admin.token });
    expect(reading.status).toBe(404);
    expect(reading.headers.get('content-type')).toContain('application/problem+json');
    expect(reading.body.detail).toContain('no deployment');
  });

  it('refuses a caller who is not signed in, and an id that is not one', async () => {
    const anonymous = await readEventStream(eventsUrl(finishedId));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    const malformed = await readEventStream(eventsUrl('not-an-id'), { token: admin.token });
    expect(malformed.status).toBe(400);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await admin.get('/openapi.json')).body;
    expect(doc.paths['/deployments/{id}/events']?.get).toBeDefined();
  });
});

/** A store holding one deployment that never ends, counting its reads (the stream's timing, without AWS). */
class StillRunningStore implements DeploymentStore {
  reads = 0;
  constructor(private readonly stored: StoredDeployment) {}
  async get(id: string) {
    this.reads += 1;
    return id === this.stored.id ? this.stored : undefined;
  }
  async log(): Promise<DeploymentLogLine[]> {
    return [{ at: new Date(0).toISOString(), level: 'info', message: 'started' }];
  }
  getMany(): never {
    throw new Error('not in this spec');
  }
  statuses(): never {
    throw new Error('not in this spec');
  }
  create(): never {
    throw new Error('not in this spec');
  }
  save(): never {
    throw new Error('not in this spec');
  }
  list(): never {
    throw new Error('not in this spec');
  }
  due(): never {
    throw new Error('not in this spec');
  }
  appendLog(): never {
    throw new Error('not in this spec');
  }
  lease(): never {
    throw new Error('not in this spec');
  }
  release(): never {
    throw new Error('not in this spec');
  }
}

/** The route alone on an Express app with a signed-in caller, polling every 20 ms, a heartbeat every 50 ms. */
describe('deployment event stream timing', () => {
  const id = '01J00000000000000000000RUN';
  let store: StillRunningStore;
  let server: Server;
  let url: string;

  beforeEach(async () => {
    store = new StillRunningStore({
      id,
      version: 3,
      value: {
        EnvironmentName: 'e1',
        EnvironmentType: 'Test',
        ServiceName: 'web',
        ServiceVersion: '1.0.0',
        ServiceSlice: 'none',
        ServerRoleName: 'web',
        OwningCluster: 'Team',
        AutoScalingGroupName: 'e1-tm-web',
        DeploymentType: 'overwrite',
        Status: 'In Progress',
        User: 'admin',
        StartTimestamp: new Date(0).toISOString(),
        CanarySteps: [],
        BakeSeconds: 0,
        RequireApproval: false,
        Steps: [{ name: 'wait-for-new-instances', status: 'running', attempts: 1, outputs: {} }],
      },
    });
    const app = express();
    app.use((_req, res, next) => {
      res.locals['auth'] = {
        principal: {
          username: 'admin',
          displayName: 'admin',
          groups: [],
          via: 'bearer',
          credentialHash: '',
          grants: async () => [],
        },
      };
      next();
    });
    app.use('/api/v1', mountRoutes(deploymentEventRoutes(store, { pollMs: 20, heartbeatMs: 50 })));
    app.use(errorMiddleware(createLogger('silent')));
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/deployments/${id}/events`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('keeps an idle stream open with heartbeat comments, sending the unchanged record only once', async () => {
    const reading = await readEventStream(url, { ms: 400 });
    expect(reading.closedByServer).toBeFalse();
    expect(reading.comments).toBeGreaterThanOrEqual(3);
    expect(reading.events.map((e) => e.event)).toEqual(['deployment', 'log']);
    expect(store.reads).toBeGreaterThan(5);
  });

  it('stops polling the store once the client goes away', async () => {
    await readEventStream(url, { ms: 150 });
    await new Promise((r) => setTimeout(r, 50));
    const readsAtDisconnect = store.reads;
    await new Promise((r) => setTimeout(r, 300));
    expect(readsAtDisconnect).toBeGreaterThan(2);
    expect(store.reads).toBe(readsAtDisconnect);
  });
});
