import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

/** Temporary credentials issued by AssumeRole, and whose they are. */
export const Session = z.object({
  accessKeyId: z.string().regex(/^ASIA[A-Z2-7]{16}$/),
  secretAccessKey: z.string(),
  sessionToken: z.string(),
  /** Epoch milliseconds (real time: the caller compares Expiration with its own clock). */
  expiresAt: z.number(),
  accountId: z.string(),
  roleArn: z.string(),
  roleName: z.string(),
  sessionName: z.string(),
});
/** Temporary credentials issued by AssumeRole, and whose they are. */
export type Session = z.infer<typeof Session>;

/** The saved sessions. */
export const SavedSessions = z.array(Session);

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Buffer, length: number): string {
  return [...bytes]
    .slice(0, length)
    .map((b) => BASE32[b % 32])
    .join('');
}

/** A role's unique id (`AROA…`), the same for every session of the role, as IAM keeps one per role. */
export function roleId(roleArn: string): string {
  return `AROA${base32(createHash('sha256').update(roleArn).digest(), 17)}`;
}

/** The sessions the sim's STS has issued: found by access key id, expiring, saved with the state. */
export class Sessions {
  private readonly byKey = new Map<string, Session>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Issues credentials for a role of an account, valid for `durationSeconds`. */
  issue(role: {
    accountId: string;
    roleArn: string;
    roleName: string;
    sessionName: string;
    durationSeconds: number;
  }): Session {
    this.forgetExpired();
    const session: Session = {
      accessKeyId: `ASIA${base32(randomBytes(16), 16)}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(180).toString('base64')}`,
      expiresAt: this.now() + role.durationSeconds * 1000,
      accountId: role.accountId,
      roleArn: role.roleArn,
      roleName: role.roleName,
      sessionName: role.sessionName,
    };
    this.byKey.set(session.accessKeyId, session);
    return session;
  }

  /** The session of an access key id, if issued (expired or not). */
  find(accessKeyId: string): Session | undefined {
    return this.byKey.get(accessKeyId);
  }

  /** Whether the session has expired. */
  isExpired(session: Session): boolean {
    return this.now() >= session.expiresAt;
  }

  /** Every session kept. */
  all(): Session[] {
    return [...this.byKey.values()];
  }

  /** Expires every session now (or those of one account), as if their time had run out. */
  expire(accountId?: string): number {
    let expired = 0;
    for (const s of this.byKey.values()) {
      if ((accountId && s.accountId !== accountId) || this.isExpired(s)) continue;
      this.byKey.set(s.accessKeyId, { ...s, expiresAt: this.now() });
      expired += 1;
    }
    return expired;
  }

  /** The sessions as saved data. */
  snapshot(): Session[] {
    return this.all();
  }

  /** Restores saved sessions (credentials a caller still holds keep working across a restart). */
  restore(saved: readonly Session[]): void {
    for (const s of saved) this.byKey.set(s.accessKeyId, s);
  }

  // an expired session is kept a day, so its caller hears ExpiredToken rather than an unknown key
  private forgetExpired(): void {
    const horizon = this.now() - 86_400_000;
    for (const [key, s] of this.byKey) if (s.expiresAt < horizon) this.byKey.delete(key);
  }
}
