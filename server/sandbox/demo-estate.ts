import type { Grant } from '@shared/auth/permission';

/** An AWS account of the demo estate: its /config/accounts record, and its name in aws-sim. */
export interface DemoAccount {
  readonly AccountName: string;
  readonly AccountNumber: string;
  /** The role the portal assumes in it; null for the portal's own account (its own credentials). */
  readonly RoleArn: string | null;
  readonly simName: string;
}

/**
 * The demo's two accounts: the portal's own (aws-sim's default, its base credentials'), where the
 * NonProd environments live, and a Prod account reached only through its role, as production would be.
 */
export const demoAccounts: readonly DemoAccount[] = [
  { AccountName: 'Main', AccountNumber: '123456789012', RoleArn: null, simName: 'default' },
  {
    AccountName: 'Prod',
    AccountNumber: '210987654321',
    RoleArn: 'arn:aws:iam::210987654321:role/EnvironmentManager',
    simName: 'prod',
  },
];

/** A team of the demo estate: its cluster, group, demo user and grants. */
export interface DemoTeam {
  readonly cluster: string;
  readonly shortName: string;
  readonly group: string;
  readonly user: { readonly username: string; readonly displayName: string };
  readonly grants: readonly Grant[];
}

/** A server role of a demo deployment map. */
export interface DemoRole {
  readonly role: string;
  readonly cluster: string;
  readonly services: readonly string[];
  readonly fleetPerSlice: boolean;
}

/** A demo environment and the version of each service it runs. */
export interface DemoEnvironment {
  readonly name: string;
  readonly type: 'Prod' | 'NonProd';
  readonly cluster: string;
  readonly map: string;
  readonly description: string;
  readonly versions: Readonly<Record<string, string>>;
  /** The image its groups launch from (by name, see seed-images.ts), and the roles left on another. */
  readonly images: { readonly default: string; readonly byRole?: Readonly<Record<string, string>> };
}

const nonProd = (cluster: string, actions: Grant['Action'][]): Grant[] =>
  actions.map((Action) => ({ Action, Clusters: [cluster], EnvironmentTypes: ['NonProd'] }));

/** The teams: each edits its own services and deploys to NonProd; Platform also deploys to Prod. */
export const demoTeams: readonly DemoTeam[] = [
  {
    cluster: 'Checkout',
    shortName: 'co',
    group: 'team-checkout',
    user: { username: 'alice', displayName: 'Alice Martin' },
    grants: [
      { Action: 'edit-catalogue', Clusters: ['Checkout'], EnvironmentTypes: 'all' },
      ...nonProd('Checkout', [
        'deploy',
        'toggle-slices',
        'lock-environments',
        'operate-asgs',
        'edit-environments',
      ]),
    ],
  },
  {
    cluster: 'Search',
    shortName: 'sr',
    group: 'team-search',
    user: { username: 'bob', displayName: 'Bob Okafor' },
    grants: [
      { Action: 'edit-catalogue', Clusters: ['Search'], EnvironmentTypes: 'all' },
      ...nonProd('Search', ['deploy', 'toggle-slices', 'lock-environments', 'operate-asgs']),
    ],
  },
  {
    cluster: 'Platform',
    shortName: 'pf',
    group: 'team-platform',
    user: { username: 'carol', displayName: 'Carol Nguyen' },
    grants: [
      { Action: 'edit-catalogue', Clusters: ['Platform'], EnvironmentTypes: 'all' },
      { Action: 'deploy', Clusters: 'all', EnvironmentTypes: 'all' },
      { Action: 'approve-deployments', Clusters: 'all', EnvironmentTypes: ['Prod'] },
      { Action: 'lock-environments', Clusters: 'all', EnvironmentTypes: 'all' },
      { Action: 'edit-environments', Clusters: ['Platform'], EnvironmentTypes: 'all' },
    ],
  },
];

/** The catalogue: owner, lifecycle, ports and tags of each demo service. */
export const demoServices: readonly {
  readonly name: string;
  readonly cluster: string;
  readonly lifecycle: 'experimental' | 'production' | 'deprecated';
  readonly description: string;
  readonly tags: readonly string[];
}[] = [
  {
    name: 'Basket',
    cluster: 'Checkout',
    lifecycle: 'production',
    description: 'Shopping basket',
    tags: ['checkout', 'tier-1'],
  },
  {
    name: 'CheckoutApi',
    cluster: 'Checkout',
    lifecycle: 'production',
    description: 'Checkout flow API',
    tags: ['checkout', 'tier-1'],
  },
  {
    name: 'Vouchers',
    cluster: 'Checkout',
    lifecycle: 'production',
    description: 'Voucher redemption',
    tags: ['checkout'],
  },
  {
    name: 'Payments',
    cluster: 'Checkout',
    lifecycle: 'production',
    description: 'Card and wallet payments',
    tags: ['checkout', 'pci', 'tier-1'],
  },
  {
    name: 'SearchApi',
    cluster: 'Search',
    lifecycle: 'production',
    description: 'Journey search',
    tags: ['search', 'tier-1'],
  },
  {
    name: 'Autocomplete',
    cluster: 'Search',
    lifecycle: 'production',
    description: 'Station name suggestions',
    tags: ['search'],
  },
  {
    name: 'Recommendations',
    cluster: 'Search',
    lifecycle: 'experimental',
    description: 'Personal journey suggestions',
    tags: ['search', 'ml'],
  },
  {
    name: 'Gateway',
    cluster: 'Platform',
    lifecycle: 'production',
    description: 'Edge API gateway',
    tags: ['platform', 'tier-1'],
  },
  {
    name: 'Auth',
    cluster: 'Platform',
    lifecycle: 'production',
    description: 'Sign-in and tokens',
    tags: ['platform', 'security'],
  },
  {
    name: 'Notifications',
    cluster: 'Platform',
    lifecycle: 'production',
    description: 'E-mail and push notifications',
    tags: ['platform'],
  },
  {
    name: 'Pricing',
    cluster: 'Platform',
    lifecycle: 'experimental',
    description: 'Fare pricing engine',
    tags: ['platform'],
  },
  {
    name: 'Inventory',
    cluster: 'Platform',
    lifecycle: 'deprecated',
    description: 'Legacy seat inventory (replaced by Pricing)',
    tags: ['platform', 'legacy'],
  },
];

/** The deployment maps and their server roles. */
export const demoMaps: Readonly<Record<string, readonly DemoRole[]>> = {
  core: [
    {
      role: 'web',
      cluster: 'Checkout',
      services: ['Basket', 'CheckoutApi', 'Vouchers'],
      fleetPerSlice: false,
    },
    { role: 'payments', cluster: 'Checkout', services: ['Payments'], fleetPerSlice: false },
    { role: 'search', cluster: 'Search', services: ['SearchApi', 'Autocomplete'], fleetPerSlice: true },
    { role: 'gateway', cluster: 'Platform', services: ['Gateway'], fleetPerSlice: true },
  ],
  platform: [
    { role: 'auth', cluster: 'Platform', services: ['Auth', 'Notifications'], fleetPerSlice: false },
  ],
};

const current = {
  Basket: '2.8.1',
  CheckoutApi: '5.2.0',
  Vouchers: '1.9.4',
  Payments: '3.14.2',
  SearchApi: '7.1.0',
  Autocomplete: '2.3.5',
  Gateway: '4.0.2',
};
const previous = {
  Basket: '2.7.9',
  CheckoutApi: '5.1.3',
  Vouchers: '1.9.4',
  Payments: '3.13.0',
  SearchApi: '7.0.4',
  Autocomplete: '2.3.5',
  Gateway: '3.9.8',
};

/** The environments, with the versions they run (integration newest, production one behind). */
export const demoEnvironments: readonly DemoEnvironment[] = [
  {
    name: 'int1',
    type: 'NonProd',
    cluster: 'Checkout',
    map: 'core',
    description: 'Integration',
    versions: current,
    images: { default: 'em-linux-base-1.2.0' },
  },
  {
    name: 'stg1',
    type: 'NonProd',
    cluster: 'Search',
    map: 'core',
    description: 'Staging',
    versions: { ...current, Basket: '2.8.0' },
    images: { default: 'em-linux-base-1.2.0', byRole: { search: 'em-linux-base-1.1.0' } },
  },
  {
    name: 'pr1',
    type: 'Prod',
    cluster: 'Platform',
    map: 'core',
    description: 'Production',
    versions: previous,
    images: { default: 'em-linux-base-1.1.0', byRole: { gateway: 'em-linux-base-1.0.0' } },
  },
  {
    name: 'ops1',
    type: 'NonProd',
    cluster: 'Platform',
    map: 'platform',
    description: 'Platform tools',
    versions: { Auth: '6.2.1', Notifications: '1.12.0' },
    images: { default: 'em-windows-base-2.0.0' },
  },
];
