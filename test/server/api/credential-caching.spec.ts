import { CachedCredentials } from '../../../server/auth/cached-credentials';
import type { Credential, CredentialStore } from '../../../server/auth/credential-store';
import { givenUser } from '../../fixtures/builders';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';

/** An in-memory CredentialStore that counts its reads and can hold a find until told to answer. */
class FakeStore implements CredentialStore {
  readonly items = new Map<string, Credential>();
  finds = 0;
  private held: (() => void) | undefined;
  private holdNext = false;

  /** The next find reads the item now but answers only when `release` is called. */
  holdNextFind(): void {
    this.holdNext = true;
  }
  release(): void {
    this.held?.();
  }

  async find(hash: string) {
    this.finds += 1;
    const found = this.items.get(hash);
    if (this.holdNext) {
      this.holdNext = false;
      await new Promise<void>((resolve) => (this.held = resolve));
    }
    return found;
  }
  async put(c: Credential) {
    this.items.set(c.hash, c);
  }
  async remove(hash: string) {
    this.items.delete(hash);
  }
  async listApiTokens() {
    return [...this.items.values()];
  }
  async listToggleTokens() {
    return [];
  }
  async markUsed(hash: string, at: string) {
    const c = this.items.get(hash);
    if (c) this.items.set(hash, { ...c, lastUsedAt: at });
  }
  async addFailure() {
    return 1;
  }
  async failures() {
    return 0;
  }
}

function aCredential(options: { hash?: string; expiresAt?: number | null } = {}): Credential {
  return {
    kind: 'bearer',
    hash: options.hash ?? 'h1',
    username: 'someone',
    expiresAt: options.expiresAt ?? null,
    createdAt: new Date(0).toISOString(),
  };
}

describe('the credential cache', () => {
  let inner: FakeStore;
  let now: number;
  let cache: CachedCredentials;

  beforeEach(async () => {
    inner = new FakeStore();
    now = 1_000_000;
    cache = new CachedCredentials(inner, { ttlMs: 2000, now: () => now });
    await inner.put(aCredential());
  });

  it('answers a credential it found from memory within the TTL, and reads the store again after it', async () => {
    expect(await cache.find('h1')).toBeDefined();
    now += 1999;
    expect(await cache.find('h1')).toBeDefined();
    expect(inner.finds).toBe(1);
    now += 1;
    expect(await cache.find('h1')).toBeDefined();
    expect(inner.finds).toBe(2);
  });

  it('forgets a credential removed through it at once', async () => {
    await cache.find('h1');
    await cache.remove('h1');
    expect(await cache.find('h1')).toBeUndefined();
  });

  it('sees a removal made elsewhere (another portal process) once the TTL has passed', async () => {
    await cache.find('h1');
    await inner.remove('h1');
    now += 2000;
    expect(await cache.find('h1')).toBeUndefined();
  });

  it('does not keep a credential that was read while it was being removed', async () => {
    inner.holdNextFind();
    const racing = cache.find('h1');
    await cache.remove('h1');
    inner.release();
    expect(await racing).toBeDefined(); // read before the delete landed, as the store itself would say
    expect(await cache.find('h1')).toBeUndefined();
  });

  it('never answers a credential past its own expiry, even within the TTL', async () => {
    await inner.put(aCredential({ hash: 'h2', expiresAt: now + 500 }));
    expect(await cache.find('h2')).toBeDefined();
    now += 500;
    inner.items.delete('h2'); // the store filters expired items on read
    expect(await cache.find('h2')).toBeUndefined();
  });

  it('keeps nothing for a hash the store does not know', async () => {
    expect(await cache.find('unknown')).toBeUndefined();
    expect(await cache.find('unknown')).toBeUndefined();
    expect(inner.finds).toBe(2);
  });

  it('keeps at most maxEntries credentials, dropping the oldest', async () => {
    const small = new CachedCredentials(inner, { ttlMs: 2000, maxEntries: 2, now: () => now });
    for (const hash of ['a', 'b', 'c']) await inner.put(aCredential({ hash }));
    for (const hash of ['a', 'b', 'c']) await small.find(hash);
    const before = inner.finds;
    await small.find('c');
    await small.find('b');
    expect(inner.finds).toBe(before);
    await small.find('a');
    expect(inner.finds).toBe(before + 1);
  });

  it('remembers that a cached credential was marked used', async () => {
    await cache.find('h1');
    await cache.markUsed('h1', '2026-12-01T10:00:00.000Z');
    expect((await cache.find('h1'))?.lastUsedAt).toBe('2026-12-01T10:00:00.000Z');
  });
});

describe('revoking a cached credential in the portal', () => {
  let tp: TestPortal;
  let anonymous: ApiClient;
  let admin: ApiClient;

  beforeAll(async () => {
    tp = await startTestPortal();
    anonymous = new ApiClient(tp.baseUrl);
    admin = await anonymous.signIn('admin', ADMIN_PASSWORD);
  });
  afterAll(() => tp.close());

  it('refuses a personal API token at once after it is revoked, though it was just used', async () => {
    const made = await admin.post('/user/tokens', { name: 'ci' });
    expect(made.status).toBe(201);
    const script = anonymous.as(made.body.token);
    expect((await script.get('/me')).status).toBe(200);
    expect((await script.get('/config/services')).status).toBe(200);
    expect((await admin.delete(`/user/tokens/${made.body.id}`, undefined)).status).toBe(204);
    expect((await script.get('/me')).status).toBe(401);
  });

  it('refuses a bearer token at once after DELETE /token, though it was just used', async () => {
    const client = await anonymous.signIn('admin', ADMIN_PASSWORD);
    expect((await client.get('/config/services')).status).toBe(200);
    expect((await client.call('DELETE', '/token')).status).toBe(200);
    expect((await client.get('/config/services')).status).toBe(401);
  });

  it('refuses a disabled user at once, though their token was just used', async () => {
    const user = await givenUser(admin);
    const me = (await user.get('/me')).body.username as string;
    const current = await admin.get(`/users/${me}`);
    const disabled = await admin.put(`/users/${me}`, { Groups: [], Disabled: true }, current.body.Version);
    expect(disabled.status).toBe(200);
    expect((await user.get('/me')).status).toBe(401);
  });
});
