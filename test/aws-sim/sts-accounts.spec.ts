import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { assumeRole, clientsWith, stsCall, type TestCredentials } from './support/sts-call';
import { startTestSim, type TestSim, fail } from './support/test-sim';

const PROD = '210987654321';
const PROD_ROLE = `arn:aws:iam::${PROD}:role/EnvironmentManager`;
const BASE: TestCredentials = { accessKeyId: 'AKIDSIM', secretAccessKey: 'sim-secret' };

const groupNames = async (client: AutoScalingClient) =>
  ((await client.send(new DescribeAutoScalingGroupsCommand({}))).AutoScalingGroups ?? []).map(
    (g) => g.AutoScalingGroupName,
  );

describe('aws-sim STS', () => {
  let t: TestSim;
  const sts = (action: string, params: Record<string, string>, credentials: TestCredentials = BASE) =>
    stsCall(t.sim.endpoint, action, params, credentials);

  beforeAll(async () => {
    t = await startTestSim({ accounts: [{ accountId: PROD, name: 'prod' }] });
  });
  afterAll(() => t.close());

  describe('AssumeRole', () => {
    it("answers STS's document: temporary credentials and the assumed role's user", async () => {
      const before = Date.now();
      const reply = await sts('AssumeRole', {
        RoleArn: PROD_ROLE,
        RoleSessionName: 'em-portal',
        DurationSeconds: '900',
      });
      expect(reply.status).toBe(200);
      expect(reply.xml).toMatch(
        /^<AssumeRoleResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><AssumeRoleResult><Credentials>/,
      );
      expect(reply.xml).toMatch(/<ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId>/);
      expect(reply.text('AccessKeyId')).toMatch(/^ASIA[A-Z2-7]{16}$/);
      expect(reply.text('SecretAccessKey')!.length).toBe(40);
      expect(reply.text('SessionToken')!.length).toBeGreaterThan(100);
      const expiration = reply.text('Expiration')!;
      expect(expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const lasts = Date.parse(expiration) - before;
      expect(lasts).toBeGreaterThan(898_000);
      expect(lasts).toBeLessThanOrEqual(901_000);
      expect(reply.text('Arn')).toBe(`arn:aws:sts::${PROD}:assumed-role/EnvironmentManager/em-portal`);
      expect(reply.text('AssumedRoleId')).toMatch(/^AROA[A-Z2-7]{17}:em-portal$/);
    });

    it('gives the same role the same role id in every session, and an hour without a duration', async () => {
      const first = await sts('AssumeRole', { RoleArn: PROD_ROLE, RoleSessionName: 'one' });
      const second = await sts('AssumeRole', { RoleArn: PROD_ROLE, RoleSessionName: 'two' });
      expect(first.text('AssumedRoleId')!.split(':')[0]).toBe(second.text('AssumedRoleId')!.split(':')[0]);
      expect(first.text('AccessKeyId')).not.toBe(second.text('AccessKeyId'));
      const lasts = Date.parse(first.text('Expiration')!) - Date.now();
      expect(lasts).toBeGreaterThan(3_590_000);
      expect(lasts).toBeLessThanOrEqual(3_600_000);
    });

    it('assumes a role with a path, naming the role without it', async () => {
      const reply = await sts('AssumeRole', {
        RoleArn: `arn:aws:iam::${PROD}:role/portal/EnvironmentManager`,
        RoleSessionName: 'pathed',
      });
      expect(reply.text('Arn')).toBe(`arn:aws:sts::${PROD}:assumed-role/EnvironmentManager/pathed`);
    });

    it('refuses a role of an account aws-sim does not keep with AccessDenied', async () => {
      const reply = await sts('AssumeRole', {
        RoleArn: 'arn:aws:iam::999999999999:role/EnvironmentManager',
        RoleSessionName: 'em-portal',
      });
      expect(reply.status).toBe(403);
      expect(reply.text('Code')).toBe('AccessDenied');
      expect(reply.text('Type')).toBe('Sender');
      expect(reply.text('Message')).toBe(
        'User: arn:aws:iam::123456789012:root is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::999999999999:role/EnvironmentManager',
      );
      expect(reply.xml).toMatch(/^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">/);
    });

    it('refuses durations outside 900..43200 seconds with ValidationError', async () => {
      for (const [duration, constraint] of [
        ['899', 'greater than or equal to 900'],
        ['43201', 'less than or equal to 43200'],
      ]) {
        const reply = await sts('AssumeRole', {
          RoleArn: PROD_ROLE,
          RoleSessionName: 'em-portal',
          DurationSeconds: duration!,
        });
        expect(reply.status).withContext(duration!).toBe(400);
        expect(reply.text('Code')).toBe('ValidationError');
        expect(reply.text('Message')).toBe(
          `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value ${constraint}`,
        );
      }
      const longest = await sts('AssumeRole', {
        RoleArn: PROD_ROLE,
        RoleSessionName: 'em-portal',
        DurationSeconds: '43200',
      });
      expect(longest.status).toBe(200);
    });

    it('refuses a missing or malformed role ARN and a bad session name with ValidationError', async () => {
      const cases: [Record<string, string>, string][] = [
        [
          { RoleSessionName: 'x1' },
          "Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
        ],
        [{ RoleArn: 'arn:aws:iam::210987654321:user/bob', RoleSessionName: 'x1' }, 'is invalid'],
        [{ RoleArn: PROD_ROLE }, "Value null at 'roleSessionName'"],
        [{ RoleArn: PROD_ROLE, RoleSessionName: 'x' }, 'Member must have length greater than or equal to 2'],
        [
          { RoleArn: PROD_ROLE, RoleSessionName: 'has space' },
          'Member must satisfy regular expression pattern',
        ],
      ];
      for (const [params, message] of cases) {
        const reply = await sts('AssumeRole', params);
        expect(reply.text('Code')).withContext(JSON.stringify(params)).toBe('ValidationError');
        expect(reply.text('Message')).withContext(JSON.stringify(params)).toContain(message);
      }
    });

    it("limits a role assumed with a session's credentials to an hour (role chaining)", async () => {
      const session = await assumeRole(t.sim.endpoint, PROD_ROLE, BASE);
      const chained = await sts(
        'AssumeRole',
        { RoleArn: `arn:aws:iam::123456789012:role/Back`, RoleSessionName: 'chain', DurationSeconds: '3601' },
        session,
      );
      expect(chained.text('Code')).toBe('ValidationError');
      expect(chained.text('Message')).toContain('1 hour session limit for roles assumed by role chaining');
      const hour = await sts(
        'AssumeRole',
        { RoleArn: `arn:aws:iam::123456789012:role/Back`, RoleSessionName: 'chain', DurationSeconds: '3600' },
        session,
      );
      expect(hour.text('Arn')).toBe('arn:aws:sts::123456789012:assumed-role/Back/chain');
    });
  });

  describe('GetCallerIdentity', () => {
    it('answers the default account for the base credentials', async () => {
      const reply = await sts('GetCallerIdentity', {});
      expect(reply.status).toBe(200);
      expect(reply.xml).toContain('<GetCallerIdentityResult>');
      expect(reply.text('Account')).toBe('123456789012');
      expect(reply.text('Arn')).toBe('arn:aws:iam::123456789012:root');
      expect(reply.text('UserId')).toBe('123456789012');
    });

    it("answers the role's account and session for AssumeRole's credentials", async () => {
      const session = await assumeRole(t.sim.endpoint, PROD_ROLE, BASE);
      const reply = await sts('GetCallerIdentity', {}, session);
      expect(reply.text('Account')).toBe(PROD);
      expect(reply.text('Arn')).toBe(`arn:aws:sts::${PROD}:assumed-role/EnvironmentManager/spec`);
      expect(reply.text('UserId')).toMatch(/^AROA[A-Z2-7]{17}:spec$/);
    });
  });

  describe('credentials refused', () => {
    it('refuses expired session credentials: ExpiredToken (RequestExpired from EC2)', async () => {
      const session = await assumeRole(t.sim.endpoint, PROD_ROLE, BASE);
      const clients = clientsWith(t.sim.endpoint, session);
      try {
        expect(await groupNames(clients.autoScaling)).toEqual([]);
        const expired = await t.control('POST', '/_sim/sessions/expire', { accountId: PROD });
        expect(expired.body.expired).toBeGreaterThan(0);
        const asg = await fail(clients.autoScaling.send(new DescribeAutoScalingGroupsCommand({})));
        expect(asg.name).toBe('ExpiredToken');
        expect(asg.message).toBe('The security token included in the request is expired');
        expect(asg.$metadata.httpStatusCode).toBe(403);
        const ec2 = await fail(clients.ec2.send(new DescribeInstancesCommand({})));
        expect(ec2.name).toBe('RequestExpired');
        expect((await sts('GetCallerIdentity', {}, session)).text('Code')).toBe('ExpiredToken');
        const sessions = await t.control('GET', '/_sim/sessions');
        expect(
          sessions.body.find((s: { accessKeyId: string }) => s.accessKeyId === session.accessKeyId).expired,
        ).toBeTrue();
      } finally {
        clients.destroy();
      }
      // the base credentials are not sessions: they go on working
      expect(await groupNames(t.autoScaling)).toEqual([]);
    });

    it('refuses session credentials STS never issued, or with the wrong session token', async () => {
      const unknown = clientsWith(t.sim.endpoint, {
        accessKeyId: 'ASIAAAAAAAAAAAAAAAAA',
        secretAccessKey: 'x',
        sessionToken: 'y',
      });
      const session = await assumeRole(t.sim.endpoint, PROD_ROLE, BASE);
      const wrongToken = clientsWith(t.sim.endpoint, { ...session, sessionToken: 'not-the-token' });
      try {
        for (const clients of [unknown, wrongToken]) {
          const asg = await fail(clients.autoScaling.send(new DescribeAutoScalingGroupsCommand({})));
          expect(asg.name).toBe('InvalidClientTokenId');
          expect(asg.message).toBe('The security token included in the request is invalid.');
          const ec2 = await fail(clients.ec2.send(new DescribeInstancesCommand({})));
          expect(ec2.name).toBe('AuthFailure');
        }
      } finally {
        unknown.destroy();
        wrongToken.destroy();
      }
    });
  });
});
