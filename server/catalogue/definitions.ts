import type { Cluster } from '@shared/catalogue/cluster';
import type { DeploymentMapValue } from '@shared/catalogue/deployment-map';
import type { EnvironmentValue } from '@shared/catalogue/environment';
import type { ServiceValue } from '@shared/catalogue/service';
import type { EntityDefinition } from './entity-definition';
import type { Reference } from './record-store';
import { validatePermission } from './validate-permission';

const everywhere = () => 'everywhere' as const;
const none = () => [];

/** Clusters (teams): global, may name the group whose members form the team. */
export const clusterDefinition: EntityDefinition = {
  kind: 'Cluster',
  action: 'admin',
  scopes: everywhere,
  references: (v) => {
    const group = (v as Cluster).Value.ADMembershipGroup;
    return group ? [{ kind: 'Group', key: group, field: 'body.Value.ADMembershipGroup' }] : [];
  },
};

/** Environment types: global. */
export const environmentTypeDefinition: EntityDefinition = {
  kind: 'EnvironmentType',
  action: 'admin',
  scopes: everywhere,
  references: none,
};

/** Environments: owned by a team, of a type, with a deployment map. */
export const environmentDefinition: EntityDefinition = {
  kind: 'Environment',
  action: 'edit-environments',
  scopes: (v) => {
    const e = v['Value'] as EnvironmentValue;
    return [{ cluster: e.OwningCluster, environmentType: e.EnvironmentType }];
  },
  references: (v) => {
    const e = v['Value'] as EnvironmentValue;
    return [
      { kind: 'EnvironmentType', key: e.EnvironmentType, field: 'body.Value.EnvironmentType' },
      { kind: 'Cluster', key: e.OwningCluster, field: 'body.Value.OwningCluster' },
      { kind: 'DeploymentMap', key: e.DeploymentMap, field: 'body.Value.DeploymentMap' },
    ];
  },
  onDelete: (key) => [{ op: 'purge', kind: 'EnvironmentOps', key }],
};

/** Deployment maps: each server role is owned by a team and hosts services. */
export const deploymentMapDefinition: EntityDefinition = {
  kind: 'DeploymentMap',
  action: 'edit-environments',
  scopes: (v) => {
    const clusters = new Set((v['Value'] as DeploymentMapValue).DeploymentTarget.map((t) => t.OwningCluster));
    return [...clusters].map((cluster) => ({ cluster }));
  },
  references: (v) => {
    const refs: Reference[] = [];
    (v['Value'] as DeploymentMapValue).DeploymentTarget.forEach((t, i) => {
      refs.push({
        kind: 'Cluster',
        key: t.OwningCluster,
        field: `body.Value.DeploymentTarget.${i}.OwningCluster`,
      });
      t.Services.forEach((s, j) =>
        refs.push({
          kind: 'Service',
          key: s.ServiceName,
          field: `body.Value.DeploymentTarget.${i}.Services.${j}.ServiceName`,
        }),
      );
    });
    return refs;
  },
};

/** Services: owned by a team, ports unique forever, soft-deleted. */
export const serviceDefinition: EntityDefinition = {
  kind: 'Service',
  action: 'edit-catalogue',
  scopes: (v) => [{ cluster: v['OwningCluster'] as string }],
  references: (v) => [{ kind: 'Cluster', key: v['OwningCluster'] as string, field: 'body.OwningCluster' }],
  ports: (v) => {
    const value = v['Value'] as ServiceValue;
    const out: { port: number; field: string }[] = [];
    if (value.BluePort !== undefined) out.push({ port: value.BluePort, field: 'body.Value.BluePort' });
    if (value.GreenPort !== undefined) out.push({ port: value.GreenPort, field: 'body.Value.GreenPort' });
    return out;
  },
  softDelete: true,
};

/** AWS account associations: global. */
export const accountDefinition: EntityDefinition = {
  kind: 'Account',
  action: 'admin',
  scopes: everywhere,
  references: none,
};

/** Permission records: global (only admins give grants); they name a user or group and existing scopes. */
export const permissionDefinition: EntityDefinition = {
  kind: 'Permission',
  action: 'admin',
  scopes: everywhere,
  references: none,
  validate: validatePermission,
};

/** Portal users: global (admins manage them); their groups must exist. */
export const userDefinition: EntityDefinition = {
  kind: 'User',
  action: 'admin',
  scopes: everywhere,
  references: (v) =>
    ((v['Groups'] as string[] | undefined) ?? []).map((g, i) => ({
      kind: 'Group',
      key: g,
      field: `body.Groups.${i}`,
    })),
};

/** Groups of users: global. */
export const groupDefinition: EntityDefinition = {
  kind: 'Group',
  action: 'admin',
  scopes: everywhere,
  references: none,
};
