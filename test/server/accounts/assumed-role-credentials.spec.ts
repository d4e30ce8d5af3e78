import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { z } from 'zod';
import { AssumedRoleCredentials } from '../../../server/adapters/aws/assumed-role-credentials';
import { createStsClient } from '../../../server/adapters/aws/aws-clients';
import { startTestSim, type TestSim } from '../../aws-sim/support/test-sim';

const PROD_NUMBER = '210987654321';
const PROD_ROLE = `arn:aws:iam::${PROD_NUMBER}:role/EnvironmentManager`;
const FIVE_MINUTES = 300_000;

/** The role's credentials over aws-sim's STS, signed by the portal's own credentials, on a clock the spec sets. */
describe('AssumedRoleCredentials (over aws-sim STS)', () => {
  let sim: TestSim;
  let sts: STSClient;
  let now: number;

  const credentialsOf = (roleArn = PROD_ROLE) =>
    new AssumedRoleCredentials(sts, roleArn, 'environment-manager', {
      durationSeconds: 900,
      now: () => now,
    });
  /** How many AssumeRole calls aws-sim has answered (refused ones too). */
  const assumeRoles = async () =>
    z.record(z.string(), z.number()).parse((await sim.control('GET', '/_sim/calls')).body)[
      'sts:AssumeRole'
    ] ?? 0;
  const expirationOf = (c: AwsCredentialIdentity) => c.expiration!.getTime();

  beforeAll(async () => {
    sim = await startTestSim({ accounts: [{ accountId: PROD_NUMBER, name: 'prod' }] });
    sts = createStsClient('eu-west-1', sim.sim.endpoint);
  });
  afterAll(async () => {
    sts.destroy();
    await sim.close();
  });
  beforeEach(() => {
    now = Date.now();
  });

  it("answers credentials of the role's account, kept until five minutes before they expire, then assumed again", async () => {
    const role = credentialsOf();
    const before = await assumeRoles();
    const first = await role.get();
    const caller = new STSClient({ endpoint: sim.sim.endpoint, region: 'eu-west-1', credentials: first });
    try {
      const who = await caller.send(new GetCallerIdentityCommand({}));
      expect(who.Account).toBe(PROD_NUMBER);
      expect(who.Arn).toBe(`arn:aws:sts::${PROD_NUMBER}:assumed-role/EnvironmentManager/environment-manager`);
    } finally {
      caller.destroy();
    }
    const expiration = expirationOf(first);
    expect(expiration).toBeGreaterThan(now + 890_000);

    now = expiration - FIVE_MINUTES - 1;
    expect((await role.get()).accessKeyId).toBe(first.accessKeyId);
    expect(await assumeRoles()).toBe(before + 1);

    now = expiration - FIVE_MINUTES;
    const second = await role.get();
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(await assumeRoles()).toBe(before + 2);
    expect(role.assumeCount).toBe(2);
  });

  it('shares one AssumeRole among concurrent callers, at first and when the credentials near their expiry', async () => {
    const role = credentialsOf();
    const before = await assumeRoles();
    const firsts = await Promise.all(Array.from({ length: 5 }, () => role.get()));
    expect(new Set(firsts.map((c) => c.accessKeyId)).size).toBe(1);
    expect(await assumeRoles()).toBe(before + 1);

    now = expirationOf(firsts[0]!) - 60_000;
    const renewed = await Promise.all(Array.from({ length: 5 }, () => role.get()));
    expect(new Set(renewed.map((c) => c.accessKeyId)).size).toBe(1);
    expect(renewed[0]!.accessKeyId).not.toBe(firsts[0]!.accessKeyId);
    expect(await assumeRoles()).toBe(before + 2);
    expect(role.assumeCount).toBe(2);
  });

  it('does not keep a refused AssumeRole: a burst of callers shares one refusal, the next caller asks again', async () => {
    const role = credentialsOf('arn:aws:iam::999999999999:role/EnvironmentManager');
    const before = await assumeRoles();
    // callers waiting on the AssumeRole share its refusal (AssumedRoleCredentials.get)
    const refused = await Promise.allSettled(Array.from({ length: 5 }, () => role.get()));
    for (const r of refused) {
      expect(r.status).toBe('rejected');
      expect(r.status === 'rejected' && (r.reason as Error).name).toBe('AccessDenied');
    }
    expect(await assumeRoles()).toBe(before + 1);

    await expectAsync(role.get()).toBeRejectedWith(jasmine.objectContaining({ name: 'AccessDenied' }));
    expect(await assumeRoles()).toBe(before + 2);
    expect(role.assumeCount).toBe(2);
  });

  it('assumes the role again after forget(), and forgets only the credentials it is told were refused', async () => {
    const role = credentialsOf();
    const before = await assumeRoles();
    const first = await role.get();
    const refused = role.held();
    role.forget();
    const second = await role.get();
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(await assumeRoles()).toBe(before + 2);

    // a second request refused with the first credentials: the new ones are kept
    role.forget(refused);
    expect((await role.get()).accessKeyId).toBe(second.accessKeyId);
    expect(await assumeRoles()).toBe(before + 2);

    // the new ones refused: assumed again
    role.forget(role.held());
    expect((await role.get()).accessKeyId).not.toBe(second.accessKeyId);
    expect(await assumeRoles()).toBe(before + 3);
    expect(role.assumeCount).toBe(3);
  });

  it('gives the SDK a provider that keeps nothing itself and answers what get() does', async () => {
    const role = credentialsOf();
    const provider = role.provider();
    expect(provider.memoized).toBeTrue();
    const viaProvider = await provider();
    expect(viaProvider.accessKeyId).toBe((await role.get()).accessKeyId);
    role.forget();
    expect((await provider()).accessKeyId).not.toBe(viaProvider.accessKeyId);
    expect(role.assumeCount).toBe(2);
  });
});
