import fs from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DeregisterTargetsCommand,
  DescribeTargetHealthCommand,
  ModifyListenerCommand,
  ModifyTargetGroupAttributesCommand,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { launchRunning } from './support/launch-running';
import { eventually, startTestSim, type TestSim } from './support/test-sim';

/** GET through the listener: the answering instance (from the instance server's `GET /`) or the failure. */
async function hit(url: string): Promise<{ status: number; instanceId?: string }> {
  const res = await fetch(url);
  const text = await res.text();
  if (res.status !== 200) return { status: res.status };
  return { status: 200, instanceId: (JSON.parse(text) as { instanceId: string }).instanceId };
}

function countBy(values: (string | undefined)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[String(v)] = (counts[String(v)] ?? 0) + 1;
  return counts;
}

describe('aws-sim load balancer (listeners as real HTTP proxies)', () => {
  let t: TestSim;
  let n = 0;
  beforeAll(async () => (t = await startTestSim()));
  afterAll(() => t.close());

  async function targetGroup(ids: string[] = []): Promise<string> {
    const out = await t.elbv2.send(
      new CreateTargetGroupCommand({
        Name: `proxy-tg-${++n}`,
        Protocol: 'HTTP',
        Port: 8080,
        VpcId: 'vpc-1',
        HealthCheckPath: '/health',
        HealthCheckIntervalSeconds: 5,
        HealthCheckTimeoutSeconds: 2,
        HealthyThresholdCount: 2,
        UnhealthyThresholdCount: 2,
      }),
    );
    const arn = out.TargetGroups![0]!.TargetGroupArn!;
    if (ids.length)
      await t.elbv2.send(
        new RegisterTargetsCommand({ TargetGroupArn: arn, Targets: ids.map((Id) => ({ Id })) }),
      );
    return arn;
  }

  async function listener(
    forward: { TargetGroupArn: string; Weight: number }[],
  ): Promise<{ arn: string; url: string }> {
    const lb = await t.elbv2.send(
      new CreateLoadBalancerCommand({ Name: `proxy-lb-${++n}`, Subnets: ['subnet-a', 'subnet-b'] }),
    );
    const out = await t.elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb.LoadBalancers![0]!.LoadBalancerArn!,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'forward', ForwardConfig: { TargetGroups: forward } }],
      }),
    );
    const arn = out.Listeners![0]!.ListenerArn!;
    const local = await t.control('GET', '/_sim/listeners');
    return { arn, url: local.body.find((l: any) => l.listenerArn === arn).url };
  }

  async function allHealthy(tgArn: string, count: number): Promise<void> {
    await eventually('targets healthy', async () => {
      const out = await t.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tgArn }));
      const healthy = out.TargetHealthDescriptions!.filter((d) => d.TargetHealth!.State === 'healthy');
      return healthy.length === count ? true : undefined;
    });
  }

  it('round-robins over the healthy targets of the group', async () => {
    const ids = await launchRunning(t, 2);
    const tg = await targetGroup(ids);
    const { url } = await listener([{ TargetGroupArn: tg, Weight: 1 }]);
    await allHealthy(tg, 2);
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await hit(url));
    expect(answers.every((a) => a.status === 200)).toBeTrue();
    expect(countBy(answers.map((a) => a.instanceId))).toEqual({ [ids[0]!]: 5, [ids[1]!]: 5 });
  });

  it('answers 503 when the group has no targets, and fails open over unhealthy ones', async () => {
    const empty = await targetGroup();
    const { url } = await listener([{ TargetGroupArn: empty, Weight: 1 }]);
    expect((await hit(url)).status).toBe(503);
    const [id] = await launchRunning(t, 1);
    await t.control('PUT', '/_sim/faults/unhealthy-versions', [{ service: 'Basket', version: '1.0.0' }]);
    try {
      await t.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: empty, Targets: [{ Id: id! }] }));
      await eventually('unhealthy', async () => {
        const out = await t.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: empty }));
        return out.TargetHealthDescriptions![0]!.TargetHealth!.State === 'unhealthy' ? true : undefined;
      });
      expect(await hit(url)).toEqual({ status: 200, instanceId: id! });
    } finally {
      await t.control('DELETE', '/_sim/faults');
    }
  });

  it('splits requests by weight, gives a weight of 0 nothing, and follows a ModifyListener at once', async () => {
    const [blueId, greenId] = await launchRunning(t, 2);
    const blue = await targetGroup([blueId!]);
    const green = await targetGroup([greenId!]);
    const { arn, url } = await listener([
      { TargetGroupArn: blue, Weight: 90 },
      { TargetGroupArn: green, Weight: 10 },
    ]);
    await allHealthy(blue, 1);
    await allHealthy(green, 1);
    const answers = await Promise.all(Array.from({ length: 200 }, () => hit(url)));
    const counts = countBy(answers.map((a) => a.instanceId));
    expect(counts[blueId!]).toBeGreaterThanOrEqual(170);
    expect(counts[greenId!]).toBeGreaterThanOrEqual(10);
    expect(counts[blueId!]! + counts[greenId!]!).toBe(200);
    await t.elbv2.send(
      new ModifyListenerCommand({
        ListenerArn: arn,
        DefaultActions: [
          {
            Type: 'forward',
            ForwardConfig: {
              TargetGroups: [
                { TargetGroupArn: blue, Weight: 0 },
                { TargetGroupArn: green, Weight: 100 },
              ],
            },
          },
        ],
      }),
    );
    const after = await Promise.all(Array.from({ length: 30 }, () => hit(url)));
    expect(countBy(after.map((a) => a.instanceId))).toEqual({ [greenId!]: 30 });
  });

  it('routes by path-pattern rules before the default action', async () => {
    const [webId, apiId] = await launchRunning(t, 2);
    const web = await targetGroup([webId!]);
    const api = await targetGroup([apiId!]);
    const { arn, url } = await listener([{ TargetGroupArn: web, Weight: 1 }]);
    await t.elbv2.send(
      new CreateRuleCommand({
        ListenerArn: arn,
        Priority: 5,
        Conditions: [{ Field: 'path-pattern', Values: ['/api*'] }],
        Actions: [{ Type: 'forward', TargetGroupArn: api }],
      }),
    );
    await allHealthy(web, 1);
    await allHealthy(api, 1);
    // the instance server answers only `/`: a 404 from the api instance still shows where it went
    expect((await hit(url)).instanceId).toBe(webId!);
    const res = await fetch(`${url}/api/basket`);
    await res.text();
    expect(res.status).toBe(404);
    const other = await fetch(`${url}/elsewhere`);
    await other.text();
    expect(other.status).toBe(404);
  });

  describe('with a header-echoing target', () => {
    // The instance server does not echo headers or answer slowly: these specs point a real instance's
    // localPort at a tiny local server instead (a test double of the instance's application only).
    let echo: http.Server;
    let echoPort: number;
    beforeAll(async () => {
      echo = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const body = Buffer.concat(chunks);
          const reply = () => {
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(
              JSON.stringify({
                headers: req.headers,
                path: req.url,
                method: req.method,
                body: body.toString(),
              }),
            );
          };
          if (req.url === '/slow') setTimeout(reply, 300);
          else if (req.url === '/chunked') {
            // no Content-Length: Node sends the pieces chunked
            res.writeHead(200, { 'content-type': 'text/plain', 'x-pieces': '3' });
            res.write('one,');
            setTimeout(() => res.write('two,'), 20);
            setTimeout(() => res.end('three'), 40);
          } else if (req.url === '/big') {
            const big = Buffer.alloc(3 * 1024 * 1024, 'x');
            res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': big.length });
            res.end(big);
          } else if (req.url === '/empty') {
            res.writeHead(204);
            res.end();
          } else reply();
        });
      });
      await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
      echoPort = (echo.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => echo.close(() => resolve())));

    it('adds X-Forwarded-For, lets in-flight requests finish while draining, and answers 502 when a target refuses', async () => {
      const [id] = await launchRunning(t, 1);
      const instance = t.sim.cloud.ec2.instance(id!)!;
      instance.localPort = echoPort;
      const tg = await targetGroup([id!]);
      const { url } = await listener([{ TargetGroupArn: tg, Weight: 1 }]);
      await allHealthy(tg, 1);
      const res = await fetch(`${url}/hello?x=1`, { headers: { 'x-forwarded-for': '10.0.0.9' } });
      const body = (await res.json()) as { headers: Record<string, string>; path: string };
      expect(body.path).toBe('/hello?x=1');
      expect(body.headers['x-forwarded-for']).toBe('10.0.0.9, 127.0.0.1');
      expect(body.headers['x-forwarded-proto']).toBe('http');

      const slow = fetch(`${url}/slow`);
      await new Promise((r) => setTimeout(r, 50));
      await t.elbv2.send(new DeregisterTargetsCommand({ TargetGroupArn: tg, Targets: [{ Id: id! }] }));
      expect((await slow).status).toBe(200);
      expect((await hit(url)).status).toBe(503);

      const closed = http.createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const deadPort = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const [other] = await launchRunning(t, 1);
      t.sim.cloud.ec2.instance(other!)!.localPort = deadPort;
      const tg2 = await targetGroup([other!]);
      const second = await listener([{ TargetGroupArn: tg2, Weight: 1 }]);
      expect((await hit(second.url)).status).toBe(502);
    });

    it('forwards request bodies and HEAD requests, and streams chunked, empty and large replies back', async () => {
      const [id] = await launchRunning(t, 1);
      t.sim.cloud.ec2.instance(id!)!.localPort = echoPort;
      const tg = await targetGroup([id!]);
      const { url } = await listener([{ TargetGroupArn: tg, Weight: 1 }]);
      // the double answers health checks with 200 too
      await allHealthy(tg, 1);

      const sized = (await (await fetch(`${url}/form`, { method: 'POST', body: 'a=1&b=2' })).json()) as {
        method: string;
        body: string;
        headers: Record<string, string>;
      };
      expect([sized.method, sized.body, sized.headers['content-length']]).toEqual(['POST', 'a=1&b=2', '7']);

      // a streamed body has no length: it goes on chunked
      const stream = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('piece one, '));
          controller.enqueue(new TextEncoder().encode('piece two'));
          controller.close();
        },
      });
      const chunkedReq = (await (
        await fetch(`${url}/upload`, { method: 'PUT', body: stream, duplex: 'half' } as RequestInit)
      ).json()) as { body: string; headers: Record<string, string> };
      expect(chunkedReq.body).toBe('piece one, piece two');
      expect(chunkedReq.headers['transfer-encoding']).toBe('chunked');

      const chunked = await fetch(`${url}/chunked`);
      expect([chunked.status, chunked.headers.get('x-pieces'), await chunked.text()]).toEqual([
        200,
        '3',
        'one,two,three',
      ]);
      const empty = await fetch(`${url}/empty`);
      expect([empty.status, await empty.text()]).toEqual([204, '']);
      const head = await fetch(`${url}/`, { method: 'HEAD' });
      expect([head.status, await head.text()]).toEqual([200, '']);
      const big = await fetch(`${url}/big`);
      expect((await big.arrayBuffer()).byteLength).toBe(3 * 1024 * 1024);
      // and the connection is still good for the next request after each of those
      expect((await (await fetch(`${url}/after`)).json()) as { path: string }).toEqual(
        jasmine.objectContaining({ path: '/after' }),
      );
    });
  });

  it('sends a request again on a new connection when the target closes a kept-alive one as it arrives', async () => {
    // a target that answers the first request on each connection and drops the connection at the second,
    // as a server whose keep-alive timer fires just as the request arrives
    const sockets = new Set<net.Socket>();
    const flaky = net.createServer((socket) => {
      sockets.add(socket);
      let requests = 0;
      socket.on('data', () => {
        requests += 1;
        if (requests > 1) return void socket.destroy();
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\n\r\nok');
      });
    });
    await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', resolve));
    try {
      const [id] = await launchRunning(t, 1);
      const tg = await targetGroup([id!]);
      const { url } = await listener([{ TargetGroupArn: tg, Weight: 1 }]);
      await allHealthy(tg, 1);
      t.sim.cloud.ec2.instance(id!)!.localPort = (flaky.address() as AddressInfo).port;
      const answers = [];
      for (let i = 0; i < 3; i++) {
        const res = await fetch(url);
        answers.push([res.status, await res.text()]);
      }
      expect(answers).toEqual([
        [200, 'ok'],
        [200, 'ok'],
        [200, 'ok'],
      ]);
      // the second and third requests each found their connection dropped and went on a new one
      expect(sockets.size).toBe(3);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => flaky.close(() => resolve()));
    }
  });

  it('loses no request while one of two targets is deregistered, and the drained one gets no new request', async () => {
    const [stay, leave] = await launchRunning(t, 2);
    const tg = await targetGroup([stay!, leave!]);
    await t.elbv2.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: tg,
        Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '40' }],
      }),
    );
    const { url } = await listener([{ TargetGroupArn: tg, Weight: 1 }]);
    await allHealthy(tg, 2);
    const results: { sentAt: number; status: number; instanceId?: string }[] = [];
    const inFlight: Promise<void>[] = [];
    let deregisteredAt = Infinity;
    let goneAt = Infinity;
    // ~100 requests a second for 2 s; at 0.5 s the target leaves, and once drained its instance terminates
    const deregistering = new Promise<void>((resolve) =>
      setTimeout(async () => {
        await t.elbv2.send(new DeregisterTargetsCommand({ TargetGroupArn: tg, Targets: [{ Id: leave! }] }));
        deregisteredAt = Date.now();
        await eventually('drained target gone', async () => {
          const out = await t.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }));
          return out.TargetHealthDescriptions!.some((d) => d.Target!.Id === leave) ? undefined : true;
        });
        goneAt = Date.now();
        t.sim.cloud.ec2.terminate(leave!);
        resolve();
      }, 500),
    );
    // bounded by count, not by time: a busy machine paces slower but sends the same stream
    for (let i = 0; i < 200; i++) {
      const sentAt = Date.now();
      inFlight.push(hit(url).then((r) => void results.push({ sentAt, ...r })));
      await new Promise((r) => setTimeout(r, 10));
    }
    await Promise.all(inFlight);
    await deregistering;
    expect(results.length).toBe(200);
    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    expect(results.some((r) => r.instanceId === leave && r.sentAt < deregisteredAt)).toBeTrue();
    expect(results.filter((r) => r.instanceId === leave && r.sentAt > deregisteredAt)).toEqual([]);
    expect(results.filter((r) => r.sentAt > goneAt).length).toBeGreaterThan(0);
  });
});

describe('aws-sim load balancer across a restart', () => {
  it('listens again on the same local port and keeps its targets after a restore', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-sim-lb-'));
    let t = await startTestSim({ dataDir });
    try {
      const [id] = await launchRunning(t, 1);
      const tg = await t.elbv2.send(
        new CreateTargetGroupCommand({
          Name: 'kept',
          Protocol: 'HTTP',
          Port: 8080,
          VpcId: 'vpc-1',
          HealthCheckPath: '/health',
          HealthCheckIntervalSeconds: 5,
          HealthCheckTimeoutSeconds: 2,
          HealthyThresholdCount: 2,
        }),
      );
      const tgArn = tg.TargetGroups![0]!.TargetGroupArn!;
      await t.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: tgArn, Targets: [{ Id: id! }] }));
      const lb = await t.elbv2.send(new CreateLoadBalancerCommand({ Name: 'kept', Subnets: ['s-a', 's-b'] }));
      await t.elbv2.send(
        new CreateListenerCommand({
          LoadBalancerArn: lb.LoadBalancers![0]!.LoadBalancerArn!,
          Port: 80,
          Protocol: 'HTTP',
          DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
        }),
      );
      const before = (await t.control('GET', '/_sim/listeners')).body[0].url as string;
      await eventually('served', async () => ((await hit(before)).status === 200 ? true : undefined));
      await t.close();
      t = await startTestSim({ dataDir });
      const after = (await t.control('GET', '/_sim/listeners')).body[0].url as string;
      expect(after).toBe(before);
      expect(
        await eventually('served again', async () => {
          const r = await hit(after);
          return r.status === 200 ? r : undefined;
        }),
      ).toEqual({ status: 200, instanceId: id! });
    } finally {
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
