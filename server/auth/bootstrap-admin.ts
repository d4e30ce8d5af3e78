import { randomBytes } from 'node:crypto';
import type { RecordStore, Write } from '../catalogue/record-store';
import type { Logger } from '../logger';
import { hashPassword } from './password-hasher';

/**
 * Creates the `admin` user with an `admin` grant everywhere when there is none yet. Without
 * EM_ADMIN_PASSWORD a random password is generated and printed once (to the console, never logged).
 * Returns the password when it created the user now.
 */
export async function bootstrapAdmin(
  store: RecordStore,
  password: string | undefined,
  logger: Logger,
): Promise<string | undefined> {
  if (await store.get('User', 'admin')) return undefined;
  const secret = password ?? randomBytes(12).toString('base64url');
  const actor = { username: 'system', requestId: 'bootstrap', source: 'bootstrap' as const };
  const writes: Write[] = [];
  writes.push({
    op: 'put',
    kind: 'User',
    key: 'admin',
    value: {
      Username: 'admin',
      DisplayName: 'Administrator',
      Groups: [],
      Disabled: false,
      PasswordChangedAt: new Date().toISOString(),
    },
    expectedVersion: 0,
    changeType: 'Created',
    secret: await hashPassword(secret),
  });
  if (!(await store.get('Permission', 'admin'))) {
    writes.push({
      op: 'put',
      kind: 'Permission',
      key: 'admin',
      value: { Name: 'admin', Permissions: [{ Action: 'admin', Clusters: 'all', EnvironmentTypes: 'all' }] },
      expectedVersion: 0,
      changeType: 'Created',
    });
  }
  try {
    await store.commit(writes, actor);
  } catch (e) {
    if (await store.get('User', 'admin')) return undefined; // another portal process bootstrapped first
    throw e;
  }
  logger.info('created the admin user', { username: 'admin' });
  if (!password) process.stdout.write(`\n  Initial admin password (shown once): ${secret}\n\n`);
  return secret;
}
