import { hashPassword } from '../auth/password-hasher';
import type { Catalogue } from '../catalogue/catalogue';
import {
  accountDefinition,
  clusterDefinition,
  deploymentMapDefinition,
  environmentDefinition,
  environmentTypeDefinition,
  groupDefinition,
  permissionDefinition,
  serviceDefinition,
  userDefinition,
} from '../catalogue/definitions';
import type { Actor } from '../catalogue/record-store';
import { demoAccounts, demoEnvironments, demoMaps, demoServices, demoTeams } from './demo-estate';

/** The sandbox seeds the demo estate through the same validation and audit as anyone, as `sandbox`. */
const actor: Actor = { username: 'sandbox', requestId: 'sandbox-seed', source: 'sandbox' };

/** The demo port pair of the n-th service. */
export function demoPorts(index: number): { blue: number; green: number } {
  return { blue: 41000 + index * 2, green: 41001 + index * 2 };
}

/**
 * The demo's /config/accounts records, those missing (on every start: a sandbox seeded before accounts
 * mattered gets them too, its environment types left as they were). Answers how many it made.
 */
export async function seedAccounts(catalogue: Catalogue): Promise<number> {
  const have = new Set((await catalogue.list(accountDefinition)).map((a) => a.value.AccountNumber));
  let made = 0;
  for (const a of demoAccounts) {
    if (have.has(a.AccountNumber)) continue;
    await catalogue.create(accountDefinition, actor, a.AccountNumber, {
      AccountName: a.AccountName,
      AccountNumber: a.AccountNumber,
      IncludeAMIs: false,
      RoleArn: a.RoleArn,
    });
    made += 1;
  }
  return made;
}

/**
 * Seeds the demo catalogue on a first start (when it has no clusters): teams with their groups, users and
 * grants, environment types, services, deployment maps and environments. Demo users sign in with the admin
 * password. Returns whether it seeded.
 */
export async function seedCatalogue(catalogue: Catalogue, demoPassword: string): Promise<boolean> {
  if ((await catalogue.list(clusterDefinition)).length > 0) return false;
  const secret = await hashPassword(demoPassword);
  for (const team of demoTeams) {
    await catalogue.create(groupDefinition, actor, team.group, {
      GroupName: team.group,
      Description: `The ${team.cluster} team`,
    });
    const writes = await catalogue.planCreate(userDefinition, team.user.username, {
      Username: team.user.username,
      DisplayName: team.user.displayName,
      Groups: [team.group],
      Disabled: false,
      PasswordChangedAt: new Date().toISOString(),
    });
    const [first, ...rest] = writes;
    if (first?.op !== 'put') throw new Error('expected the user write first');
    await catalogue.commit([{ ...first, secret }, ...rest], actor);
    await catalogue.create(clusterDefinition, actor, team.cluster, {
      ClusterName: team.cluster,
      Value: {
        ShortName: team.shortName,
        ADMembershipGroup: team.group,
        GroupEmailAddress: `${team.group}@example.com`,
      },
    });
  }
  await catalogue.create(environmentTypeDefinition, actor, 'Prod', {
    EnvironmentType: 'Prod',
    Value: {
      Description: 'Production',
      // its own account, reached through the account's role
      AWSAccountNumber: demoAccounts[1]!.AccountNumber,
      Region: 'eu-west-1',
      ProtectedActions: ['deploy'],
      RequiresApproval: true,
    },
  });
  await catalogue.create(environmentTypeDefinition, actor, 'NonProd', {
    EnvironmentType: 'NonProd',
    Value: {
      Description: 'Integration, staging and tools',
      AWSAccountNumber: demoAccounts[0]!.AccountNumber,
      Region: 'eu-west-1',
    },
  });
  for (const team of demoTeams) {
    await catalogue.create(permissionDefinition, actor, team.group, {
      Name: team.group,
      Permissions: [...team.grants],
    });
  }
  for (const [i, s] of demoServices.entries()) {
    const ports = demoPorts(i);
    await catalogue.create(serviceDefinition, actor, s.name, {
      ServiceName: s.name,
      OwningCluster: s.cluster,
      Value: {
        Description: s.description,
        Lifecycle: s.lifecycle,
        BluePort: ports.blue,
        GreenPort: ports.green,
        PackageType: 'NodeJs',
        Tags: [...s.tags],
        Contacts: [
          {
            Name: `${s.cluster} on-call`,
            Email: `${s.cluster.toLowerCase()}-oncall@example.com`,
            Role: 'on-call',
          },
        ],
        Links: [{ Title: 'Runbook', Url: `https://wiki.example.com/runbooks/${s.name.toLowerCase()}` }],
      },
    });
  }
  for (const [name, roles] of Object.entries(demoMaps)) {
    await catalogue.create(deploymentMapDefinition, actor, name, {
      DeploymentMapName: name,
      Value: {
        Description: `The ${name} server roles`,
        DeploymentTarget: roles.map((r) => ({
          ServerRoleName: r.role,
          OwningCluster: r.cluster,
          Services: r.services.map((ServiceName) => ({ ServiceName })),
          AutoScalingSettings: { MinCapacity: r.fleetPerSlice ? 0 : 1, DesiredCapacity: 2, MaxCapacity: 6 },
          InstanceType: 't3.small',
          AMI: 'em-linux-base-1.2.0',
          FleetPerSlice: r.fleetPerSlice,
          HealthCheckPath: '/health',
        })),
      },
    });
  }
  for (const e of demoEnvironments) {
    await catalogue.create(environmentDefinition, actor, e.name, {
      EnvironmentName: e.name,
      Value: {
        EnvironmentType: e.type,
        OwningCluster: e.cluster,
        DeploymentMap: e.map,
        Description: e.description,
      },
    });
  }
  return true;
}
