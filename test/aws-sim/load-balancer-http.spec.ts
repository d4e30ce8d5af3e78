import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeTargetHealthCommand,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { launchRunning } from './support/launch-running';
import { eventually, startTestSim, type TestSim } from './support/test-sim';

/** Writes raw bytes to a listener and collects what comes back until the listener closes or `until` holds. */
function exchange(
  port: number,
  pieces: string[],
  until: (received: string) => boolean = () => false,
): Promise<{ received: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ received, closed });
    };
    socket.on('data', (d: Buffer) => {
      received += d.toString('latin1');
      if (until(received)) finish(false);
    });
    socket.on('close', () => finish(true));
    socket.on('error', reject);
    socket.on('connect', async () => {
      for (const piece of pieces) {
        socket.write(piece, 'latin1');
        await new Promise((r) => setTimeout(r, 20));
      }
    });
  });
}

/** The status codes of the responses in a raw reply, in order. */
const statuses = (raw: string) => [...raw.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
const count = (raw: string, text: string) => raw.split(text).length - 1;

describe('aws-sim load balancer (the HTTP/1.1 its listeners speak to clients)', () => {
  let t: TestSim;
  let echo: http.Server;
  let port: number;

  beforeAll(async () => {
    t = await startTestSim();
    // a test double of the instance's application that says what it got
    echo = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = `${req.method} ${req.url} ${Buffer.concat(chunks).toString()}|`;
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      });
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const [id] = await launchRunning(t, 1);
    t.sim.cloud.ec2.instance(id!)!.localPort = (echo.address() as AddressInfo).port;
    const tg = await t.elbv2.send(
      new CreateTargetGroupCommand({
        Name: 'raw-http',
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
    const lb = await t.elbv2.send(
      new CreateLoadBalancerCommand({ Name: 'raw-http', Subnets: ['s-a', 's-b'] }),
    );
    const out = await t.elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb.LoadBalancers![0]!.LoadBalancerArn!,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
      }),
    );
    const arn = out.Listeners![0]!.ListenerArn!;
    const url = (await t.control('GET', '/_sim/listeners')).body.find((l: any) => l.listenerArn === arn)
      .url as string;
    port = Number(new URL(url).port);
    await eventually('target healthy', async () => {
      const h = await t.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tgArn }));
      return h.TargetHealthDescriptions![0]!.TargetHealth!.State === 'healthy' ? true : undefined;
    });
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => echo.close(() => resolve()));
  });

  it('answers pipelined requests in order on one connection, a head split over several reads too', async () => {
    const { received } = await exchange(
      port,
      [
        'GET /one HTTP/1.1\r\nHost: a\r\n\r\nPOST /two HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc',
        'GET /thr',
        'ee HTTP/1.1\r\nHost: a\r\n\r\n',
      ],
      (r) => count(r, '|') === 3,
    );
    expect(statuses(received)).toEqual([200, 200, 200]);
    expect(received.match(/(GET|POST) \/\w+ \w*\|/g)).toEqual([
      'GET /one |',
      'POST /two abc|',
      'GET /three |',
    ]);
  });

  it('keeps an HTTP/1.0 connection only when asked, and closes one that says Connection: close', async () => {
    const kept = await exchange(
      port,
      ['GET /a HTTP/1.0\r\nHost: a\r\nConnection: keep-alive\r\n\r\n', 'GET /b HTTP/1.0\r\nHost: a\r\n\r\n'],
      () => false,
    );
    expect(statuses(kept.received)).toEqual([200, 200]);
    expect(kept.received).toContain('connection: keep-alive\r\n');
    expect(kept.closed).toBeTrue();
    const closed = await exchange(port, ['GET /c HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n']);
    expect(statuses(closed.received)).toEqual([200]);
    expect(closed.received).toContain('connection: close\r\n');
    expect(closed.closed).toBeTrue();
  });

  it('sends 100 Continue to a client that expects it, then forwards its chunked body', async () => {
    const { received } = await exchange(
      port,
      [
        'PUT /up HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n',
        '4\r\nabcd\r\n',
        '2\r\nef\r\n0\r\n\r\n',
      ],
      (r) => r.includes('|'),
    );
    expect(received.startsWith('HTTP/1.1 100 Continue\r\n\r\n')).toBeTrue();
    expect(received).toContain('PUT /up abcdef|');
  });

  it('refuses a malformed head, a missing Host, and Content-Length beside Transfer-Encoding with 400', async () => {
    for (const head of [
      'GET /\r\n\r\n',
      'GET / HTTP/1.1\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: a\r\nBad Name: x\r\n\r\n',
      'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n',
      'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 4\r\n\r\nabc',
    ]) {
      const { received, closed } = await exchange(port, [head]);
      expect([head, statuses(received), closed]).toEqual([head, [400], true]);
    }
  });

  it('answers a client that half-closes after its request', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () =>
        socket.end('GET /half HTTP/1.1\r\nHost: a\r\n\r\n', 'latin1'),
      );
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(statuses(received)).toEqual([200]);
    expect(received).toContain('GET /half |');
  });
});
