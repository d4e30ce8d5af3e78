import { isTerminal } from '@shared/deployments/deployment';
import { GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { ensureFleetEventQueue } from '../../../server/adapters/aws/aws-fleet-event-rule';
import { startTestSim, eventually, type TestSim } from '../../aws-sim/support/test-sim';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { givenFleetEstate, type FleetEstate } from '../fleet/support/fleet-estate';

/**
 * Auto Scaling's lifecycle events, routed by an EventBridge rule to an SQS queue the portal long-polls,
 * wake a deployment waiting on its group: with a poll far longer than the whole patch, the patch still
 * ends as soon as the fleet lets it.
 */
describe('a deployment woken by fleet events', () => {
  /** The engine's poll: 60 s. Without events, each wait on the fleet would last that long. */
  const POLL_MS = 60_000;
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let estate: FleetEstate;
  let queueUrl: string;

  beforeEach(async () => {
    sim = await startTestSim();
    queueUrl = await ensureFleetEventQueue('eu-west-1', sim.sim.endpoint);
    tp = await startTestPortal({
      awsEndpoint: sim.sim.endpoint,
      engineTickMs: POLL_MS,
      fleetEventsQueueUrl: queueUrl,
    });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    estate = await givenFleetEstate(admin, sim);
  });
  afterEach(async () => {
    await tp.close();
    await sim.close();
  });

  it('runs a scale-up patch to its end well inside one poll, the new instances and the old ones gone noticed from their events', async () => {
    // a message that is not an Auto Scaling event is dropped, and the ones after it are still read
    await sim.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"not":"an event"}' }));
    const started = Date.now();
    const res = await admin.post('/deployments', {
      environment: estate.environment,
      service: estate.webService,
      version: '1.7.0',
    });
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(202);
    const id = res.body.DeploymentID as string;
    const d = await eventually(
      'the deployment to end',
      async () => {
        const r = (await admin.get(`/deployments/${id}`)).body;
        return isTerminal(r.Value.Status) ? r : undefined;
      },
      POLL_MS / 2,
    );
    expect(d.Value.Status).withContext(d.Value.ErrorReason).toBe('Success');
    // two waits on the fleet (the new instances, the old ones' going), each ended by events, not the poll
    const took = Date.now() - started;
    expect(took).toBeLessThan(POLL_MS / 2);
    const waits = d.Value.Steps.filter((s: { name: string }) =>
      ['wait-for-new-instances', 'remove-old-instances'].includes(s.name),
    );
    expect(waits.map((s: { status: string }) => s.status)).toEqual(['succeeded', 'succeeded']);
    // the queue is drained: every event was taken off it, the one that was not an event too
    await eventually('the queue to be empty', async () => {
      const q = (
        await sim.sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: queueUrl,
            AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
          }),
        )
      ).Attributes!;
      return q['ApproximateNumberOfMessages'] === '0' && q['ApproximateNumberOfMessagesNotVisible'] === '0'
        ? true
        : undefined;
    });
  }, 60_000);
});
