import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { Accounts, SavedAccounts } from './accounts/accounts';
import type { AccountDeclaration, SimAccount } from './accounts/sim-account';
import { serveAws, serveAwsJson } from './aws-api';
import { SimClock } from './clock';
import type { Cloud, ServiceName, SimModule } from './cloud';
import { handleControl } from './control/control-api';
import { Faults } from './faults';
import { QueryParams } from './protocol/query-params';
import { SavedSessions, Sessions } from './sts/sessions';
import { createSts } from './sts/sts-service';

/** How to run aws-sim. */
export interface AwsSimOptions {
  /** Loopback port (0 for any). */
  readonly port?: number;
  /** Where state is kept across restarts (`<dataDir>/aws-sim/state.json`); none keeps it in memory. */
  readonly dataDir?: string;
  /** Real milliseconds per simulated AWS second (1000: real time; 10: tests). */
  readonly msPerSecond?: number;
  readonly region?: string;
  /** Accounts besides the default one (`123456789012`), whose roles STS lets callers assume. */
  readonly accounts?: readonly AccountDeclaration[];
}

/** A running aws-sim. */
export interface AwsSim {
  /** The endpoint to give the AWS SDK clients and `aws --endpoint-url`. */
  readonly endpoint: string;
  readonly port: number;
  /** The default account's cloud (the faults and the clock are every account's). */
  readonly cloud: Cloud;
  /** The default account's services. */
  readonly modules: Readonly<Record<ServiceName, SimModule>>;
  /** Every account's cloud and services. */
  readonly accounts: Accounts;
  /** Saves state now (when a data directory is set). */
  save(): void;
  close(): Promise<void>;
}

/** The saved state: every account's services and the sessions STS issued. */
const SavedState = z.object({ accounts: SavedAccounts, sessions: SavedSessions.default([]) });

/** What a state saved before accounts were kept holds: the default account's services, by name. */
const LegacyState = z.record(z.string(), z.unknown());

/** Starts aws-sim: EC2, Auto Scaling, ELBv2, SQS, EventBridge and STS on one loopback port, chosen by the SigV4 credential scope. */
export async function startAwsSim(options: AwsSimOptions = {}): Promise<AwsSim> {
  const stateFile = options.dataDir ? path.join(options.dataDir, 'aws-sim', 'state.json') : undefined;
  let saveTimer: NodeJS.Timeout | undefined;
  const clock = new SimClock(options.msPerSecond ?? 1000);
  const faults = new Faults();
  const sessions = new Sessions();
  const world = {
    region: options.region ?? 'eu-west-1',
    clock,
    faults,
    // an EventBridge rule's queue may be in any account the sim keeps
    queues: {
      sendTo: (arn: string, body: string): boolean =>
        accounts.get(arn.split(':')[4] ?? '')?.jsonModules.sqs.sendTo(arn, body) ?? false,
    },
    changed() {
      if (!stateFile || saveTimer) return;
      saveTimer = setTimeout(() => {
        saveTimer = undefined;
        save();
      }, 100);
    },
  };
  const accounts: Accounts = new Accounts(world, options.accounts ?? []);
  const sts = createSts(sessions, (accountId) => accounts.get(accountId) !== undefined);
  const save = () => {
    if (!stateFile) return;
    const data: z.input<typeof SavedState> = { accounts: accounts.snapshot(), sessions: sessions.snapshot() };
    fs.mkdirSync(path.dirname(stateFile), { recursive: true });
    fs.writeFileSync(`${stateFile}.tmp`, JSON.stringify(data));
    fs.renameSync(`${stateFile}.tmp`, stateFile);
  };

  if (stateFile && fs.existsSync(stateFile)) {
    const saved: unknown = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
    if (typeof saved === 'object' && saved !== null && 'accounts' in saved) {
      const state = SavedState.parse(saved);
      await accounts.restore(state.accounts);
      sessions.restore(state.sessions);
    } else {
      const { accountId, name } = accounts.default;
      await accounts.restore([{ accountId, name, modules: LegacyState.parse(saved) }]);
    }
  }
  await accounts.start();

  const api = { accounts, sessions, sts, faults };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      void serve(req, body).then((reply) => {
        res.writeHead(reply.status, {
          'content-type': reply.contentType ?? 'text/xml',
          'x-amzn-requestid': reply.requestId,
          ...reply.headers,
        });
        res.end(reply.body);
      });
    });
  });

  async function serve(
    req: http.IncomingMessage,
    body: string,
  ): Promise<{
    status: number;
    body: string;
    requestId: string;
    contentType?: string;
    headers?: Record<string, string>;
  }> {
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/_sim/')) {
      const reply = await handleControl(req.method ?? 'GET', url, body, {
        accounts,
        sessions,
        faults,
        clock,
      });
      return { ...reply, requestId, contentType: 'application/json' };
    }
    // SQS and EventBridge: AWS's JSON protocol, the action in X-Amz-Target
    if (req.headers['x-amz-target']) return { ...(await serveAwsJson(api, req.headers, body)), requestId };
    const params = QueryParams.parse(`${url.search.slice(1)}&${body}`);
    return { ...(await serveAws(api, req.headers, params, requestId)), requestId };
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const home: SimAccount = accounts.default;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    cloud: home.cloud,
    modules: home.modules,
    accounts,
    save,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (saveTimer) clearTimeout(saveTimer);
      save();
      await accounts.stop();
      clock.stop();
    },
  };
}
