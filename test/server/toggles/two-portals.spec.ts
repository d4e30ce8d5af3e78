import {
  aCluster,
  aDeploymentMap,
  anEnvironment,
  anEnvironmentType,
  aService,
  created,
  unique,
} from '../../fixtures/builders';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';

/** How many evaluations are in flight at once (enough to be quick, few enough for DynamoDB Local). */
const IN_FLIGHT = 20;
/**
 * The portals answer catalogue lists from memory for this long: longer than from one evaluation to the
 * next change, so only the change's waiting it out can make the other portal's next answer right.
 */
const CACHE_MS = 800;

/**
 * Two portals on the same tables, as two processes behind a load balancer: each keeps its own caches of
 * the catalogue, yet a user gets the same answer from either, and a change made through one is what the
 * other answers at the very next evaluation.
 */
describe('feature toggles across two portals on the same tables', () => {
  let one: TestPortal;
  let two: TestPortal;
  let viaOne: ApiClient;
  let viaTwo: ApiClient;
  let service: string;
  let environment: string;
  const users = Array.from({ length: 500 }, (_, i) => `user-${i}`);
  /** Every third user is in the canary group. */
  const groupsOf = (i: number) => (i % 3 === 0 ? 'canary' : '');

  beforeAll(async () => {
    one = await startTestPortal({ catalogueCacheMs: CACHE_MS });
    two = await startTestPortal({ tablePrefix: one.tablePrefix, catalogueCacheMs: CACHE_MS });
    viaOne = await new ApiClient(one.baseUrl).signIn('admin', ADMIN_PASSWORD);
    viaTwo = await new ApiClient(two.baseUrl).signIn('admin', ADMIN_PASSWORD);
    const team = (await created(viaOne, '/config/clusters', aCluster())).ClusterName;
    const type = (await created(viaOne, '/config/environment-types', anEnvironmentType())).EnvironmentType;
    service = (await created(viaOne, '/config/services', aService({ cluster: team }))).ServiceName;
    const map = (
      await created(
        viaOne,
        '/config/deployment-maps',
        aDeploymentMap({ roles: [{ cluster: team, services: [service] }] }),
      )
    ).DeploymentMapName;
    environment = (await created(viaOne, '/config/environments', anEnvironment({ type, cluster: team, map })))
      .EnvironmentName;
  }, 90_000);
  afterAll(async () => {
    await two.close();
    await one.close();
  });

  async function aToggle(setting: Record<string, unknown>): Promise<string> {
    const name = unique('sticky').toLowerCase();
    await created(viaOne, '/feature-toggles', { service, name });
    const set = await viaOne.put(settingPath(name), { ...setting, reason: 'spec' }, 0);
    if (set.status !== 200) throw new Error(`cannot set ${name}: ${JSON.stringify(set.body)}`);
    return name;
  }
  const settingPath = (name: string) => `/feature-toggles/${service}/${name}/environments/${environment}`;

  /** What a portal answers for each user, in the users' order. */
  async function answers(client: ApiClient): Promise<Record<string, boolean>[]> {
    const out: Record<string, boolean>[] = [];
    for (let i = 0; i < users.length; i += IN_FLIGHT) {
      const batch = users.slice(i, i + IN_FLIGHT).map(async (userId, j) => {
        const groups = groupsOf(i + j);
        const res = await client.get(
          `/feature-toggles/evaluate?service=${service}&environment=${environment}&userId=${userId}${groups ? `&groups=${groups}` : ''}`,
        );
        if (res.status !== 200)
          throw new Error(`evaluate answered ${res.status}: ${JSON.stringify(res.body)}`);
        expect(res.headers.get('x-em-bucketing')).toBe('userId');
        return res.body as Record<string, boolean>;
      });
      out.push(...(await Promise.all(batch)));
    }
    return out;
  }
  const usersOn = (all: Record<string, boolean>[], name: string) =>
    new Set(users.filter((_, i) => all[i]![name] === true));

  it('gives 500 users the same answers from either portal, and sees a change made through the other at once', async () => {
    const share = await aToggle({ state: 'percentage', percentage: 30 });
    const targeted = await aToggle({
      state: 'percentage',
      percentage: 50,
      include: { users: ['user-7'], groups: ['canary'] },
      exclude: { users: ['user-9', 'user-12'] },
    });
    const on = await aToggle({ state: 'on' });

    const fromOne = await answers(viaOne);
    const fromTwo = await answers(viaTwo);
    expect(fromTwo).toEqual(fromOne);
    // the answers are not all alike: the share splits the users, the targeting is applied
    const inShare = usersOn(fromOne, share);
    expect(inShare.size).toBeGreaterThan(100);
    expect(inShare.size).toBeLessThan(200);
    expect(usersOn(fromOne, targeted).has('user-7')).toBeTrue();
    expect(usersOn(fromOne, targeted).has('user-9')).toBeFalse();
    expect(usersOn(fromOne, targeted).has('user-12')).toBeFalse(); // in canary, yet excluded
    expect(usersOn(fromOne, targeted).has('user-3')).toBeTrue(); // canary
    expect(usersOn(fromOne, on).size).toBe(users.length);

    // raised through portal two: portal one, which has answered from its own caches, answers the new share
    const version = (await viaTwo.get(`/feature-toggles/${service}/${share}`)).body.environments[0].version;
    expect(
      (
        await viaTwo.put(
          settingPath(share),
          { state: 'percentage', percentage: 60, reason: 'raise' },
          version,
        )
      ).status,
    ).toBe(200);
    const raisedOne = await answers(viaOne);
    const raisedTwo = await answers(viaTwo);
    expect(raisedOne).toEqual(raisedTwo);
    const inRaised = usersOn(raisedOne, share);
    for (const u of inShare) expect(inRaised.has(u)).withContext(u).toBeTrue();
    expect(inRaised.size).toBeGreaterThan(inShare.size);

    // killed through portal one: portal two's next evaluation is off, for the first user asked and all
    // (portal two answered from memory just now; the kill returns only once no portal may still do so)
    const killStarted = performance.now();
    const killed = await viaOne.post(`/feature-toggles/${service}/${on}/kill`, {
      environment,
      reason: 'spec',
    });
    expect(killed.status).toBe(200);
    expect(performance.now() - killStarted).toBeGreaterThanOrEqual(CACHE_MS);
    const first = await viaTwo.get(
      `/feature-toggles/evaluate?service=${service}&environment=${environment}&userId=user-0`,
    );
    expect(first.body[on]).toBe(false);
    expect(usersOn(await answers(viaTwo), on).size).toBe(0);
  }, 120_000);
});
