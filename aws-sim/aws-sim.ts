import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createAutoScaling } from './auto-scaling/auto-scaling-service';
import { SimClock } from './clock';
import type { Cloud, ServiceName, SimModule } from './cloud';
import { handleControl } from './control/control-api';
import { createEc2 } from './ec2/ec2-service';
import { createElbv2 } from './elbv2/elbv2-service';
import { Faults } from './faults';
import { AwsError } from './protocol/aws-error';
import { withoutFields } from './protocol/omit-fields';
import { QueryParams } from './protocol/query-params';
import { errorReply, successReply, type WireReply } from './protocol/responses';

/** How to run aws-sim. */
export interface AwsSimOptions {
  /** Loopback port (0 for any). */
  readonly port?: number;
  /** Where state is kept across restarts (`<dataDir>/aws-sim/state.json`); none keeps it in memory. */
  readonly dataDir?: string;
  /** Real milliseconds per simulated AWS second (1000: real time; 10: tests). */
  readonly msPerSecond?: number;
  readonly region?: string;
}

/** A running aws-sim. */
export interface AwsSim {
  /** The endpoint to give the AWS SDK clients and `aws --endpoint-url`. */
  readonly endpoint: string;
  readonly port: number;
  readonly cloud: Cloud;
  readonly modules: Readonly<Record<ServiceName, SimModule>>;
  /** Saves state now (when a data directory is set). */
  save(): void;
  close(): Promise<void>;
}

const SERVICE_FROM_SCOPE = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

/** Starts aws-sim: EC2, Auto Scaling and ELBv2 on one loopback port, chosen by the SigV4 credential scope. */
export async function startAwsSim(options: AwsSimOptions = {}): Promise<AwsSim> {
  const region = options.region ?? 'eu-west-1';
  const stateFile = options.dataDir ? path.join(options.dataDir, 'aws-sim', 'state.json') : undefined;
  let saveTimer: NodeJS.Timeout | undefined;
  let revision = 0;
  const modules = {} as Record<ServiceName, SimModule>;
  const save = () => {
    if (!stateFile) return;
    const data = Object.fromEntries(Object.entries(modules).map(([k, m]) => [k, m.snapshot()]));
    fs.mkdirSync(path.dirname(stateFile), { recursive: true });
    fs.writeFileSync(`${stateFile}.tmp`, JSON.stringify(data));
    fs.renameSync(`${stateFile}.tmp`, stateFile);
  };
  const cloud: Cloud = {
    region,
    accountId: '123456789012',
    clock: new SimClock(options.msPerSecond ?? 1000),
    faults: new Faults(),
    ec2: undefined as unknown as Cloud['ec2'],
    elb: undefined as unknown as Cloud['elb'],
    changed() {
      revision += 1;
      if (!stateFile || saveTimer) return;
      saveTimer = setTimeout(() => {
        saveTimer = undefined;
        save();
      }, 100);
    },
    get revision() {
      return revision;
    },
    newId(prefix, hexDigits = 17) {
      return `${prefix}-${randomBytes(Math.ceil(hexDigits / 2))
        .toString('hex')
        .slice(0, hexDigits)}`;
    },
  };
  modules.ec2 = createEc2(cloud);
  modules.elasticloadbalancing = createElbv2(cloud);
  modules.autoscaling = createAutoScaling(cloud);

  if (stateFile && fs.existsSync(stateFile)) {
    const saved = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as Record<string, unknown>;
    for (const [name, m] of Object.entries(modules))
      if (saved[name] !== undefined) await m.restore(saved[name]);
  }
  for (const m of Object.values(modules)) await m.start();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      void serve(req, body).then((reply) => {
        res.writeHead(reply.status, {
          'content-type': reply.contentType ?? 'text/xml',
          'x-amzn-requestid': reply.requestId,
        });
        res.end(reply.body);
      });
    });
  });

  async function serve(
    req: http.IncomingMessage,
    body: string,
  ): Promise<WireReply & { requestId: string; contentType?: string }> {
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/_sim/')) {
      const reply = await handleControl(req.method ?? 'GET', url, body, cloud, modules);
      return { ...reply, requestId, contentType: 'application/json' };
    }
    const scope = SERVICE_FROM_SCOPE.exec(req.headers.authorization ?? '');
    const params = QueryParams.parse(`${url.search.slice(1)}&${body}`);
    if (!scope) {
      const error = new AwsError(
        'MissingAuthenticationToken',
        'Request is missing Authentication Token',
        403,
      );
      return { ...errorReply('awsQuery', 'http://aws-sim/', error, requestId), requestId };
    }
    const service = modules[scope[2] as ServiceName];
    if (!service) {
      const error = new AwsError(
        'UnrecognizedClientException',
        `aws-sim does not offer the service ${scope[2]}`,
        400,
      );
      return { ...errorReply('awsQuery', 'http://aws-sim/', error, requestId), requestId };
    }
    const action = params.action;
    try {
      cloud.faults.count(service.name, action);
      if (cloud.faults.shouldThrottle(action)) {
        throw service.protocol === 'ec2'
          ? new AwsError('RequestLimitExceeded', 'Request limit exceeded.', 503)
          : new AwsError('Throttling', 'Rate exceeded', 400);
      }
      const handler = service.actions[action];
      if (!handler)
        throw new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`, 400);
      const result = await handler(params);
      const omitted = cloud.faults.fieldsOmittedFrom(action);
      const shown = omitted ? withoutFields(result, omitted) : result;
      return { ...successReply(service.protocol, service.namespace, action, shown, requestId), requestId };
    } catch (e) {
      const error =
        e instanceof AwsError
          ? e
          : new AwsError('InternalFailure', e instanceof Error ? e.message : String(e), 500, 'Receiver');
      if (!(e instanceof AwsError))
        process.stderr.write(
          `aws-sim: ${service.name}:${action} failed: ${e instanceof Error ? e.stack : String(e)}\n`,
        );
      return { ...errorReply(service.protocol, service.namespace, error, requestId), requestId };
    }
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    cloud,
    modules,
    save,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (saveTimer) clearTimeout(saveTimer);
      save();
      for (const m of Object.values(modules)) await m.stop();
      cloud.clock.stop();
    },
  };
}
