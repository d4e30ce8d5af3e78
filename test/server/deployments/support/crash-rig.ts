import { randomBytes } from 'node:crypto';
import { DescribeAutoScalingGroupsCommand, type AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { Deployment, isTerminal } from '@shared/deployments/deployment';
import { createDynamoDb, type DynamoDb } from '../../../../server/adapters/dynamodb/document-client';
import { tableNames } from '../../../../server/adapters/dynamodb/tables';
import { ApiClient } from '../../../support/api-client';
import { testDynamoDb } from '../../../support/dynamodb';
import { startPortalProcess, type PortalProcess } from '../../../support/portal-process';
import { startSimProcess, type SimProcess } from '../../../support/sim-process';
import { givenFleetEstate, type FleetEstate } from '../../fleet/support/fleet-estate';
import { StepBreakpoints } from './step-breakpoints';

const ADMIN_PASSWORD = 'crash-resume-admin-password';

/** A deployment's item as the engine left it in the Deployments table. */
const DeploymentItem = z.object({
  Value: Deployment.shape.Value,
  Version: z.number().int(),
  LeaseOwner: z.string().optional(),
  LeaseExpiresAt: z.number().optional(),
  Active: z.string().optional(),
});
/** A deployment's item as stored. */
export type DeploymentItem = z.infer<typeof DeploymentItem>;
/** A deployment as the API and the engine have it. */
export type DeploymentValue = Deployment['Value'];

/** Waits until `probe` gives a value, looking every `everyMs`. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  options: { ms?: number; everyMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.ms ?? 30_000);
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, options.everyMs ?? 10));
  }
}

/**
 * What the crash specs run on, each part its own process: aws-sim, DynamoDB Local, a portal that serves the
 * API without an engine (deployments are requested, and rollbacks asked for, there: it stays up while engine
 * processes die), and one engine portal at a time, started with `--inspect` so that a spec can pause it in
 * a step. The engine portal is the one killed; the next one takes over when its lease ends.
 */
export class CrashRig {
  private breakpoints: Promise<StepBreakpoints> | undefined;

  private constructor(
    readonly sim: SimProcess,
    private readonly db: DynamoDb,
    private readonly env: Record<string, string>,
    private readonly apiPortal: PortalProcess,
    /** The admin, on the API portal. */
    readonly api: ApiClient,
    readonly estate: FleetEstate,
    private engine: PortalProcess,
  ) {}

  /** Starts aws-sim (`msPerSecond` real ms per AWS second), the API portal, an engine portal and the estate. */
  static async start(options: { msPerSecond: number }): Promise<CrashRig> {
    const dynamoDbEndpoint = (await testDynamoDb()).endpoint;
    const db = createDynamoDb('eu-west-1', dynamoDbEndpoint);
    const sim = await startSimProcess({ msPerSecond: options.msPerSecond });
    const env = {
      EM_DYNAMODB_ENDPOINT: dynamoDbEndpoint,
      EM_AWS_ENDPOINT: sim.endpoint,
      EM_TABLE_PREFIX: `crash${randomBytes(3).toString('hex')}-`,
      EM_ENGINE_POLL_MS: '40',
      EM_ENGINE_SCAN_MS: '200',
      EM_ENGINE_LEASE_MS: '1500',
      EM_DEMO_ESTATE: 'false',
      EM_ADMIN_PASSWORD: ADMIN_PASSWORD,
    };
    const apiPortal = await startPortalProcess({ env: { ...env, EM_ENGINE: 'off' } });
    const api = await new ApiClient(apiPortal.baseUrl).signIn('admin', ADMIN_PASSWORD);
    const estate = await givenFleetEstate(api, sim);
    return new CrashRig(sim, db, env, apiPortal, api, estate, await startEngine(env));
  }

  /** The deployment's item, read consistently. */
  async item(id: string): Promise<DeploymentItem> {
    const res = await this.db.doc.send(
      new GetCommand({
        TableName: tableNames(this.env.EM_TABLE_PREFIX!).deployments,
        Key: { PK: `DEPLOYMENT#${id}`, SK: 'RECORD' },
        ConsistentRead: true,
      }),
    );
    return DeploymentItem.parse(res.Item);
  }

  /** The lock item of a service in an environment, if any is left. */
  async lock(environment: string, service: string): Promise<unknown> {
    const res = await this.db.doc.send(
      new GetCommand({
        TableName: tableNames(this.env.EM_TABLE_PREFIX!).deployments,
        Key: { PK: `LOCK#${environment}#${service}`, SK: 'LOCK' },
        ConsistentRead: true,
      }),
    );
    return res.Item;
  }

  /** The lock item of an Auto Scaling group, if any is left. */
  async groupLock(group: string): Promise<unknown> {
    const res = await this.db.doc.send(
      new GetCommand({
        TableName: tableNames(this.env.EM_TABLE_PREFIX!).deployments,
        Key: { PK: `LOCK#GROUP#${group}`, SK: 'LOCK' },
        ConsistentRead: true,
      }),
    );
    return res.Item;
  }

  /** How many times aws-sim was called for an action so far (throttled calls too). */
  async calls(action: string): Promise<number> {
    const counts = z
      .record(z.string(), z.number())
      .parse((await this.sim.control('GET', '/_sim/calls')).body);
    return Object.entries(counts)
      .filter(([key]) => key.endsWith(`:${action}`))
      .reduce((sum, [, n]) => sum + n, 0);
  }

  /** Refuses that share of the calls of an action as throttled. */
  async throttle(action: string, rate: number): Promise<void> {
    await this.sim.control('PUT', '/_sim/faults/throttle', { action, rate });
  }

  /** Makes instance boots take `delayFactor` times as long. */
  async slowBoots(delayFactor: number): Promise<void> {
    await this.sim.control('PUT', '/_sim/faults/boot', { failureRate: 0, delayFactor });
  }

  async clearFaults(): Promise<void> {
    await this.sim.control('DELETE', '/_sim/faults');
  }

  async group(name: string): Promise<AutoScalingGroup> {
    const res = await this.sim.autoScaling.send(
      new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }),
    );
    return res.AutoScalingGroups![0]!;
  }

  /** Breakpoints in the engine portal's steps (attached on first use). */
  stepBreakpoints(): Promise<StepBreakpoints> {
    const url = /Debugger listening on (ws:\/\/\S+)/.exec(this.engine.output())?.[1];
    if (!url) throw new Error(`the engine portal has no inspector:\n${this.engine.output()}`);
    return (this.breakpoints ??= StepBreakpoints.attach(url));
  }

  /** Requests a deployment through the API portal; resolves with its id. */
  async deploy(body: Record<string, unknown>): Promise<string> {
    const res = await this.api.post('/deployments', body);
    if (res.status !== 202) throw new Error(`the deployment was refused: ${JSON.stringify(res.body)}`);
    return res.body.DeploymentID as string;
  }

  /** SIGKILLs the engine portal; resolves with the time of the kill once it has exited. */
  async kill(): Promise<number> {
    const at = Date.now();
    this.engine.child.kill('SIGKILL');
    await this.engine.stop();
    const breakpoints = this.breakpoints;
    this.breakpoints = undefined;
    (await breakpoints)?.detach();
    return at;
  }

  /** Starts the next engine portal (after a kill). */
  async startEngine(): Promise<void> {
    this.engine = await startEngine(this.env);
  }

  /**
   * After a round that failed: clears the faults, lets a paused engine go on (or starts one if none runs) and
   * waits a while for the round's deployment to end.
   */
  async recover(id: string | undefined): Promise<void> {
    await this.clearFaults();
    const breakpoints = this.breakpoints;
    this.breakpoints = undefined;
    await (await breakpoints?.catch(() => undefined))?.close();
    if (this.engine.child.exitCode !== null || this.engine.child.signalCode !== null)
      await this.startEngine();
    if (id) await this.ended(id).catch(() => undefined);
  }

  /** Waits until the deployment ends; resolves with it as the API shows it. */
  async ended(id: string): Promise<DeploymentValue> {
    return until(
      `deployment ${id} to end`,
      async () => {
        const d = Deployment.parse((await this.api.get(`/deployments/${id}`)).body).Value;
        return isTerminal(d.Status) ? d : undefined;
      },
      { ms: 60_000, everyMs: 50 },
    );
  }

  async close(): Promise<void> {
    await (await this.breakpoints)?.close();
    await this.engine?.stop();
    await this.apiPortal?.stop();
    await this.sim?.close();
    this.db.client.destroy();
  }
}

function startEngine(env: Record<string, string>): Promise<PortalProcess> {
  return startPortalProcess({ env: { ...env, NODE_OPTIONS: '--inspect=127.0.0.1:0' } });
}
