import type { InvalidField } from '@shared/api/problem';
import { isGrant } from '@shared/auth/permission';
import { InputError } from '../errors/domain-errors';
import type { Kind, RecordStore, StoredValue } from './record-store';

/**
 * A permission record must belong to an existing user or group, and its grants may only scope to clusters
 * and environment types that exist, so that a typo never silently grants nothing (or too much later).
 * The original's rules are not checked: they allow nothing, whatever they name.
 */
export async function validatePermission(p: StoredValue<'Permission'>, store: RecordStore): Promise<void> {
  const errors: InvalidField[] = [];
  const [user, group] = await Promise.all([store.get('User', p.Name), store.get('Group', p.Name)]);
  if ((!user || user.deleted) && (!group || group.deleted)) {
    errors.push({ field: 'body.Name', message: `no user or group is named ${p.Name}` });
  }
  const known = async (kind: Kind) =>
    new Set((await store.list(kind)).filter((r) => !r.deleted).map((r) => r.key));
  const [clusters, types] = await Promise.all([known('Cluster'), known('EnvironmentType')]);
  p.Permissions.forEach((g, i) => {
    // the original's rules name its scopes as it wrote them (often lower case) and grant nothing here
    if (!isGrant(g)) return;
    if (g.Clusters !== 'all') {
      g.Clusters.forEach((c, j) => {
        if (!clusters.has(c))
          errors.push({
            field: `body.Permissions.${i}.Clusters.${j}`,
            message: `Cluster ${c} does not exist`,
          });
      });
    }
    if (g.EnvironmentTypes !== 'all') {
      g.EnvironmentTypes.forEach((t, j) => {
        if (!types.has(t)) {
          errors.push({
            field: `body.Permissions.${i}.EnvironmentTypes.${j}`,
            message: `EnvironmentType ${t} does not exist`,
          });
        }
      });
    }
  });
  if (errors.length) throw new InputError(errors.map((e) => e.message).join('; '), errors);
}
