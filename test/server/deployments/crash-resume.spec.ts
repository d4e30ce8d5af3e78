import { randomBytes } from 'node:crypto';
import { DescribeAutoScalingGroupsCommand, type AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoDb, type DynamoDb } from '../../../server/adapters/dynamodb/document-client';
import { tableNames } from '../../../server/adapters/dynamodb/tables';
import { isTerminal } from '@shared/deployments/deployment';
import { eventually } from '../../aws-sim/support/test-sim';
import { ApiClient } from '../../support/api-client';
import { testDynamoDb } from '../../support/dynamodb';
import { startPortalProcess, type PortalProcess } from '../../support/portal-process';
import { seededRandom } from '../../support/seeded-random';
import { startSimProcess, type SimProcess } from '../../support/sim-process';
import { givenFleetEstate, type FleetEstate } from '../fleet/support/fleet-estate';

/** The kill points repeat from run to run: change the seed to explore others. */
const SEED = 20_240_611;
const ROUNDS = 20;
/** After the chosen step is under way, a further seeded wait of up to this long before the SIGKILL. */
const MAX_EXTRA_DELAY_MS = 100;
const ADMIN_PASSWORD = 'crash-resume-admin-password';

/**
 * A portal process killed with SIGKILL at a seeded random moment of a scale-up patch, then another started
 * on the same tables: every deployment ends Success (or Rolled Back), the group is back to its size and no
 * lease or lock is left behind. Real processes: aws-sim, DynamoDB Local and each portal are their own.
 */
describe('deployments survive a portal process killed mid-rollout', () => {
  const random = seededRandom(SEED);
  const tablePrefix = `crash${randomBytes(3).toString('hex')}-`;
  let sim: SimProcess;
  let db: DynamoDb;
  let dynamoDbEndpoint: string;
  let portal: PortalProcess;
  let admin: ApiClient;
  let estate: FleetEstate;
  let original: AutoScalingGroup;

  const startPortal = () =>
    startPortalProcess({
      env: {
        EM_DYNAMODB_ENDPOINT: dynamoDbEndpoint,
        EM_AWS_ENDPOINT: sim.endpoint,
        EM_TABLE_PREFIX: tablePrefix,
        EM_ENGINE_POLL_MS: '40',
        EM_ENGINE_SCAN_MS: '200',
        EM_ENGINE_LEASE_MS: '1500',
        EM_DEMO_ESTATE: 'false',
        EM_ADMIN_PASSWORD: ADMIN_PASSWORD,
      },
    });
  const group = async (): Promise<AutoScalingGroup> =>
    (
      await sim.autoScaling.send(
        new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [estate.webGroup] }),
      )
    ).AutoScalingGroups![0]!;
  /** The item as the engine left it, read straight from the Deployments table. */
  const item = async (key: { PK: string; SK: string }) =>
    (
      await db.doc.send(
        new GetCommand({ TableName: tableNames(tablePrefix).deployments, Key: key, ConsistentRead: true }),
      )
    ).Item;
  /** What the deployment was doing: the step under way, or its status when no step is. */
  const stepOf = (d: any): string => {
    if (d.Value.Status !== 'In Progress') return d.Value.Status;
    const step = d.Value.Steps.find(
      (s: { status: string }) => s.status !== 'succeeded' && s.status !== 'skipped',
    );
    return step ? step.name : 'In Progress';
  };
  /** How far it got: -1 queued, the index of the step under way, or the step count once over. */
  const progressOf = (d: any): number => {
    if (d.Value.Status === 'Queued') return -1;
    const i = d.Value.Steps.findIndex(
      (s: { status: string }) => s.status !== 'succeeded' && s.status !== 'skipped',
    );
    return i === -1 || isTerminal(d.Value.Status) ? d.Value.Steps.length : i;
  };

  beforeAll(async () => {
    dynamoDbEndpoint = (await testDynamoDb()).endpoint;
    db = createDynamoDb('eu-west-1', dynamoDbEndpoint);
    sim = await startSimProcess({ msPerSecond: 10 });
    portal = await startPortal();
    admin = await new ApiClient(portal.baseUrl).signIn('admin', ADMIN_PASSWORD);
    estate = await givenFleetEstate(admin, sim);
    original = await group();
  }, 120_000);
  afterAll(async () => {
    await portal?.stop();
    await sim?.close();
    db?.client.destroy();
  });

  for (let round = 1; round <= ROUNDS; round++) {
    it(`round ${round}: ends Success or Rolled Back after a SIGKILL, the group its own size, no lease held`, async () => {
      const version = `3.${round}.0`;
      const res = await admin.post('/deployments', {
        environment: estate.environment,
        service: estate.webService,
        version,
      });
      expect(res.status).withContext(JSON.stringify(res.body)).toBe(202);
      const id = res.body.DeploymentID as string;
      // a seeded kill point: one of the steps (or before the engine picks it up), then a seeded delay
      const steps = (res.body.Value.Steps as { name: string }[]).map((s) => s.name);
      const target = Math.floor(random() * (steps.length + 1)) - 1;
      const delayMs = Math.round(random() * MAX_EXTRA_DELAY_MS);
      await eventually(`step ${target} of ${id}`, async () =>
        progressOf((await admin.get(`/deployments/${id}`)).body) >= target ? true : undefined,
      );
      await new Promise((r) => setTimeout(r, delayMs));
      const atKill = stepOf((await admin.get(`/deployments/${id}`)).body);
      portal.child.kill('SIGKILL');
      await portal.stop();
      portal = await startPortal();
      admin = new ApiClient(portal.baseUrl, admin.token);

      const d = await eventually(
        `deployment ${id} to end`,
        async () => {
          const r = (await admin.get(`/deployments/${id}`)).body;
          return ['Success', 'Failed', 'Cancelled', 'Rolled Back', 'Rollback Failed'].includes(r.Value.Status)
            ? r
            : undefined;
        },
        60_000,
      );
      console.log(
        `crash-resume seed ${SEED} round ${round}: aimed at ${steps[target] ?? 'Queued'} + ${delayMs} ms, killed at ${atKill}; ended ${d.Value.Status}`,
      );

      expect(['Success', 'Rolled Back'])
        .withContext(`${d.Value.Status}: ${d.Value.ErrorReason}`)
        .toContain(d.Value.Status);
      const g = await group();
      expect(g.DesiredCapacity).toBe(original.DesiredCapacity);
      expect(g.Instances!.length).toBe(original.DesiredCapacity!);
      expect(g.Instances!.every((i) => i.LifecycleState === 'InService')).toBeTrue();
      expect(g.MinSize).toBe(original.MinSize);
      expect(g.MaxSize).toBe(original.MaxSize);
      expect(g.SuspendedProcesses).toEqual([]);
      if (d.Value.Status === 'Success') {
        const newVersion = d.Value.Steps.find(
          (s: { name: string }) => s.name === 'create-launch-template-version',
        ).outputs.newTemplateVersion;
        expect(g.Instances!.every((i) => i.LaunchTemplate?.Version === newVersion)).toBeTrue();
      }
      const record = await item({ PK: `DEPLOYMENT#${id}`, SK: 'RECORD' });
      expect(record).toBeDefined();
      expect(record!['LeaseOwner']).toBeUndefined();
      expect(record!['LeaseExpiresAt']).toBeUndefined();
      expect(record!['Active']).toBeUndefined();
      expect(
        await item({ PK: `LOCK#${estate.environment}#${estate.webService}`, SK: 'LOCK' }),
      ).toBeUndefined();
    }, 90_000);
  }
});
