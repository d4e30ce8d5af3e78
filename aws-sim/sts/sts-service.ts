import type { Caller } from '../accounts/caller';
import { sessionCaller } from '../accounts/caller';
import { AwsError } from '../protocol/aws-error';
import type { QueryParams } from '../protocol/query-params';
import type { XmlValue } from '../protocol/xml';
import type { Sessions } from './sessions';

/** STS: the one service that answers for the caller rather than for an account's resources. */
export interface StsService {
  readonly name: 'sts';
  readonly protocol: 'awsQuery';
  readonly namespace: string;
  readonly actions: Readonly<Record<string, (params: QueryParams, caller: Caller) => XmlValue>>;
}

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]*$/;
/** A role's default and greatest session (IAM's MaxSessionDuration is at most 12 hours). */
const DEFAULT_SECONDS = 3600;
const MIN_SECONDS = 900;
const MAX_SECONDS = 43_200;
/** A session's credentials assuming another role get at most an hour (role chaining). */
const CHAINED_MAX_SECONDS = 3600;

function invalid(value: string, member: string, constraint: string): AwsError {
  return new AwsError(
    'ValidationError',
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must ${constraint}`,
  );
}

function durationOf(params: QueryParams, caller: Caller): number {
  const seconds = params.int('DurationSeconds') ?? DEFAULT_SECONDS;
  if (seconds < MIN_SECONDS)
    throw invalid(String(seconds), 'durationSeconds', `have value greater than or equal to ${MIN_SECONDS}`);
  if (seconds > MAX_SECONDS)
    throw invalid(String(seconds), 'durationSeconds', `have value less than or equal to ${MAX_SECONDS}`);
  if (caller.session && seconds > CHAINED_MAX_SECONDS) {
    throw new AwsError(
      'ValidationError',
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  }
  return seconds;
}

function sessionNameOf(params: QueryParams): string {
  const name = params.required('RoleSessionName');
  if (name.length < 2) throw invalid(name, 'roleSessionName', 'have length greater than or equal to 2');
  if (name.length > 64) throw invalid(name, 'roleSessionName', 'have length less than or equal to 64');
  if (!SESSION_NAME.test(name))
    throw invalid(name, 'roleSessionName', 'satisfy regular expression pattern: [\\w+=,.@-]*');
  return name;
}

/**
 * STS's AssumeRole and GetCallerIdentity. Any role of an account the sim keeps may be assumed (there is no
 * IAM to hold trust policies); a role of another account is refused as AWS refuses a role it cannot assume.
 */
export function createSts(sessions: Sessions, isKnownAccount: (accountId: string) => boolean): StsService {
  return {
    name: 'sts',
    protocol: 'awsQuery',
    namespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
    actions: {
      AssumeRole(params, caller) {
        const roleArn = params.required('RoleArn');
        if (roleArn.length < 20) throw invalid(roleArn, 'roleArn', 'have length greater than or equal to 20');
        const sessionName = sessionNameOf(params);
        const durationSeconds = durationOf(params, caller);
        const arn = ROLE_ARN.exec(roleArn);
        if (!arn) throw new AwsError('ValidationError', `${roleArn} is invalid`);
        const [, accountId, , roleName] = arn;
        if (!isKnownAccount(accountId!)) {
          throw new AwsError(
            'AccessDenied',
            `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
            403,
          );
        }
        const session = sessions.issue({
          accountId: accountId!,
          roleArn,
          roleName: roleName!,
          sessionName,
          durationSeconds,
        });
        const assumed = sessionCaller(session);
        return {
          Credentials: {
            AccessKeyId: session.accessKeyId,
            SecretAccessKey: session.secretAccessKey,
            SessionToken: session.sessionToken,
            Expiration: new Date(session.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          },
          AssumedRoleUser: { AssumedRoleId: assumed.userId, Arn: assumed.arn },
        };
      },
      GetCallerIdentity(_params, caller) {
        return { UserId: caller.userId, Account: caller.accountId, Arn: caller.arn };
      },
    },
  };
}
