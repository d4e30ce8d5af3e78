import type { Protocol } from '../protocol/responses';
import { AwsError } from '../protocol/aws-error';
import { roleId, type Session, type Sessions } from '../sts/sessions';

/** Who signed a request: the account whose resources it sees, and the identity STS names. */
export interface Caller {
  readonly accountId: string;
  /** `arn:aws:iam::<account>:root` for the base credentials, the assumed-role ARN for a session's. */
  readonly arn: string;
  readonly userId: string;
  /** The session, when the request was signed with AssumeRole's credentials. */
  readonly session?: Session;
}

/** Why credentials were refused. */
export type CredentialRefusal = 'invalid' | 'expired';

/** A request signed with credentials the sim does not accept. */
export class CredentialsRefused extends Error {
  constructor(readonly refusal: CredentialRefusal) {
    super(`credentials refused (${refusal})`);
  }

  /** The error the service answers, in its protocol's words (EC2 has its own codes for these). */
  toAwsError(protocol: Protocol): AwsError {
    if (protocol === 'ec2') {
      return this.refusal === 'expired'
        ? new AwsError('RequestExpired', 'Request has expired.', 400)
        : new AwsError('AuthFailure', 'AWS was not able to validate the provided access credentials', 401);
    }
    return this.refusal === 'expired'
      ? new AwsError('ExpiredToken', 'The security token included in the request is expired', 403)
      : new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
  }
}

/** The assumed-role identity of a session. */
export function sessionCaller(session: Session): Caller {
  return {
    accountId: session.accountId,
    arn: `arn:aws:sts::${session.accountId}:assumed-role/${session.roleName}/${session.sessionName}`,
    userId: `${roleId(session.roleArn)}:${session.sessionName}`,
    session,
  };
}

/**
 * The caller of a request from its access key id and session token. A temporary key (`ASIA…`) must be one
 * STS issued, signed with its session token and unexpired; any other key is the base credentials'.
 */
export function identifyCaller(
  credentials: { readonly accessKeyId: string; readonly sessionToken: string | undefined },
  sessions: Sessions,
  defaultAccountId: string,
): Caller {
  if (!credentials.accessKeyId.startsWith('ASIA')) {
    return {
      accountId: defaultAccountId,
      arn: `arn:aws:iam::${defaultAccountId}:root`,
      userId: defaultAccountId,
    };
  }
  const session = sessions.find(credentials.accessKeyId);
  if (!session || session.sessionToken !== credentials.sessionToken) throw new CredentialsRefused('invalid');
  if (sessions.isExpired(session)) throw new CredentialsRefused('expired');
  return sessionCaller(session);
}
