import type { Credential, CredentialAudit, CredentialStore } from './credential-store';

/** How long a found credential is answered from memory, unless the options say otherwise. */
export const CREDENTIAL_TTL_MS = 2000;
const MAX_ENTRIES = 10_000;

/** How the cache behaves; the clock is injected so specs need not wait. */
export interface CachedCredentialsOptions {
  readonly ttlMs?: number;
  /** Entries kept at most; the oldest go first (unknown secrets are never kept, so guessing fills nothing). */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

interface Entry {
  credential: Credential;
  readonly until: number;
}

/**
 * A CredentialStore that answers `find` for a credential it found within the last `ttlMs` from memory,
 * keyed by the token hash, so a script or page making many calls costs one read of the Sessions table per
 * TTL instead of one per request. Safe because it is short and one-sided: a revoke or sign-out (`remove`)
 * in this process evicts the hash at once (and a find racing the removal is not kept), a credential past
 * its own expiry is never answered, and nothing unknown is cached. A revoke made by another portal process
 * is seen here within `ttlMs`.
 */
export class CachedCredentials implements CredentialStore {
  private readonly entries = new Map<string, Entry>();
  /** Bumped around every removal: a find that began before one does not fill the cache. */
  private removals = 0;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly inner: CredentialStore,
    options: CachedCredentialsOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? CREDENTIAL_TTL_MS;
    this.maxEntries = options.maxEntries ?? MAX_ENTRIES;
    this.now = options.now ?? Date.now;
  }

  async find(hash: string): Promise<Credential | undefined> {
    const now = this.now();
    const hit = this.entries.get(hash);
    if (hit && hit.until > now && !isExpired(hit.credential, now)) return hit.credential;
    if (hit) this.entries.delete(hash);
    const removalsBefore = this.removals;
    const found = await this.inner.find(hash);
    if (found && this.removals === removalsBefore) this.keep(hash, found, now);
    return found;
  }

  async remove(hash: string, audit?: CredentialAudit): Promise<void> {
    this.forget(hash);
    try {
      await this.inner.remove(hash, audit);
    } finally {
      // a find that read the item while the delete was under way must not put it back
      this.forget(hash);
    }
  }

  async markUsed(hash: string, at: string): Promise<void> {
    // the cached copy says it was used today, so resolve() does not mark it again on every request
    const hit = this.entries.get(hash);
    if (hit) hit.credential = { ...hit.credential, lastUsedAt: at };
    await this.inner.markUsed(hash, at);
  }

  put(credential: Credential, audit?: CredentialAudit): Promise<void> {
    return this.inner.put(credential, audit);
  }

  listApiTokens(username: string): Promise<Credential[]> {
    return this.inner.listApiTokens(username);
  }

  listToggleTokens(service?: string): Promise<Credential[]> {
    return this.inner.listToggleTokens(service);
  }

  addFailure(key: string, windowEndsAt: number): Promise<number> {
    return this.inner.addFailure(key, windowEndsAt);
  }

  failures(key: string, windowEndsAt: number): Promise<number> {
    return this.inner.failures(key, windowEndsAt);
  }

  /** The TTL runs from when the read began, so no answer is older than `ttlMs`. */
  private keep(hash: string, credential: Credential, readAt: number): void {
    this.entries.delete(hash);
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    this.entries.set(hash, { credential, until: readAt + this.ttlMs });
  }

  private forget(hash: string): void {
    this.removals += 1;
    this.entries.delete(hash);
  }
}

function isExpired(c: Credential, now: number): boolean {
  return c.expiresAt !== null && c.expiresAt <= now;
}
