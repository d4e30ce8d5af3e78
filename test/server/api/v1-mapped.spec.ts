import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { givenUser } from '../../fixtures/builders';
import { startTestSim, type TestSim } from '../../aws-sim/support/test-sim';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import {
  givenFleetEstate,
  scaleGroup,
  targetsHealthy,
  versionBehind,
  type FleetEstate,
} from '../fleet/support/fleet-estate';

describe("the original's Consul and NGINX operations, mapped (target state, upstreams, lb-settings, load-balancer)", () => {
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let anonymous: ApiClient;
  let estate: FleetEstate;
  let ports: { blue: number; green: number };
  let dnsName: string;
  const upstream = () => `${estate.environment}-${estate.apiService}`;
  const key = () => `/${estate.environment}_${upstream()}/config`;

  beforeAll(async () => {
    sim = await startTestSim();
    tp = await startTestPortal({ awsEndpoint: sim.sim.endpoint });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    anonymous = admin.as(undefined);
    estate = await givenFleetEstate(admin, sim);
    const service = await admin.get(`/config/service/${estate.apiService}`);
    ports = { blue: service.body.Value.BluePort, green: service.body.Value.GreenPort };
    const lbs = await sim.elbv2.send(
      new DescribeLoadBalancersCommand({ Names: [`${estate.environment}-api`] }),
    );
    dnsName = lbs.LoadBalancers![0]!.DNSName!;
  });
  afterAll(async () => {
    await tp.close();
    await sim.close();
  });

  it("shows each ASG's target state: the services and versions of its launch template, by role and slice", async () => {
    const res = await admin.get(`/target-state/${estate.environment}`);
    expect(res.status).toBe(200);
    const service = (name: string, version: string, slice: string, group: string) => ({
      Name: name,
      Version: version,
      Slice: slice,
      Action: 'Install',
      AutoScalingGroup: group,
      LaunchTemplate: { LaunchTemplateId: jasmine.stringMatching(/^lt-/), Version: 1 },
    });
    expect(res.body).toEqual({
      EnvironmentName: estate.environment,
      Value: [
        { Role: 'web', Services: [service(estate.webService, '1.0.0', 'none', estate.webGroup)] },
        {
          Role: 'api',
          Services: [
            service(estate.apiService, '2.0.0', 'blue', estate.blueGroup),
            // the empty green group still says what its instances would run
            service(estate.apiService, '2.1.0', 'green', estate.greenGroup),
          ],
        },
      ],
    });
    const api = await admin.get(`/target-state/${estate.environment}?serverRole=api`);
    expect(api.body.Value.map((r: { Role: string }) => r.Role)).toEqual(['api']);
    expect((await admin.get('/target-state/nowhere')).status).toBe(404);
    expect((await anonymous.get(`/target-state/${estate.environment}`)).status).toBe(401);
  });

  it('answers the target state writes with 410 saying that deployments change what an ASG runs', async () => {
    const writes = [
      admin.delete(`/target-state/${estate.environment}`, undefined),
      admin.delete(`/target-state/${estate.environment}/${estate.apiService}`, undefined),
      admin.delete(`/target-state/${estate.environment}/${estate.apiService}/2.0.0`, undefined),
    ];
    for (const res of await Promise.all(writes)) {
      expect(res.status).toBe(410);
      expect(res.contentType).toContain('application/problem+json');
      expect(res.body.type).toBe('urn:environment-manager:problem:gone');
      expect(res.body.detail).toContain("launch template's");
      expect(res.body.detail).toContain('POST /deployments');
    }
    const toggle = await admin.put(
      `/target-state/${estate.environment}/${estate.apiService}/toggle-status`,
      { Enable: false, Slice: 'blue', ServerRole: 'api', EnvironmentType: estate.type },
      undefined,
    );
    expect(toggle.status).toBe(410);
    expect(toggle.body.detail).toContain('PUT /services/{service}/slices/toggle');
    expect((await anonymous.delete(`/target-state/${estate.environment}`, undefined)).status).toBe(401);
  });

  it("lists the blue/green services' upstreams from their load balancer, in the original's record shape", async () => {
    const res = await admin.get(`/config/upstreams?qa=environment&qv=${estate.environment}`);
    expect(res.status).toBe(200);
    const record = {
      key: key(),
      Value: {
        EnvironmentName: estate.environment,
        ServiceName: estate.apiService,
        UpstreamName: upstream(),
        Hosts: [
          { DnsName: `${estate.environment}-api-blue`, Port: ports.blue, State: 'up', Weight: 100 },
          { DnsName: `${estate.environment}-api-green`, Port: ports.green, State: 'down', Weight: 0 },
        ],
      },
    };
    // the web role has no load balancer: its service has no upstream
    expect(res.body).toEqual([record]);
    expect((await admin.get('/config/upstreams')).body).toEqual([record]);
    expect((await admin.get(`/config/upstreams?qa=load-balancer-group&qv=${estate.type}`)).body).toEqual([
      record,
    ]);
    expect((await admin.get(`/config/upstreams?qa=environment&qv=nowhere`)).body).toEqual([]);
    expect((await admin.get(`/config/upstreams/${encodeURIComponent(key())}?account=Sandbox`)).body).toEqual(
      record,
    );
    expect((await admin.get(`/config/upstreams/${upstream()}`)).body).toEqual(record);
    const web = await admin.get(`/config/upstreams/${estate.environment}-${estate.webService}`);
    expect(web.status).toBe(404);
    expect(web.body.detail).toContain('blue/green roles');
  });

  it('answers the upstream and virtual host writes with 410 saying they are read from the load balancers', async () => {
    const writes = [
      admin.post('/config/upstreams', { key: key(), Value: { EnvironmentName: estate.environment } }),
      admin.put(`/config/upstreams/${encodeURIComponent(key())}`, { EnvironmentName: estate.environment }, 1),
      admin.delete(`/config/upstreams/${encodeURIComponent(key())}`, 1),
      admin.post('/config/lb-settings', { EnvironmentName: estate.environment, VHostName: 'x', Value: {} }),
      admin.put(`/config/lb-settings/${estate.environment}/x`, { FrontEnd: true }, 1),
      admin.delete(`/config/lb-settings/${estate.environment}/x`, undefined),
    ];
    for (const res of await Promise.all(writes)) {
      expect(res.status).toBe(410);
      expect(res.body.title).toBe('Gone');
      expect(res.body.detail).toMatch(/are read from the (load balancers|blue\/green roles' load balancers)/);
      expect(res.body.detail).toContain('slices/toggle');
    }
    expect((await anonymous.post('/config/upstreams', {})).status).toBe(401);
    expect((await anonymous.delete(`/config/lb-settings/${estate.environment}/x`, undefined)).status).toBe(
      401,
    );
  });

  it("shows each blue/green role's load balancer as a virtual host: listeners, DNS name and a location per service", async () => {
    const res = await admin.get(`/config/lb-settings?environment=${estate.environment}`);
    expect(res.status).toBe(200);
    const vhost = {
      EnvironmentName: estate.environment,
      VHostName: `${estate.environment}-api`,
      Value: {
        EnvironmentName: estate.environment,
        VHostName: `${estate.environment}-api`,
        FrontEnd: true,
        ServerName: [dnsName],
        Listen: [{ Port: 80, SSL: false, IP: null }],
        Locations: [{ Path: '/', ProxyPass: `http://${upstream()}` }],
        SSLCertificate: null,
        SSLKey: null,
      },
    };
    expect(res.body).toEqual([vhost]);
    expect(
      (await admin.get(`/config/lb-settings?environment=${estate.environment}&frontend=false`)).body,
    ).toEqual([]);
    expect(
      (await admin.get(`/config/lb-settings/${estate.environment}/${estate.environment}-api`)).body,
    ).toEqual(vhost);
    expect((await admin.get(`/config/lb-settings/${estate.environment}/elsewhere`)).status).toBe(404);
    expect((await admin.get(`/config/lb-settings/nowhere/elsewhere`)).status).toBe(404);
  });

  it('shows a load balancer by name or DNS name as its target groups and targets', async () => {
    const res = await admin.get(`/load-balancer/${estate.environment}-api`);
    expect(res.status).toBe(200);
    expect(res.body.map((u: { Name: string }) => u.Name)).toEqual([
      `${estate.environment}-api-blue`,
      `${estate.environment}-api-green`,
    ]);
    const [blue, green] = res.body;
    expect(blue.Hosts.length).toBe(2);
    for (const host of blue.Hosts) {
      expect(host).toEqual({
        Server: jasmine.stringMatching(/^i-[0-9a-f]+:\d+$/),
        State: 'up',
        HealthChecks: { unhealthy: 0 },
      });
    }
    expect(green.Hosts).toEqual([]);
    expect((await admin.get(`/load-balancer/${dnsName}`)).body).toEqual(res.body);
    expect((await admin.get('/load-balancer/no-such-balancer')).status).toBe(404);
  });

  it("lists an upstream's slices by its name, its key or its service's name", async () => {
    const expected = [
      {
        Key: key(),
        EnvironmentName: estate.environment,
        ServiceName: estate.apiService,
        UpstreamName: upstream(),
        DnsName: `${estate.environment}-api-blue`,
        Port: ports.blue,
        OwningCluster: estate.cluster,
        Name: 'blue',
        State: 'Active',
        Weight: 100,
        Version: '2.0.0',
      },
      {
        Key: key(),
        EnvironmentName: estate.environment,
        ServiceName: estate.apiService,
        UpstreamName: upstream(),
        DnsName: `${estate.environment}-api-green`,
        Port: ports.green,
        OwningCluster: estate.cluster,
        Name: 'green',
        State: 'Inactive',
        Weight: 0,
        Version: null,
      },
    ];
    const env = `environment=${estate.environment}`;
    for (const name of [upstream(), encodeURIComponent(key()), estate.apiService]) {
      const res = await admin.get(`/upstreams/${name}/slices?${env}`);
      expect(res.status).withContext(name).toBe(200);
      expect(res.body).withContext(name).toEqual(expected);
    }
    expect((await admin.get(`/upstreams/${upstream()}/slices?${env}&active=false`)).body).toEqual([
      expected[1],
    ]);
    expect((await admin.get(`/upstreams/${estate.webService}/slices?${env}`)).status).toBe(404);
    expect((await admin.get(`/upstreams/${upstream()}/slices`)).status).toBe(400);
  });

  it("toggles an upstream's slices through the slice toggle: its permission, its health gate, then the listener", async () => {
    const toggle = `/upstreams/${upstream()}/slices/toggle?environment=${estate.environment}`;
    expect((await anonymous.put(toggle, undefined, undefined)).status).toBe(401);
    const outsider = await givenUser(admin, {
      grants: [{ Action: 'operate-asgs', Clusters: [estate.cluster], EnvironmentTypes: [estate.type] }],
    });
    const refused = await outsider.put(toggle, undefined, undefined);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain('toggle-slices');
    const member = await givenUser(admin, {
      grants: [{ Action: 'toggle-slices', Clusters: [estate.cluster], EnvironmentTypes: [estate.type] }],
    });
    const empty = await member.put(toggle, undefined, undefined);
    expect(empty.status).toBe(409);
    expect(empty.body.detail).toContain('green slice has no registered targets');
    expect(await versionBehind(sim, estate.listenerArn)).toBe('2.0.0');

    await scaleGroup(sim, estate.greenGroup, 1);
    await targetsHealthy(sim, estate.targetGroups.green, 1);
    const res = await member.put(toggle, undefined, undefined);
    expect(res.status).toBe(200);
    expect(
      res.body.map((s: { Name: string; State: string; Weight: number }) => [s.Name, s.State, s.Weight]),
    ).toEqual([
      ['blue', 'Inactive', 0],
      ['green', 'Active', 100],
    ]);
    expect(await versionBehind(sim, estate.listenerArn)).toBe('2.1.0');
    const hosts = (await admin.get(`/config/upstreams/${upstream()}`)).body.Value.Hosts;
    expect(hosts.map((h: { State: string }) => h.State)).toEqual(['down', 'up']);
  });

  it('answers the operations still to come with 501 naming their feature, never 404', async () => {
    const connect = await admin.get('/instances/i-0123456789abcdef0/connect');
    expect(connect.status).toBe(501);
    expect(connect.contentType).toContain('application/problem+json');
    expect(connect.body.type).toBe('urn:environment-manager:problem:not-implemented');
    expect(connect.body.detail).toBe(
      'GET /instances/{id}/connect is not implemented yet: it comes with operations: schedules, maintenance and notifications (issue 12)',
    );
    const pkg = await admin.get(`/package-upload-url/${estate.apiService}/1.2.3/${estate.environment}`);
    expect(pkg.status).toBe(501);
    expect(pkg.body.detail).toContain('packages do not exist here yet');
    // those that came with issue 12 answer, and ask who is calling first
    expect((await anonymous.put('/instances/i-0abc/maintenance', { Enable: true }, undefined)).status).toBe(
      401,
    );
    expect((await anonymous.delete('/config/notification-settings/n1', 1)).status).toBe(401);
    expect((await admin.get(`/environments/${estate.environment}/schedule-status`)).status).toBe(200);
  });

  it('documents the mapped, not-yet and image operations in the OpenAPI document with their original inputs', async () => {
    const doc = (await admin.get('/openapi.json')).body;
    const connect = doc.paths['/instances/{id}/connect'].get;
    expect(connect.summary).toContain('not implemented yet');
    const schedule = doc.paths['/environments/{name}/schedule-status'].get;
    expect(schedule.summary).not.toContain('not implemented yet');
    expect(schedule.parameters.map((p: { name: string }) => p.name)).toContain('at');
    // the image and instance operations answer now, with the original's inputs
    const images = doc.paths['/images'].get;
    expect(images.summary).not.toContain('not implemented yet');
    expect(images.parameters.map((p: { name: string }) => p.name)).toEqual(['account', 'stable']);
    expect(doc.paths['/instances'].get.parameters.map((p: { name: string }) => p.name)).toContain(
      'include_deployments_status',
    );
    expect(doc.paths['/target-state/{environment}'].delete.summary).toContain('gone');
    expect(
      Object.keys(doc.paths['/target-state/{environment}/{service}/toggle-status'].put.requestBody.content),
    ).toEqual(['application/json']);
    expect(doc.paths['/config/lb-settings'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      jasmine.arrayContaining(['environment', 'frontend', 'qa', 'qv']),
    );
  });
});
