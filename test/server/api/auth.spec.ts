import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { tableNames } from '../../../server/adapters/dynamodb/tables';
import { aCluster, aService, created, givenUser, unique } from '../../fixtures/builders';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';

/** The cookies a reply sets, by name, with their attributes. */
function cookies(res: { headers: Headers }): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of res.headers.getSetCookie()) out.set(c.split('=')[0]!, c);
  return out;
}

function cookieValue(setCookie: string): string {
  return decodeURIComponent(setCookie.split(';')[0]!.split('=').slice(1).join('='));
}

describe('authentication', () => {
  let tp: TestPortal;
  let anonymous: ApiClient;
  let admin: ApiClient;

  beforeAll(async () => {
    tp = await startTestPortal();
    anonymous = new ApiClient(tp.baseUrl);
    admin = await anonymous.signIn('admin', ADMIN_PASSWORD);
  });
  afterAll(() => tp.close());

  describe('POST /token and DELETE /token', () => {
    it('returns the bare token as text, as the original did, which signs requests in until it is deleted', async () => {
      // as the original's clients and a curl script do: POST JSON, send the reply back verbatim as a bearer
      const res = await fetch(`${tp.baseUrl}/api/v1/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const token = await res.text();
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      const me = await fetch(`${tp.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
      const client = anonymous.as(token);
      expect((await client.get('/me')).body.username).toBe('admin');
      expect((await client.call('DELETE', '/token')).status).toBe(200);
      expect((await client.get('/me')).status).toBe(401);
    });

    it('answers a JSON string to a client that accepts JSON only', async () => {
      const res = await anonymous.post(
        '/token',
        { username: 'admin', password: ADMIN_PASSWORD },
        { headers: { accept: 'application/json' } },
      );
      expect(res.status).toBe(200);
      expect(res.contentType).toMatch(/^application\/json/);
      expect(typeof res.body).toBe('string');
      expect((await anonymous.as(res.body).get('/me')).body.username).toBe('admin');
    });

    it('refuses a wrong password and an unknown user with the same 401 problem', async () => {
      const user = await givenUser(admin);
      const me = (await user.get('/me')).body.username;
      const wrong = await anonymous.post('/token', { username: me, password: 'not-the-password' });
      const unknown = await anonymous.post('/token', {
        username: unique('ghost'),
        password: 'not-the-password',
      });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body.detail).toBe('invalid username or password');
      expect(unknown.body.detail).toBe(wrong.body.detail);
    });

    it('limits failed sign-ins per user: after 5 failures even the right password gets 429 with Retry-After', async () => {
      const username = unique('victim');
      await created(admin, '/users', { Username: username, Password: 'the-right-password' });
      for (let i = 0; i < 5; i++) {
        expect((await anonymous.post('/token', { username, password: `guess-${i}` })).status).toBe(401);
      }
      const locked = await anonymous.post('/token', { username, password: 'the-right-password' });
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(locked.body.detail).toContain('too many failed sign-ins');
    });

    it('refuses an unknown bearer token with 401 and WWW-Authenticate', async () => {
      const res = await anonymous.as('emb_not-a-real-token').get('/config/services');
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
    });
  });

  describe('browser sessions (POST /login, /logout)', () => {
    it('sets an HttpOnly SameSite=Strict session cookie and a readable XSRF-TOKEN cookie', async () => {
      const res = await anonymous.post('/login', { username: 'admin', password: ADMIN_PASSWORD });
      expect(res.status).toBe(200);
      expect(res.body.username).toBe('admin');
      const set = cookies(res);
      expect(set.get('em_session')).toMatch(/HttpOnly/i);
      expect(set.get('em_session')).toMatch(/SameSite=Strict/i);
      expect(set.get('XSRF-TOKEN')).toMatch(/SameSite=Strict/i);
      expect(set.get('XSRF-TOKEN')).not.toMatch(/HttpOnly/i);
    });

    it('needs the XSRF token echoed in X-XSRF-TOKEN for a change made with the cookie', async () => {
      const login = cookies(await anonymous.post('/login', { username: 'admin', password: ADMIN_PASSWORD }));
      const cookie = `em_session=${cookieValue(login.get('em_session')!)}`;
      const xsrf = cookieValue(login.get('XSRF-TOKEN')!);
      expect((await anonymous.get('/me', { headers: { cookie } })).status).toBe(200);
      const body = aCluster();
      const forged = await anonymous.call('POST', '/config/clusters', { body, headers: { cookie } });
      expect(forged.status).toBe(403);
      expect((await admin.get(`/config/clusters/${body.ClusterName}`)).status).toBe(404);
      const wrong = await anonymous.call('POST', '/config/clusters', {
        body,
        headers: { cookie, 'x-xsrf-token': 'guess' },
      });
      expect(wrong.status).toBe(403);
      const ok = await anonymous.call('POST', '/config/clusters', {
        body,
        headers: { cookie, 'x-xsrf-token': xsrf },
      });
      expect(ok.status).toBe(201);
    });

    it('ends the session on logout', async () => {
      const login = cookies(await anonymous.post('/login', { username: 'admin', password: ADMIN_PASSWORD }));
      const cookie = `em_session=${cookieValue(login.get('em_session')!)}`;
      expect((await anonymous.call('POST', '/logout', { headers: { cookie } })).status).toBe(200);
      expect((await anonymous.get('/me', { headers: { cookie } })).status).toBe(401);
    });
  });

  describe('personal API tokens', () => {
    it('shows the secret once, lists tokens without it, stores only its hash, and revokes', async () => {
      const user = await givenUser(admin);
      const made = await user.post('/user/tokens', { name: 'deploy script', expiresInDays: 30 });
      expect(made.status).toBe(201);
      const secret: string = made.body.token;
      expect(secret).toMatch(/^emp_/);
      const list = await user.get('/user/tokens');
      expect(list.body.length).toBe(1);
      expect(list.body[0]).toEqual({
        id: made.body.id,
        name: 'deploy script',
        createdAt: made.body.createdAt,
        expiresAt: made.body.expiresAt,
        lastUsedAt: null,
      });
      expect(JSON.stringify(list.body)).not.toContain(secret);

      const script = anonymous.as(secret);
      expect((await script.get('/config/services')).status).toBe(200);

      const { Items } = await tp.portal.db.doc.send(
        new ScanCommand({ TableName: tableNames(tp.tablePrefix).sessions }),
      );
      expect(JSON.stringify(Items)).not.toContain(secret);
      expect(JSON.stringify(Items)).not.toContain(secret.slice(4, 20));

      expect((await user.delete(`/user/tokens/${made.body.id}`, undefined)).status).toBe(204);
      expect((await script.get('/config/services')).status).toBe(401);
      expect((await user.get('/user/tokens')).body).toEqual([]);
    });

    it("cannot revoke another user's token", async () => {
      const owner = await givenUser(admin);
      const other = await givenUser(admin);
      const made = await owner.post('/user/tokens', { name: 'mine' });
      expect((await other.delete(`/user/tokens/${made.body.id}`, undefined)).status).toBe(404);
      expect((await anonymous.as(made.body.token).get('/me')).status).toBe(200);
    });
  });

  describe('users', () => {
    it('stores passwords as scrypt hashes, never in clear', async () => {
      const username = unique('hashme');
      await created(admin, '/users', { Username: username, Password: 'correct-horse-battery' });
      const { Item } = await tp.portal.db.doc.send(
        new GetCommand({
          TableName: tableNames(tp.tablePrefix).config,
          Key: { Kind: 'User', Key: username },
        }),
      );
      expect(Item!['Secret']).toMatch(/^scrypt\$/);
      expect(JSON.stringify(Item)).not.toContain('correct-horse-battery');
      const audit = await admin.get(`/audit?Entity.Type=User&Entity.Key=${username}`);
      expect(JSON.stringify(audit.body)).not.toContain('scrypt');
    });

    it('refuses a disabled user at once, even with a token issued before', async () => {
      const user = await givenUser(admin);
      const me = (await user.get('/me')).body.username;
      const current = await admin.get(`/users/${me}`);
      const res = await admin.put(`/users/${me}`, { Groups: [], Disabled: true }, current.body.Version);
      expect(res.status).toBe(200);
      expect((await user.get('/me')).status).toBe(401);
      expect(
        (await anonymous.post('/token', { username: me, password: 'a-long-test-password' })).status,
      ).toBe(401);
    });

    it('resets a password: the old one stops working, the new one works', async () => {
      const username = unique('reset');
      await created(admin, '/users', { Username: username, Password: 'the-first-password' });
      const res = await admin.put(`/users/${username}/password`, { Password: 'the-second-password' }, 1);
      expect(res.status).toBe(200);
      expect((await anonymous.post('/token', { username, password: 'the-first-password' })).status).toBe(401);
      expect((await anonymous.post('/token', { username, password: 'the-second-password' })).status).toBe(
        200,
      );
    });

    it('refuses a short password, naming the field', async () => {
      const res = await admin.post('/users', { Username: unique('u'), Password: 'short' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { field: 'body.Password', message: 'must be at least 12 characters' },
      ]);
    });

    it('sets groups that exist, refuses ones that do not, and keeps a referenced group', async () => {
      const group = (await created(admin, '/groups', { GroupName: unique('g') })).GroupName;
      const username = unique('member');
      const user = await created(admin, '/users', {
        Username: username,
        Password: 'a-long-test-password',
        Groups: [group],
      });
      expect(user.Groups).toEqual([group]);
      const bad = await admin.put(`/users/${username}`, { Groups: [group, 'nope'], Disabled: false }, 1);
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([{ field: 'body.Groups.1', message: 'Group nope does not exist' }]);
      const del = await admin.delete(`/groups/${group}`, 1);
      expect(del.status).toBe(409);
      expect(del.body.referrers).toEqual([`User:${username}`]);
    });
  });

  describe('groups', () => {
    it('update their description at the version read, and say which field is wrong', async () => {
      const group = (await created(admin, '/groups', { GroupName: unique('g'), Description: 'Old' }))
        .GroupName;
      const updated = await admin.put(`/groups/${group}`, { Description: 'On-call engineers' }, 1);
      expect(updated.status).toBe(200);
      expect(updated.body).toEqual({ GroupName: group, Description: 'On-call engineers', Version: 2 });
      expect((await admin.get('/groups')).body).toContain(updated.body);
      const stale = await admin.put(`/groups/${group}`, { Description: 'Lost update' }, 1);
      expect(stale.status).toBe(409);
      const bad = await admin.put(`/groups/${group}`, { Description: 'x'.repeat(501) }, 2);
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.Description']);
      const cleared = await admin.put(`/groups/${group}`, {}, 2);
      expect(cleared.body).toEqual({ GroupName: group, Version: 3 });
      const audit = await admin.get(`/audit?Entity.Type=Group&Entity.Key=${group}`);
      expect(audit.body.map((e: { ChangeType: string }) => e.ChangeType)).toEqual([
        'Updated',
        'Updated',
        'Created',
      ]);
    });
  });

  describe('grants', () => {
    it('apply on the next request, without signing in again', async () => {
      const team = (await created(admin, '/config/clusters', aCluster())).ClusterName;
      const user = await givenUser(admin);
      const me = (await user.get('/me')).body.username;
      expect((await user.post('/config/services', aService({ cluster: team }))).status).toBe(403);
      await created(admin, '/config/permissions', {
        Name: me,
        Permissions: [{ Action: 'edit-catalogue', Clusters: [team] }],
      });
      expect((await user.post('/config/services', aService({ cluster: team }))).status).toBe(201);
    });

    it("come from the user's groups too, and /me shows teams from the clusters' membership groups", async () => {
      const group = (await created(admin, '/groups', { GroupName: unique('team-grp') })).GroupName;
      const team = (await created(admin, '/config/clusters', aCluster({ group }))).ClusterName;
      await created(admin, '/config/permissions', {
        Name: group,
        Permissions: [{ Action: 'edit-catalogue', Clusters: [team] }],
      });
      const user = await givenUser(admin, { groups: [group] });
      const me = await user.get('/me');
      expect(me.body.teams).toEqual([team]);
      expect(me.body.grants).toEqual([
        { Action: 'edit-catalogue', Clusters: [team], EnvironmentTypes: 'all' },
      ]);
      expect((await user.post('/config/services', aService({ cluster: team }))).status).toBe(201);
    });
  });
});
