import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { givenUser } from '../../fixtures/builders';
import { startTestSim, type TestSim } from '../../aws-sim/support/test-sim';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { givenFleetEstate, type FleetEstate } from './support/fleet-estate';

/**
 * An environment type's ProtectedActions naming operate-asgs, toggle-slices and lock-environments: the
 * permission alone no longer lets a user do them in that type's environments; an admin still may.
 */
describe('actions an environment type protects (ProtectedActions)', () => {
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let member: ApiClient;
  let estate: FleetEstate;

  beforeAll(async () => {
    sim = await startTestSim();
    tp = await startTestPortal({ awsEndpoint: sim.sim.endpoint });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    estate = await givenFleetEstate(admin, sim);
    const scope = { Clusters: [estate.cluster], EnvironmentTypes: [estate.type] };
    member = await givenUser(admin, {
      grants: [
        { Action: 'operate-asgs', ...scope },
        { Action: 'toggle-slices', ...scope },
        { Action: 'lock-environments', ...scope },
      ],
    });
  });
  afterAll(async () => {
    await tp.close();
    await sim.close();
  });

  const desired = async () =>
    (
      await sim.autoScaling.send(
        new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [estate.webGroup] }),
      )
    ).AutoScalingGroups![0]!.DesiredCapacity;

  const protect = async (actions: string[]) => {
    const type = (await admin.get(`/config/environment-types/${estate.type}`)).body;
    const res = await admin.put(
      `/config/environment-types/${estate.type}`,
      { ...type.Value, ProtectedActions: actions },
      type.Version,
    );
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
  };

  it('lets the permission do them while the type protects none of them', async () => {
    const res = await member.put(`/asgs/${estate.webGroup}/size`, { desired: 3 }, undefined);
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    expect(await desired()).toBe(3);
  });

  it('refuses them to the permission alone once the type protects them, naming the protection; an admin still may', async () => {
    await protect(['operate-asgs', 'toggle-slices', 'lock-environments']);
    const resize = await member.put(`/asgs/${estate.webGroup}/size`, { desired: 2 }, undefined);
    expect(resize.status).toBe(403);
    expect(resize.contentType).toContain('application/problem+json');
    expect(resize.body.detail).toContain(`"operate-asgs" is protected in ${estate.type} environments`);
    expect(await desired()).toBe(3);

    const toggle = await member.put(
      `/services/${estate.apiService}/slices/toggle?environment=${estate.environment}`,
      undefined,
      undefined,
    );
    expect(toggle.status).toBe(403);
    expect(toggle.body.detail).toContain('"toggle-slices" is protected');

    const lock = await member.put(
      `/environments/${estate.environment}/deploy-lock`,
      { DeploymentsLocked: true, Reason: 'review' },
      0,
    );
    expect(lock.status).toBe(403);
    expect(lock.body.detail).toContain('"lock-environments" is protected');
    expect((await admin.get(`/environments/${estate.environment}`)).body.Value.DeploymentsLocked).not.toBe(
      true,
    );

    const byAdmin = await admin.put(`/asgs/${estate.webGroup}/size`, { desired: 2 }, undefined);
    expect(byAdmin.status).withContext(JSON.stringify(byAdmin.body)).toBe(200);
    expect(await desired()).toBe(2);
  });

  it('protects only the actions it names', async () => {
    await protect(['toggle-slices']);
    const res = await member.put(`/asgs/${estate.webGroup}/size`, { desired: 3 }, undefined);
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
  });
});
