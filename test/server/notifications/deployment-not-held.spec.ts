import { startTestSim, eventually, type TestSim } from '../../aws-sim/support/test-sim';
import { created, unique } from '../../fixtures/builders';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { givenFleetEstate, type FleetEstate } from '../fleet/support/fleet-estate';
import { WebhookReceiver } from './webhook-receiver';

/** A deployment by the engine, against aws-sim, whose environment's webhook never answers. */
describe('a webhook that hangs', () => {
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let estate: FleetEstate;
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    sim = await startTestSim();
    // the dispatcher runs beside the engine, as in a portal: every 50 ms, 500 ms timeout, 100 ms backoff
    tp = await startTestPortal({ awsEndpoint: sim.sim.endpoint, engineTickMs: 40, notifyPollMs: 50 });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    estate = await givenFleetEstate(admin, sim);
    receiver = await WebhookReceiver.start();
    receiver.hold = true;
    const id = unique('alerts');
    await created(admin, '/config/notification-settings', {
      NotificationSettingsId: id,
      Value: {
        Webhooks: [{ Url: receiver.url, Secret: 'whsec-of-a-hanging-receiver', Events: ['deployment.*'] }],
      },
    });
    const env = (await admin.get(`/config/environments/${estate.environment}`)).body;
    const res = await admin.put(
      `/config/environments/${estate.environment}`,
      { ...env.Value, NotificationSettingsId: id },
      env.Version,
    );
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
  });
  afterEach(async () => {
    await receiver.close();
    await tp.close();
    await sim.close();
  });

  it('holds no deployment up: it ends while every delivery to the webhook is still unanswered', async () => {
    const res = await admin.post('/deployments', {
      environment: estate.environment,
      service: estate.webService,
      version: '1.0.1',
    });
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(202);
    const id = res.body.DeploymentID as string;
    const ended = await eventually(
      `deployment ${id} to end`,
      async () => {
        const d = (await admin.get(`/deployments/${id}`)).body;
        return ['Success', 'Failed', 'Cancelled', 'Rolled Back', 'Rollback Failed'].includes(d.Value.Status)
          ? d
          : undefined;
      },
      60_000,
    );
    expect(ended.Value.Status).toBe('Success');
    // the start was sent (and hung) while the deployment ran on; nothing was ever answered
    expect(receiver.received.map((r) => r.headers['x-em-event'])).toContain('deployment.started');
    expect(receiver.answered).toBe(0);
    // the end is tried too, each attempt timed out and logged, to be tried again
    const settings = (await admin.get(`/config/environments/${estate.environment}`)).body.Value
      .NotificationSettingsId as string;
    const log = await eventually(
      'the end to be tried',
      async () => {
        const attempts = (await admin.get(`/config/notification-settings/${settings}/deliveries`)).body as {
          EventType: string;
          Error?: string;
        }[];
        return attempts.some((a) => a.EventType === 'deployment.succeeded') ? attempts : undefined;
      },
      20_000,
    );
    for (const a of log) expect(a.Error).toBe('no answer within 500 ms');
    expect(receiver.answered).toBe(0);
  });
});
