import { createHash, randomBytes } from 'node:crypto';
import type { Credentials } from '@shared/auth/user';
import { grantsAmong, type Grant } from '@shared/auth/permission';
import { recordByKey } from '../catalogue/record-by-key';
import type { RecordStore, StoredRecord } from '../catalogue/record-store';
import { NotAuthenticatedError, TooManyRequestsError } from '../errors/domain-errors';
import type { Credential, CredentialStore } from './credential-store';
import { decoyHash, verifyPassword } from './password-hasher';
import type { Principal } from './principal';

const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES_PER_USER = 5;
const MAX_FAILURES_PER_CLIENT = 30;
const prefixes = { session: 'ems_', bearer: 'emb_', 'api-token': 'emp_', 'toggle-token': 'emt_' } as const;

/** The SHA-256 of a credential's secret: what the store keys on. */
export function credentialHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A new secret of a kind of credential (its prefix says the kind) and the hash it is stored under. */
export function newSecret(kind: Credential['kind']): { readonly secret: string; readonly hash: string } {
  const secret = prefixes[kind] + randomBytes(32).toString('base64url');
  return { secret, hash: credentialHash(secret) };
}

/** A new id for a token, shown in lists and logs in place of its secret. */
export function newTokenId(): string {
  return randomBytes(9).toString('base64url');
}

/** A freshly issued credential and its secret (the only time the secret exists outside the caller). */
export interface Issued {
  readonly secret: string;
  readonly credential: Credential;
}

/** Sign-in, credential issue and lookup, and the per-request principal. */
export class Authentication {
  constructor(
    private readonly records: RecordStore,
    private readonly credentials: CredentialStore,
    private readonly sessionHours: number,
  ) {}

  /** Checks a username and password, with failed attempts limited per user and per client address. */
  async signIn(c: Credentials, clientAddress: string): Promise<StoredRecord<'User'>> {
    const windowEnd = Math.ceil((Date.now() + 1) / WINDOW_MS) * WINDOW_MS;
    const userKey = `user:${c.username.toLowerCase()}`;
    const clientKey = `client:${clientAddress}`;
    const [userFailures, clientFailures] = await Promise.all([
      this.credentials.failures(userKey, windowEnd),
      this.credentials.failures(clientKey, windowEnd),
    ]);
    const retryAfter = Math.ceil((windowEnd - Date.now()) / 1000);
    if (userFailures >= MAX_FAILURES_PER_USER || clientFailures >= MAX_FAILURES_PER_CLIENT) {
      throw new TooManyRequestsError(
        `too many failed sign-ins; try again in ${Math.ceil(retryAfter / 60)} minutes`,
        retryAfter,
      );
    }
    const user = await this.records.get('User', c.username);
    const ok = await verifyPassword(c.password, user?.secret ?? (await decoyHash));
    if (!user || !ok || user.value.Disabled || user.deleted) {
      await Promise.all([
        this.credentials.addFailure(userKey, windowEnd),
        this.credentials.addFailure(clientKey, windowEnd),
      ]);
      throw new NotAuthenticatedError('invalid username or password');
    }
    return user;
  }

  /** Issues a session, bearer or personal API token for a user. */
  async issue(
    kind: 'session' | 'bearer' | 'api-token',
    username: string,
    options: { name?: string; expiresInDays?: number } = {},
  ): Promise<Issued> {
    const { secret, hash } = newSecret(kind);
    const hours = kind === 'api-token' ? (options.expiresInDays ?? 0) * 24 : this.sessionHours;
    const credential: Credential = {
      kind,
      hash,
      username,
      // whole seconds: the DynamoDB TTL attribute keeps seconds
      expiresAt: hours > 0 ? Math.ceil((Date.now() + hours * 3_600_000) / 1000) * 1000 : null,
      csrf: kind === 'session' ? randomBytes(24).toString('base64url') : undefined,
      id: kind === 'api-token' ? newTokenId() : undefined,
      name: options.name,
      createdAt: new Date().toISOString(),
    };
    await this.credentials.put(credential);
    return { secret, credential };
  }

  /**
   * The principal behind a secret, or undefined when it is unknown, expired, or its user is disabled. A
   * toggle token is no user's: it stands alone (its maker leaving the team does not stop the service).
   */
  async resolve(secret: string): Promise<{ principal: Principal; credential: Credential } | undefined> {
    if (secret.length > 200) return undefined;
    const credential = await this.credentials.find(credentialHash(secret));
    if (!credential) return undefined;
    if (credential.kind === 'toggle-token') {
      const principal = toggleTokenPrincipal(credential);
      if (!principal) return undefined;
      this.markUsedToday(credential);
      return { principal, credential };
    }
    const user = await this.user(credential.username);
    if (!user || user.deleted || user.value.Disabled) return undefined;
    if (credential.kind === 'api-token') this.markUsedToday(credential);
    return { principal: this.principal(user, credential), credential };
  }

  /** A token's last use is kept to the day: one write a day, not one per request. */
  private markUsedToday(credential: Credential): void {
    const today = new Date().toISOString().slice(0, 10);
    if (credential.lastUsedAt?.slice(0, 10) !== today) {
      void this.credentials.markUsed(credential.hash, new Date().toISOString());
    }
  }

  /**
   * The user behind a credential, from the users' list the store keeps per generation: every user write
   * bumps the generation and returns only once every process lists it, so a disabled user is refused at
   * the next request in every process, and requests share a generation read instead of each reading its
   * own User item.
   */
  private async user(username: string): Promise<StoredRecord<'User'> | undefined> {
    return recordByKey(await this.records.list('User'), username);
  }

  /** Revokes one credential by its hash. */
  async revoke(hash: string): Promise<void> {
    await this.credentials.remove(hash);
  }

  private principal(user: StoredRecord<'User'>, credential: Credential): Principal {
    const groups = user.value.Groups;
    let grants: Promise<readonly Grant[]> | undefined;
    return {
      username: user.key,
      displayName: user.value.DisplayName ?? user.key,
      groups,
      via: credential.kind,
      credentialHash: credential.hash,
      ...(credential.kind === 'api-token' && credential.id ? { tokenId: credential.id } : {}),
      grants: () => (grants ??= this.grantsOf(user.key, groups)),
    };
  }

  /** The grants of the user's and groups' records; the original's rules kept in them grant nothing. */
  private async grantsOf(username: string, groups: readonly string[]): Promise<readonly Grant[]> {
    const records = await this.records.getMany('Permission', [username, ...groups]);
    return records.flatMap((r) => grantsAmong(r.value.Permissions));
  }
}

/** A toggle token as a caller: its scope and nothing else (no groups, no grants). */
function toggleTokenPrincipal(credential: Credential): Principal | undefined {
  const scope = credential.toggleToken;
  if (!scope || !credential.id) return undefined;
  return {
    username: credential.username,
    displayName: `toggle token ${credential.id} (${scope.service} in ${scope.environment})`,
    groups: [],
    via: 'toggle-token',
    credentialHash: credential.hash,
    tokenId: credential.id,
    toggleScope: { service: scope.service, environment: scope.environment },
    grants: async () => [],
  };
}
