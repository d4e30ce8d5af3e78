/**
 * Every operation of the original's published v1 API (118 operations on 76 paths), listed by us from its
 * Swagger document in our own words: what it does, how the original's clients called it (path
 * parameters, query, body), and what this portal answers. The walk (v1-operations.spec.ts) calls each
 * one in this order against a seeded estate, so records are created before they are read, changed and
 * deleted.
 */

/** implemented: answers as documented; mapped: the original's mechanism is gone, a read answers from
 * what replaced it and a write 410; not-yet: 501 until the feature it comes with. */
export type OperationKind = 'implemented' | 'mapped' | 'not-yet';

/** The documented reply: its JSON type and the top-level fields that must be there (of each item of an array). */
export interface ReplyShape {
  readonly type: 'object' | 'array' | 'text' | 'any';
  readonly fields?: readonly string[];
}

/** One request as the original's clients made it. */
export interface ExampleRequest {
  /** The path with its parameters filled in (and encoded). */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Who calls: the admin's token (default), none, or a token of its own (one that the call ends). */
  readonly caller?: 'admin' | 'anonymous' | 'throwaway';
}

/** The names of the seeded estate and the scratch records the walk creates, changes and deletes. */
export interface WalkContext {
  readonly environment: string;
  readonly environmentType: string;
  readonly cluster: string;
  readonly webService: string;
  readonly apiService: string;
  readonly webGroup: string;
  readonly blueGroup: string;
  readonly greenGroup: string;
  readonly scratch: {
    readonly cluster: string;
    readonly importedCluster: string;
    readonly environmentType: string;
    readonly deploymentMap: string;
    readonly environment: string;
    readonly service: string;
    readonly oldStyleService: string;
    readonly permission: string;
    readonly accountNumber: string;
  };
  /** What earlier replies gave: the deployment started, an audit entry, an instance. */
  readonly captured: { deploymentId?: string; auditId?: string; instanceId?: string; accountName?: string };
  /** The `Version` of the record at this API path, read now. */
  version(path: string): Promise<number>;
}

/** An operation of the original and what this portal answers to it. */
export interface V1Operation {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The original's path template. */
  readonly path: string;
  /** What it does, in our words. */
  readonly about: string;
  readonly kind: OperationKind;
  /** The status this portal answers (the documented one for implemented and mapped reads). */
  readonly status: number;
  readonly reply?: ReplyShape;
  /** Where this portal asks for more than, or other than, the original documented. */
  readonly note?: string;
  /**
   * A known difference from the documented status, not ours to change: the walk reports it and fails
   * once the operation answers as documented (then this goes).
   */
  readonly knownDrift?: { readonly status: number; readonly why: string };
  example(c: WalkContext): ExampleRequest | Promise<ExampleRequest>;
  /** Keeps what a later example needs from the reply. */
  capture?(body: unknown, c: WalkContext): void;
}

const enc = encodeURIComponent;
const versioned = async (c: WalkContext, path: string) => ({
  'expected-version': String(await c.version(path)),
});
const VERSION_ON_DELETE =
  'this portal needs expected-version on every delete (DESIGN: Storage); the original did not document it here';

const ORIGINAL_RULES =
  "the original's Resource/Access rules are stored, returned and exported as given, and grant nothing here: " +
  'grants are typed actions on clusters and environment types (DESIGN: Governance)';

const ASG = ['AutoScalingGroupName', 'MinSize', 'MaxSize', 'DesiredCapacity', 'Instances'];
const obj = (...fields: string[]): ReplyShape => ({ type: 'object', fields });
const arr = (...fields: string[]): ReplyShape => ({ type: 'array', fields });

/** The original's `Image` fields. */
const IMAGE = [
  'ImageId',
  'Name',
  'CreationDate',
  'Platform',
  'Description',
  'AmiType',
  'AmiVersion',
  'IsCompatibleImage',
  'IsStable',
  'Encrypted',
  'RootVolumeSize',
  'Rank',
  'IsLatest',
  'IsLatestStable',
  'AccountName',
  'DaysBehindLatest',
];
/** The original's `Instance` fields this portal has. */
const INSTANCE = [
  'InstanceId',
  'ImageId',
  'InstanceType',
  'LaunchTime',
  'State',
  'Placement',
  'PrivateIpAddress',
  'PrivateDnsName',
  'Tags',
  'Name',
  'Environment',
  'OwningCluster',
  'Role',
  'AccountName',
];
/** The original's `AWSLaunchConfig` fields. */
const LAUNCH_CONFIG = [
  'AMI',
  'ImageId',
  'InstanceProfileName',
  'InstanceType',
  'SecurityGroups',
  'UserData',
  'Volumes',
];

/** The 118 operations, in walk order. */
export const V1_OPERATIONS: readonly V1Operation[] = [
  // --- sign-in and status
  {
    method: 'GET',
    path: '/diagnostics/healthcheck',
    about: 'whether the portal is up, and its version',
    kind: 'implemented',
    status: 200,
    reply: obj('OK', 'Version'),
    example: () => ({ path: '/diagnostics/healthcheck', caller: 'anonymous' }),
  },
  {
    method: 'POST',
    path: '/login',
    about: 'sign in with a password and get a session cookie',
    kind: 'implemented',
    status: 200,
    example: () => ({
      path: '/login',
      caller: 'anonymous',
      body: { username: 'admin', password: 'admin-password-for-tests' },
    }),
  },
  {
    method: 'POST',
    path: '/token',
    about: 'sign in with a password and get a bearer token, as bare text',
    kind: 'implemented',
    status: 200,
    reply: { type: 'text' },
    example: () => ({
      path: '/token',
      caller: 'anonymous',
      body: { username: 'admin', password: 'admin-password-for-tests' },
    }),
  },

  // --- clusters
  {
    method: 'POST',
    path: '/config/clusters',
    about: 'create a team',
    kind: 'implemented',
    status: 201,
    example: (c) => ({
      path: '/config/clusters',
      body: {
        ClusterName: c.scratch.cluster,
        Value: { ShortName: 'vo', GroupEmailAddress: 'vo@example.com' },
      },
    }),
  },
  {
    method: 'GET',
    path: '/config/clusters',
    about: 'list the teams',
    kind: 'implemented',
    status: 200,
    reply: arr('ClusterName', 'Value'),
    example: () => ({ path: '/config/clusters' }),
  },
  {
    method: 'GET',
    path: '/config/clusters/{name}',
    about: 'read a team',
    kind: 'implemented',
    status: 200,
    reply: obj('ClusterName', 'Value'),
    example: (c) => ({ path: `/config/clusters/${c.scratch.cluster}` }),
  },
  {
    method: 'PUT',
    path: '/config/clusters/{name}',
    about: "change a team's value",
    kind: 'implemented',
    status: 200,
    example: async (c) => ({
      path: `/config/clusters/${c.scratch.cluster}`,
      body: { ShortName: 'vo', GroupEmailAddress: 'team-vo@example.com' },
      headers: await versioned(c, `/config/clusters/${c.scratch.cluster}`),
    }),
  },

  // --- environment types
  {
    method: 'POST',
    path: '/config/environment-types',
    about: 'create an environment type',
    kind: 'implemented',
    status: 201,
    example: (c) => ({
      path: '/config/environment-types',
      body: { EnvironmentType: c.scratch.environmentType, Value: { Description: 'walked by the v1 spec' } },
    }),
  },
  {
    method: 'GET',
    path: '/config/environment-types',
    about: 'list the environment types',
    kind: 'implemented',
    status: 200,
    reply: arr('EnvironmentType', 'Value'),
    example: () => ({ path: '/config/environment-types' }),
  },
  {
    method: 'GET',
    path: '/config/environment-types/{name}',
    about: 'read an environment type',
    kind: 'implemented',
    status: 200,
    reply: obj('EnvironmentType', 'Value'),
    example: (c) => ({ path: `/config/environment-types/${c.scratch.environmentType}` }),
  },
  {
    method: 'PUT',
    path: '/config/environment-types/{name}',
    about: "change an environment type's value",
    kind: 'implemented',
    status: 200,
    example: async (c) => ({
      path: `/config/environment-types/${c.scratch.environmentType}`,
      body: { Description: 'walked again', ProtectedActions: ['SCHEDULE_ENVIRONMENT'] },
      headers: await versioned(c, `/config/environment-types/${c.scratch.environmentType}`),
    }),
  },

  // --- deployment maps
  {
    method: 'POST',
    path: '/config/deployment-maps',
    about: 'create a deployment map',
    kind: 'implemented',
    status: 201,
    example: (c) => ({
      path: '/config/deployment-maps',
      body: {
        DeploymentMapName: c.scratch.deploymentMap,
        Value: {
          DeploymentTarget: [
            {
              ServerRoleName: 'walk',
              OwningCluster: c.scratch.cluster,
              Services: [{ ServiceName: c.webService }],
              AutoScalingSettings: { MinCapacity: 0, DesiredCapacity: 0, MaxCapacity: 1 },
              InstanceType: 't3.small',
              AMI: 'windows-2012r2',
              ContactEmailTag: 'vo@example.com',
              Volumes: [{ Name: 'OS', Size: 50, Type: 'SSD' }],
            },
          ],
        },
      },
    }),
  },
  {
    method: 'GET',
    path: '/config/deployment-maps',
    about: 'list the deployment maps',
    kind: 'implemented',
    status: 200,
    reply: arr('DeploymentMapName', 'Value'),
    example: () => ({ path: '/config/deployment-maps' }),
  },
  {
    method: 'GET',
    path: '/config/deployment-maps/{name}',
    about: 'read a deployment map',
    kind: 'implemented',
    status: 200,
    reply: obj('DeploymentMapName', 'Value'),
    example: (c) => ({ path: `/config/deployment-maps/${c.scratch.deploymentMap}` }),
  },
  {
    method: 'PUT',
    path: '/config/deployment-maps/{name}',
    about: "change a deployment map's server roles",
    kind: 'implemented',
    status: 200,
    example: async (c) => ({
      path: `/config/deployment-maps/${c.scratch.deploymentMap}`,
      body: {
        DeploymentTarget: [
          {
            ServerRoleName: 'walk',
            OwningCluster: c.scratch.cluster,
            Services: [{ ServiceName: c.webService }],
            AutoScalingSettings: { MinCapacity: 0, DesiredCapacity: 0, MaxCapacity: 2 },
            InstanceType: 't3.small',
            AMI: 'windows-2012r2',
            ContactEmailTag: 'vo@example.com',
            Volumes: [{ Name: 'OS', Size: 50, Type: 'SSD' }],
          },
        ],
      },
      headers: await versioned(c, `/config/deployment-maps/${c.scratch.deploymentMap}`),
    }),
  },

  // --- environments (configuration)
  {
    method: 'POST',
    path: '/config/environments',
    about: 'create an environment',
    kind: 'implemented',
    status: 201,
    example: (c) => ({
      path: '/config/environments',
      body: {
        EnvironmentName: c.scratch.environment,
        Value: {
          EnvironmentType: c.scratch.environmentType,
          OwningCluster: c.scratch.cluster,
          DeploymentMap: c.scratch.deploymentMap,
          Description: 'walked by the v1 spec',
        },
      },
    }),
  },
  {
    method: 'GET',
    path: '/config/environments',
    about: 'list the environments, optionally of a type or team',
    kind: 'implemented',
    status: 200,
    reply: arr('EnvironmentName', 'Value'),
    example: (c) => ({ path: '/config/environments', query: { environmentType: c.scratch.environmentType } }),
  },
  {
    method: 'GET',
    path: '/config/environments/{name}',
    about: "read an environment's configuration",
    kind: 'implemented',
    status: 200,
    reply: obj('EnvironmentName', 'Value'),
    example: (c) => ({ path: `/config/environments/${c.scratch.environment}` }),
  },
  {
    method: 'PUT',
    path: '/config/environments/{name}',
    about: "change an environment's configuration",
    kind: 'implemented',
    status: 200,
    example: async (c) => ({
      path: `/config/environments/${c.scratch.environment}`,
      body: {
        EnvironmentType: c.scratch.environmentType,
        OwningCluster: c.scratch.cluster,
        DeploymentMap: c.scratch.deploymentMap,
        Description: 'walked again',
      },
      headers: await versioned(c, `/config/environments/${c.scratch.environment}`),
    }),
  },

  // --- services (configuration)
  {
    method: 'POST',
    path: '/config/services',
    about: 'register a service in the catalogue',
    kind: 'implemented',
    status: 201,
    example: (c) => ({
      path: '/config/services',
      body: {
        ServiceName: c.scratch.service,
        OwningCluster: c.scratch.cluster,
        Value: { BluePort: 47101, GreenPort: 47102, PackageType: 'NodeJs', Description: 'walked' },
      },
    }),
  },
  {
    method: 'GET',
    path: '/config/services',
    about: 'list the catalogued services, optionally of a team',
    kind: 'implemented',
    status: 200,
    reply: arr('ServiceName', 'OwningCluster', 'Value'),
    example: (c) => ({ path: '/config/services', query: { cluster: c.scratch.cluster } }),
  },
  {
    method: 'GET',
    path: '/config/service/{name}',
    about: 'read a catalogued service',
    kind: 'implemented',
    status: 200,
    reply: obj('ServiceName', 'OwningCluster', 'Value'),
    example: (c) => ({ path: `/config/service/${c.scratch.service}` }),
  },
  {
    method: 'GET',
    path: '/config/services/{name}/{cluster}',
    about: 'read a catalogued service by name and team (deprecated in the original)',
    kind: 'implemented',
    status: 200,
    reply: obj('ServiceName', 'OwningCluster', 'Value'),
    example: (c) => ({ path: `/config/services/${c.scratch.service}/${c.scratch.cluster}` }),
  },
  {
    method: 'PUT',
    path: '/config/services/{name}/{cluster}',
    about: "change a catalogued service's value (its ports stay)",
    kind: 'implemented',
    status: 200,
    example: async (c) => ({
      path: `/config/services/${c.scratch.service}/${c.scratch.cluster}`,
      body: { BluePort: 47101, GreenPort: 47102, PackageType: 'NodeJs', Description: 'walked again' },
      headers: await versioned(c, `/config/service/${c.scratch.service}`),
    }),
  },

  // --- accounts
  {
    method: 'POST',
    path: '/config/accounts',
    about: 'associate an AWS account',
    kind: 'implemented',
    status: 201,
    example: (c) => ({
      path: '/config/accounts',
      body: {
        AccountName: 'WalkAccount',
        AccountNumber: Number(c.scratch.accountNumber),
        IncludeAMIs: false,
      },
    }),
  },
  {
    method: 'GET',
    path: '/config/accounts',
    about: 'list the associated AWS accounts',
    kind: 'implemented',
    status: 200,
    reply: arr('AccountName', 'AccountNumber', 'IncludeAMIs', 'Version'),
    example: () => ({ path: '/config/accounts' }),
  },
  {
    method: 'PUT',
    path: '/config/accounts/{accountNumber}',
    about: 'change an associated AWS account',
    kind: 'implemented',
    status: 200,
    example: async (c) => ({
      path: `/config/accounts/${c.scratch.accountNumber}`,
      body: { AccountName: 'WalkAccount', IncludeAMIs: true },
      headers: await versioned(c, `/config/accounts/${c.scratch.accountNumber}`),
    }),
  },

  // --- permissions
  {
    method: 'POST',
    path: '/config/permissions',
    about: 'create the permissions of a user or group',
    kind: 'implemented',
    status: 201,
    note: ORIGINAL_RULES,
    example: (c) => ({
      path: '/config/permissions',
      body: {
        Name: c.scratch.permission,
        Permissions: [{ Resource: '/config/services/*', Access: 'POST', Clusters: [c.scratch.cluster] }],
      },
    }),
  },
  {
    method: 'GET',
    path: '/config/permissions',
    about: 'list the permission records',
    kind: 'implemented',
    status: 200,
    reply: arr('Name', 'Permissions'),
    example: () => ({ path: '/config/permissions' }),
  },
  {
    method: 'GET',
    path: '/config/permissions/{name}',
    about: 'read the permissions of a user or group',
    kind: 'implemented',
    status: 200,
    reply: obj('Name', 'Permissions'),
    example: (c) => ({ path: `/config/permissions/${c.scratch.permission}` }),
  },
  {
    method: 'PUT',
    path: '/config/permissions/{name}',
    about: 'replace the permissions of a user or group',
    kind: 'implemented',
    status: 200,
    note: ORIGINAL_RULES,
    example: async (c) => ({
      path: `/config/permissions/${c.scratch.permission}`,
      body: [
        { Resource: '/deployments/*', Access: 'POST', EnvironmentTypes: [c.scratch.environmentType] },
        { Cluster: c.scratch.cluster },
      ],
      headers: await versioned(c, `/config/permissions/${c.scratch.permission}`),
    }),
  },

  // --- export and import
  {
    method: 'GET',
    path: '/config/export/{resource}',
    about: 'export every record of a kind',
    kind: 'implemented',
    status: 200,
    reply: { type: 'array' },
    example: () => ({ path: '/config/export/clusters' }),
  },
  {
    method: 'PUT',
    path: '/config/import/{resource}',
    about: 'import records of a kind (merged into, or replacing, what is there)',
    kind: 'implemented',
    status: 200,
    example: (c) => ({
      path: '/config/import/clusters',
      query: { mode: 'merge' },
      body: [{ ClusterName: c.scratch.importedCluster, Value: { ShortName: 'vi' } }],
    }),
  },

  // --- environments (operations)
  {
    method: 'GET',
    path: '/environments',
    about: 'list the environments with their operations state',
    kind: 'implemented',
    status: 200,
    reply: arr('EnvironmentName', 'Value'),
    example: () => ({ path: '/environments' }),
  },
  {
    method: 'GET',
    path: '/environments/{name}',
    about: "an environment's operations state",
    kind: 'implemented',
    status: 200,
    reply: obj('EnvironmentName', 'Value'),
    example: (c) => ({ path: `/environments/${c.environment}` }),
  },
  {
    method: 'GET',
    path: '/environments/{name}/protected',
    about: "whether the environment's type protects it from an action",
    kind: 'implemented',
    status: 200,
    reply: obj('isProtected'),
    example: (c) => ({
      path: `/environments/${c.environment}/protected`,
      query: { action: 'BULK_PATCH_AMI' },
    }),
  },
  {
    method: 'GET',
    path: '/environments/{name}/maintenance',
    about: 'whether the environment is in maintenance',
    kind: 'implemented',
    status: 200,
    reply: obj('InMaintenance'),
    example: (c) => ({ path: `/environments/${c.environment}/maintenance` }),
  },
  {
    method: 'PUT',
    path: '/environments/{name}/maintenance',
    about: 'put the environment into or out of maintenance',
    kind: 'implemented',
    status: 200,
    example: async (c) => ({
      path: `/environments/${c.environment}/maintenance`,
      body: { InMaintenance: false },
      headers: await versioned(c, `/environments/${c.environment}`),
    }),
  },
  {
    method: 'GET',
    path: '/environments/{name}/deploy-lock',
    about: "whether the environment's deployments are locked",
    kind: 'implemented',
    status: 200,
    reply: obj('DeploymentsLocked'),
    example: (c) => ({ path: `/environments/${c.environment}/deploy-lock` }),
  },
  {
    method: 'PUT',
    path: '/environments/{name}/deploy-lock',
    about: "lock or unlock the environment's deployments",
    kind: 'implemented',
    status: 200,
    example: async (c) => ({
      path: `/environments/${c.environment}/deploy-lock`,
      body: { DeploymentsLocked: false },
      headers: await versioned(c, `/environments/${c.environment}`),
    }),
  },
  {
    method: 'GET',
    path: '/environments/{name}/servers',
    about: "the environment's ASGs by role as they run: size, status, services and versions",
    kind: 'implemented',
    status: 200,
    reply: obj('EnvironmentName', 'Value'),
    example: (c) => ({ path: `/environments/${c.environment}/servers` }),
  },
  {
    method: 'GET',
    path: '/environments/{name}/servers/{asgName}',
    about: "one ASG's instances and the services each runs against what it should",
    kind: 'implemented',
    status: 200,
    reply: obj('ServicesCount', 'Instances'),
    example: (c) => ({ path: `/environments/${c.environment}/servers/${c.blueGroup}` }),
  },
  {
    method: 'GET',
    path: '/environments/{name}/accountName',
    about: "the AWS account the environment's type runs in",
    kind: 'implemented',
    status: 200,
    reply: { type: 'any' },
    example: (c) => ({ path: `/environments/${c.environment}/accountName` }),
    capture: (body, c) => {
      if (typeof body === 'string') c.captured.accountName = body;
    },
  },
  {
    method: 'GET',
    path: '/environments/{name}/schedule',
    about: "the environment's on/off schedule",
    kind: 'implemented',
    status: 200,
    reply: obj('EnvironmentName', 'Value', 'Version'),
    example: (c) => ({ path: `/environments/${c.environment}/schedule` }),
  },
  {
    method: 'PUT',
    path: '/environments/{name}/schedule',
    about: "set the environment's on/off schedule",
    kind: 'implemented',
    status: 200,
    reply: obj('EnvironmentName', 'Value', 'Version'),
    example: async (c) => ({
      path: `/environments/${c.environment}/schedule`,
      body: {
        ManualScheduleUp: false,
        ScheduleAutomatically: true,
        DefaultSchedule: 'Start: 0 8 * * 1-5; Stop: 0 19 * * 1-5 | Europe/London',
      },
      headers: await versioned(c, `/environments/${c.environment}/schedule`),
    }),
  },
  {
    method: 'GET',
    path: '/environments/{name}/schedule-status',
    about: "whether the environment's schedule has it on or off at a moment",
    kind: 'implemented',
    status: 200,
    reply: obj('Status'),
    example: (c) => ({
      path: `/environments/${c.environment}/schedule-status`,
      query: { at: '2026-12-01T09:00:00Z' },
    }),
  },

  // --- ASGs
  {
    method: 'GET',
    path: '/asgs',
    about: 'list the ASGs (all of them, or of an environment)',
    kind: 'implemented',
    status: 200,
    reply: arr(...ASG),
    example: () => ({ path: '/asgs' }),
  },
  {
    method: 'GET',
    path: '/asgs-ec2',
    about: 'list the ASGs, read from AWS (the original skipped its cache)',
    kind: 'implemented',
    status: 200,
    reply: arr(...ASG),
    example: (c) => ({ path: '/asgs-ec2', query: { environment: c.environment } }),
  },
  {
    method: 'GET',
    path: '/asgs/{name}',
    about: 'an ASG with its instances, tags and processes',
    kind: 'implemented',
    status: 200,
    reply: obj(...ASG),
    example: (c) => ({ path: `/asgs/${c.webGroup}`, query: { environment: c.environment } }),
  },
  {
    method: 'GET',
    path: '/asgs-ec2/{name}',
    about: 'an ASG, read from AWS',
    kind: 'implemented',
    status: 200,
    reply: obj(...ASG),
    example: (c) => ({ path: `/asgs-ec2/${c.webGroup}`, query: { environment: c.environment } }),
  },
  {
    method: 'GET',
    path: '/asgs/{name}/ready',
    about: 'whether an ASG is ready to deploy to',
    kind: 'implemented',
    status: 200,
    reply: obj('ReadyToDeploy', 'InstancesByLifecycleState', 'InstancesTotalCount'),
    example: (c) => ({ path: `/asgs/${c.webGroup}/ready`, query: { environment: c.environment } }),
  },
  {
    method: 'GET',
    path: '/asgs/{name}/ips',
    about: "the IP addresses of an ASG's instances",
    kind: 'implemented',
    status: 200,
    reply: { type: 'array' },
    example: (c) => ({ path: `/asgs/${c.webGroup}/ips`, query: { environment: c.environment } }),
  },
  {
    method: 'PUT',
    path: '/asgs/{name}/size',
    about: 'resize an ASG',
    kind: 'implemented',
    status: 200,
    reply: obj('min', 'desired', 'max'),
    example: (c) => ({
      path: `/asgs/${c.webGroup}/size`,
      query: { environment: c.environment },
      body: { min: 0, desired: 2, max: 4 },
    }),
  },
  {
    method: 'PUT',
    path: '/asgs/{name}',
    about: "change an ASG's properties (sizes, zones, health check)",
    kind: 'implemented',
    status: 200,
    example: (c) => ({
      path: `/asgs/${c.webGroup}`,
      query: { environment: c.environment },
      body: { MinSize: 0, DesiredCapacity: 2, MaxSize: 4 },
    }),
  },
  {
    method: 'GET',
    path: '/asgs/{name}/scaling-schedule',
    about: "an ASG's on/off schedule (its Schedule tag, else its environment's)",
    kind: 'implemented',
    status: 200,
    reply: obj('schedule', 'propagateToInstances', 'EffectiveSchedule'),
    example: (c) => ({ path: `/asgs/${c.webGroup}/scaling-schedule`, query: { environment: c.environment } }),
  },
  {
    method: 'PUT',
    path: '/asgs/{name}/scaling-schedule',
    about: "set an ASG's on/off schedule (its Schedule tag)",
    kind: 'implemented',
    status: 200,
    reply: obj('schedule', 'propagateToInstances', 'EffectiveSchedule'),
    example: (c) => ({
      path: `/asgs/${c.webGroup}/scaling-schedule`,
      query: { environment: c.environment },
      body: { schedule: 'Start: 0 8 * * 1-5; Stop: 0 19 * * 1-5', propagateToInstances: true },
    }),
  },
  {
    method: 'GET',
    path: '/asgs/{name}/launch-config',
    about: "what an ASG's new instances launch with",
    kind: 'implemented',
    status: 200,
    reply: obj(...LAUNCH_CONFIG),
    example: (c) => ({ path: `/asgs/${c.webGroup}/launch-config`, query: { environment: c.environment } }),
  },
  {
    method: 'PUT',
    path: '/asgs/{name}/launch-config',
    about: "change what an ASG's new instances launch with",
    kind: 'implemented',
    status: 200,
    reply: obj(...LAUNCH_CONFIG),
    note: "security groups by id (sg-...), the image by AMI name or ImageId; user data is this portal's JSON",
    example: (c) => ({
      path: `/asgs/${c.webGroup}/launch-config`,
      query: { environment: c.environment },
      body: { AMI: 'em-base-2026.10.0', InstanceType: 't3.medium', SecurityGroups: ['sg-0a1b2c3d4e5f60001'] },
    }),
  },

  // --- running services and slices
  {
    method: 'GET',
    path: '/services',
    about: 'the services running in an environment, with versions and slices',
    kind: 'implemented',
    status: 200,
    reply: { type: 'array' },
    example: (c) => ({ path: '/services', query: { environment: c.environment } }),
  },
  {
    method: 'GET',
    path: '/services/{service}',
    about: 'one running service of an environment',
    kind: 'implemented',
    status: 200,
    reply: { type: 'object' },
    example: (c) => ({ path: `/services/${c.apiService}`, query: { environment: c.environment } }),
  },
  {
    method: 'GET',
    path: '/services/{service}/asgs',
    about: 'the ASGs a service runs on, for a slice',
    kind: 'implemented',
    status: 200,
    reply: arr('AutoScalingGroupName'),
    example: (c) => ({
      path: `/services/${c.apiService}/asgs`,
      query: { environment: c.environment, slice: 'blue' },
    }),
  },
  {
    method: 'GET',
    path: '/services/{service}/health',
    about: "a running service's health over its slices",
    kind: 'implemented',
    status: 200,
    reply: obj('OverallHealth', 'InstancesCount'),
    example: (c) => ({ path: `/services/${c.apiService}/health`, query: { environment: c.environment } }),
  },
  {
    method: 'GET',
    path: '/services/{service}/health/{slice}',
    about: "a running service's health in one slice",
    kind: 'implemented',
    status: 200,
    reply: { type: 'any' },
    example: (c) => ({
      path: `/services/${c.apiService}/health/blue`,
      query: { environment: c.environment },
    }),
  },
  {
    method: 'GET',
    path: '/services/{service}/installationcheck/{slice}',
    about: 'whether a slice runs the version it should on every instance',
    kind: 'implemented',
    status: 200,
    reply: { type: 'object' },
    example: (c) => ({
      path: `/services/${c.apiService}/installationcheck/blue`,
      query: { environment: c.environment },
    }),
  },
  {
    method: 'GET',
    path: '/services/{service}/slices',
    about: "a blue/green service's slices with their traffic and versions",
    kind: 'implemented',
    status: 200,
    reply: arr('EnvironmentName', 'ServiceName', 'OwningCluster', 'Name', 'State'),
    example: (c) => ({ path: `/services/${c.apiService}/slices`, query: { environment: c.environment } }),
  },
  {
    method: 'PUT',
    path: '/services/{service}/slices/toggle',
    about: "move a blue/green service's traffic to a slice (here: the one that has it)",
    kind: 'implemented',
    status: 200,
    example: (c) => ({
      path: `/services/${c.apiService}/slices/toggle`,
      query: { environment: c.environment, active: 'blue' },
    }),
  },

  // --- what Consul and NGINX held
  {
    method: 'GET',
    path: '/target-state/{environment}',
    about: "what each role's ASGs should run: their launch templates' services and versions",
    kind: 'mapped',
    status: 200,
    reply: obj('EnvironmentName', 'Value'),
    example: (c) => ({ path: `/target-state/${c.environment}`, query: { serverRole: 'api' } }),
  },
  {
    method: 'PUT',
    path: '/target-state/{environment}/{service}/toggle-status',
    about: 'switch a service of a role and slice on or off in the target state',
    kind: 'mapped',
    status: 410,
    example: (c) => ({
      path: `/target-state/${c.environment}/${c.apiService}/toggle-status`,
      body: { Enable: false, Slice: 'green', ServerRole: 'api', EnvironmentType: c.environmentType },
    }),
  },
  {
    method: 'DELETE',
    path: '/target-state/{environment}/{service}/{version}',
    about: "remove one version of a service from the environment's target state",
    kind: 'mapped',
    status: 410,
    example: (c) => ({ path: `/target-state/${c.environment}/${c.apiService}/2.0.0` }),
  },
  {
    method: 'DELETE',
    path: '/target-state/{environment}/{service}',
    about: "remove a service from the environment's target state",
    kind: 'mapped',
    status: 410,
    example: (c) => ({ path: `/target-state/${c.environment}/${c.apiService}` }),
  },
  {
    method: 'DELETE',
    path: '/target-state/{environment}',
    about: "remove the environment's whole target state",
    kind: 'mapped',
    status: 410,
    example: (c) => ({ path: `/target-state/${c.environment}` }),
  },
  {
    method: 'GET',
    path: '/upstreams/{name}/slices',
    about: "the slices behind an upstream (a blue/green service's listener)",
    kind: 'mapped',
    status: 200,
    reply: arr(
      'Key',
      'EnvironmentName',
      'ServiceName',
      'UpstreamName',
      'DnsName',
      'Port',
      'OwningCluster',
      'Name',
      'State',
    ),
    example: (c) => ({
      path: `/upstreams/${c.environment}-${c.apiService}/slices`,
      query: { environment: c.environment },
    }),
  },
  {
    method: 'PUT',
    path: '/upstreams/{name}/slices/toggle',
    about: "move an upstream's traffic to a slice (here: the one that has it)",
    kind: 'mapped',
    status: 200,
    reply: { type: 'array' },
    example: (c) => ({
      path: `/upstreams/${c.environment}-${c.apiService}/slices/toggle`,
      query: { environment: c.environment, active: 'blue' },
    }),
  },
  {
    method: 'GET',
    path: '/config/upstreams',
    about: 'the upstream records, read from the load balancers',
    kind: 'mapped',
    status: 200,
    reply: arr('key', 'Value'),
    example: (c) => ({ path: '/config/upstreams', query: { qa: 'environment', qv: c.environment } }),
  },
  {
    method: 'GET',
    path: '/config/upstreams/{name}',
    about: 'one upstream record by its key',
    kind: 'mapped',
    status: 200,
    reply: obj('key', 'Value'),
    example: (c) => ({
      path: `/config/upstreams/${enc(`/${c.environment}_${c.environment}-${c.apiService}/config`)}`,
    }),
  },
  {
    method: 'POST',
    path: '/config/upstreams',
    about: 'create an upstream record',
    kind: 'mapped',
    status: 410,
    example: (c) => ({
      path: '/config/upstreams',
      body: {
        key: `/${c.environment}_${c.environment}-Walk/config`,
        Value: {
          SchemaVersion: 1,
          EnvironmentName: c.environment,
          ServiceName: 'Walk',
          UpstreamName: `${c.environment}-Walk`,
          ZoneSize: '128k',
          LoadBalancingMethod: 'least_conn',
          Hosts: [{ DnsName: 'walk.internal', Port: 47101, State: 'up', Weight: 1, FailTimeout: '30s' }],
        },
      },
    }),
  },
  {
    method: 'PUT',
    path: '/config/upstreams/{name}',
    about: 'change an upstream record',
    kind: 'mapped',
    status: 410,
    example: (c) => ({
      path: `/config/upstreams/${enc(`/${c.environment}_${c.environment}-${c.apiService}/config`)}`,
      body: { EnvironmentName: c.environment, Hosts: [] },
      headers: { 'expected-version': '1' },
    }),
  },
  {
    method: 'DELETE',
    path: '/config/upstreams/{name}',
    about: 'delete an upstream record',
    kind: 'mapped',
    status: 410,
    example: (c) => ({
      path: `/config/upstreams/${enc(`/${c.environment}_${c.environment}-${c.apiService}/config`)}`,
    }),
  },
  {
    method: 'GET',
    path: '/config/lb-settings',
    about: "the virtual hosts: the blue/green roles' load balancers",
    kind: 'mapped',
    status: 200,
    reply: arr('EnvironmentName', 'VHostName', 'Value'),
    example: (c) => ({ path: '/config/lb-settings', query: { environment: c.environment } }),
  },
  {
    method: 'GET',
    path: '/config/lb-settings/{environment}/{vHostName}',
    about: 'one virtual host',
    kind: 'mapped',
    status: 200,
    reply: obj('EnvironmentName', 'VHostName', 'Value'),
    example: (c) => ({ path: `/config/lb-settings/${c.environment}/${c.environment}-api` }),
  },
  {
    method: 'POST',
    path: '/config/lb-settings',
    about: 'create a virtual host',
    kind: 'mapped',
    status: 410,
    example: (c) => ({
      path: '/config/lb-settings',
      body: {
        EnvironmentName: c.environment,
        VHostName: 'walk.example.com',
        Value: {
          FrontEnd: true,
          ServerName: ['walk.example.com'],
          Listen: [{ Port: 443, SSL: true }],
          Locations: [{ Path: '/', ProxyPass: `http://${c.environment}-Walk` }],
        },
      },
    }),
  },
  {
    method: 'PUT',
    path: '/config/lb-settings/{environment}/{vHostName}',
    about: 'change a virtual host',
    kind: 'mapped',
    status: 410,
    example: (c) => ({
      path: `/config/lb-settings/${c.environment}/walk.example.com`,
      body: { FrontEnd: false },
      headers: { 'expected-version': '1' },
    }),
  },
  {
    method: 'DELETE',
    path: '/config/lb-settings/{environment}/{vHostName}',
    about: 'delete a virtual host',
    kind: 'mapped',
    status: 410,
    example: (c) => ({ path: `/config/lb-settings/${c.environment}/walk.example.com` }),
  },
  {
    method: 'GET',
    path: '/load-balancer/{id}',
    about: "a load balancer's upstreams and their servers' state",
    kind: 'mapped',
    status: 200,
    reply: arr('Name', 'Hosts'),
    example: (c) => ({ path: `/load-balancer/${c.environment}-api` }),
  },

  // --- images and instances
  {
    method: 'GET',
    path: '/images',
    about: 'the machine images of the accounts',
    kind: 'implemented',
    status: 200,
    reply: arr(...IMAGE),
    example: () => ({ path: '/images', query: { stable: 'true' } }),
  },
  {
    method: 'GET',
    path: '/images-ec2',
    about: 'the machine images, read from EC2',
    kind: 'implemented',
    status: 200,
    reply: arr(...IMAGE),
    example: () => ({ path: '/images-ec2' }),
  },
  {
    method: 'GET',
    path: '/instances',
    about: 'the instances matching filters',
    kind: 'implemented',
    status: 200,
    reply: arr(...INSTANCE),
    note: 'maintenance is ASG Standby here',
    example: (c) => ({ path: '/instances', query: { environment: c.environment, maintenance: 'false' } }),
    capture: (body, c) => {
      c.captured.instanceId = (body as { InstanceId: string }[])[0]?.InstanceId;
    },
  },
  {
    method: 'GET',
    path: '/instances-ec2',
    about: 'the instances, read from EC2',
    kind: 'implemented',
    status: 200,
    reply: arr(...INSTANCE),
    example: (c) => ({ path: '/instances-ec2', query: { environment: c.environment } }),
  },
  {
    method: 'GET',
    path: '/instances/schedule-actions',
    about: "the instances' outstanding scheduled actions",
    kind: 'implemented',
    status: 200,
    reply: arr('action', 'instance'),
    note: "what each instance's schedule (its tag, its ASG's, its environment's) asks for now; date is honoured",
    // the environment's account, as GET /environments/{name}/accountName named it
    example: (c) => ({
      path: '/instances/schedule-actions',
      query: { account: c.captured.accountName ?? c.scratch.accountNumber },
    }),
  },
  {
    method: 'GET',
    path: '/instances/{id}',
    about: 'one instance',
    kind: 'implemented',
    status: 200,
    reply: obj(...INSTANCE),
    example: (c) => {
      if (!c.captured.instanceId) throw new Error('GET /instances listed no instance');
      return { path: `/instances/${c.captured.instanceId}` };
    },
  },
  {
    method: 'GET',
    path: '/instances/{id}/connect',
    about: 'a remote desktop file for an instance',
    kind: 'not-yet',
    status: 501,
    example: () => ({ path: '/instances/i-0123456789abcdef0/connect' }),
  },
  {
    method: 'PUT',
    path: '/instances/{id}/maintenance',
    about: 'put an instance into or out of maintenance',
    kind: 'implemented',
    status: 200,
    reply: obj('ok'),
    note: "maintenance is ASG Standby; needs operate-asgs for the group's cluster and environment type",
    // out of maintenance, which it is not in: the walk's estate keeps its instances in service
    example: (c) => {
      if (!c.captured.instanceId) throw new Error('GET /instances listed no instance');
      return { path: `/instances/${c.captured.instanceId}/maintenance`, body: { enable: false } };
    },
  },
  {
    method: 'DELETE',
    path: '/instances/{id}',
    about: 'terminate an instance',
    kind: 'not-yet',
    status: 501,
    example: () => ({ path: '/instances/i-0123456789abcdef0', query: { account: 'Sandbox' } }),
  },

  // --- deployments
  {
    method: 'POST',
    path: '/deployments',
    about: 'deploy a version of a service to an environment',
    kind: 'implemented',
    status: 202,
    reply: obj('id', 'environmentName', 'serviceName', 'serviceVersion'),
    example: (c) => ({
      path: '/deployments',
      body: { environment: c.environment, service: c.webService, version: '1.0.1', mode: 'overwrite' },
    }),
    capture: (body, c) => {
      c.captured.deploymentId = (body as { id: string }).id;
    },
  },
  {
    method: 'GET',
    path: '/deployments',
    about: 'the deployments since a time, of an environment, status or team',
    kind: 'implemented',
    status: 200,
    reply: arr('DeploymentID', 'Value'),
    example: (c) => ({ path: '/deployments', query: { environment: c.environment } }),
  },
  {
    method: 'GET',
    path: '/deployments/{id}',
    about: 'one deployment',
    kind: 'implemented',
    status: 200,
    reply: obj('DeploymentID', 'Value'),
    example: (c) => ({ path: `/deployments/${c.captured.deploymentId}` }),
  },
  {
    method: 'GET',
    path: '/deployments/{id}/log',
    about: "a deployment's log on an instance",
    kind: 'implemented',
    status: 200,
    reply: { type: 'any' },
    example: (c) => ({
      path: `/deployments/${c.captured.deploymentId}/log`,
      query: { account: 'Sandbox', instance: 'i-0123456789abcdef0' },
    }),
  },
  {
    method: 'PATCH',
    path: '/deployments/{id}',
    about: 'cancel a deployment under way',
    kind: 'implemented',
    status: 200,
    example: (c) => ({ path: `/deployments/${c.captured.deploymentId}`, body: { Status: 'Cancelled' } }),
  },

  // --- audit
  {
    method: 'GET',
    path: '/audit',
    about: 'the audit entries of a period',
    kind: 'implemented',
    status: 200,
    reply: arr('AuditID', 'ChangeType', 'ChangedBy', 'Entity', 'Timestamp'),
    example: () => ({ path: '/audit', query: { per_page: '5' } }),
    capture: (body, c) => {
      c.captured.auditId = (body as { AuditID: string }[])[0]?.AuditID;
    },
  },
  {
    method: 'GET',
    path: '/audit/{key}',
    about: 'one audit entry',
    kind: 'implemented',
    status: 200,
    reply: obj('AuditID', 'ChangeType', 'ChangedBy', 'Entity', 'Timestamp'),
    example: (c) => ({ path: `/audit/${c.captured.auditId}` }),
  },

  // --- notification settings and packages
  {
    method: 'GET',
    path: '/config/notification-settings',
    about: 'the notification settings records',
    kind: 'implemented',
    status: 200,
    example: () => ({ path: '/config/notification-settings' }),
  },
  {
    method: 'POST',
    path: '/config/notification-settings',
    about: 'create a notification settings record',
    kind: 'implemented',
    status: 201,
    reply: obj('NotificationSettingsId', 'Value', 'Version'),
    example: () => ({
      path: '/config/notification-settings',
      body: { NotificationSettingsId: 'walk', Version: 0, Value: { NotificationEmail: ['vo@example.com'] } },
    }),
  },
  {
    method: 'GET',
    path: '/config/notification-settings/{id}',
    about: 'one notification settings record',
    kind: 'implemented',
    status: 200,
    reply: obj('NotificationSettingsId', 'Value', 'Version'),
    example: () => ({ path: '/config/notification-settings/walk' }),
  },
  {
    method: 'PUT',
    path: '/config/notification-settings/{id}',
    about: 'change a notification settings record',
    kind: 'implemented',
    status: 200,
    reply: obj('NotificationSettingsId', 'Value', 'Version'),
    example: () => ({
      path: '/config/notification-settings/walk',
      body: { NotificationEmail: ['team-vo@example.com'], ChatChannel: ['#team-vo'] },
      headers: { 'expected-version': '1' },
    }),
  },
  {
    method: 'DELETE',
    path: '/config/notification-settings/{id}',
    about: 'delete a notification settings record',
    kind: 'implemented',
    status: 200,
    example: () => ({ path: '/config/notification-settings/walk', headers: { 'expected-version': '2' } }),
  },
  {
    method: 'GET',
    path: '/package-upload-url/{service}/{version}',
    about: 'an upload URL for a package of a service version',
    kind: 'not-yet',
    status: 501,
    example: (c) => ({ path: `/package-upload-url/${c.webService}/1.0.1` }),
  },
  {
    method: 'GET',
    path: '/package-upload-url/{service}/{version}/{environment}',
    about: 'an upload URL for an environment-specific package of a service version',
    kind: 'not-yet',
    status: 501,
    example: (c) => ({ path: `/package-upload-url/${c.webService}/1.0.1/${c.environment}` }),
  },

  // --- deletes of what the walk created, dependants first
  {
    method: 'DELETE',
    path: '/config/permissions/{name}',
    about: 'delete the permissions of a user or group',
    kind: 'implemented',
    status: 200,
    note: VERSION_ON_DELETE,
    example: async (c) => ({
      path: `/config/permissions/${c.scratch.permission}`,
      headers: await versioned(c, `/config/permissions/${c.scratch.permission}`),
    }),
  },
  {
    method: 'DELETE',
    path: '/config/accounts/{accountNumber}',
    about: 'remove an AWS account association',
    kind: 'implemented',
    status: 200,
    example: async (c) => ({
      path: `/config/accounts/${c.scratch.accountNumber}`,
      headers: await versioned(c, `/config/accounts/${c.scratch.accountNumber}`),
    }),
  },
  {
    method: 'DELETE',
    path: '/config/services/{name}/{cluster}',
    about: 'delete a catalogued service by name and team (deprecated in the original)',
    kind: 'implemented',
    status: 200,
    example: async (c) => ({
      path: `/config/services/${c.scratch.oldStyleService}/${c.cluster}`,
      headers: await versioned(c, `/config/service/${c.scratch.oldStyleService}`),
    }),
  },
  {
    method: 'DELETE',
    path: '/config/service/{name}',
    about: 'delete a catalogued service (its ports stay reserved)',
    kind: 'implemented',
    status: 200,
    example: async (c) => ({
      path: `/config/service/${c.scratch.service}`,
      headers: await versioned(c, `/config/service/${c.scratch.service}`),
    }),
  },
  {
    method: 'DELETE',
    path: '/config/environments/{name}',
    about: "delete an environment's configuration",
    kind: 'implemented',
    status: 200,
    note: VERSION_ON_DELETE,
    example: async (c) => ({
      path: `/config/environments/${c.scratch.environment}`,
      headers: await versioned(c, `/config/environments/${c.scratch.environment}`),
    }),
  },
  {
    method: 'DELETE',
    path: '/config/deployment-maps/{name}',
    about: 'delete a deployment map',
    kind: 'implemented',
    status: 200,
    note: VERSION_ON_DELETE,
    example: async (c) => ({
      path: `/config/deployment-maps/${c.scratch.deploymentMap}`,
      headers: await versioned(c, `/config/deployment-maps/${c.scratch.deploymentMap}`),
    }),
  },
  {
    method: 'DELETE',
    path: '/config/environment-types/{name}',
    about: 'delete an environment type',
    kind: 'implemented',
    status: 200,
    note: VERSION_ON_DELETE,
    example: async (c) => ({
      path: `/config/environment-types/${c.scratch.environmentType}`,
      headers: await versioned(c, `/config/environment-types/${c.scratch.environmentType}`),
    }),
  },
  {
    method: 'DELETE',
    path: '/config/clusters/{name}',
    about: 'delete a team',
    kind: 'implemented',
    status: 200,
    example: async (c) => ({
      path: `/config/clusters/${c.scratch.importedCluster}`,
      headers: await versioned(c, `/config/clusters/${c.scratch.importedCluster}`),
    }),
  },
  {
    method: 'DELETE',
    path: '/asgs/{name}',
    about: 'delete an ASG (the original also removed its target state)',
    kind: 'implemented',
    status: 200,
    example: (c) => ({ path: `/asgs/${c.greenGroup}`, query: { environment: c.environment } }),
  },

  // --- sign-out, each with a token of its own
  {
    method: 'POST',
    path: '/logout',
    about: 'sign out',
    kind: 'implemented',
    status: 200,
    example: () => ({ path: '/logout', caller: 'throwaway' }),
  },
  {
    method: 'DELETE',
    path: '/token',
    about: 'end the session of a bearer token',
    kind: 'implemented',
    status: 200,
    example: () => ({ path: '/token', caller: 'throwaway' }),
  },
];
