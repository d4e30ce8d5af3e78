import type { EditRequirement } from '../config-kit/edit-blocker';

/** One area of configuration as the landing page lists it. */
export interface ConfigurationSection {
  readonly title: string;
  /** The route under /configuration. */
  readonly link: string;
  readonly description: string;
  /** Who may change it, in words. */
  readonly editedBy: string;
  /** The grant the change needs; `scope: {}` when some team and type is enough to change some of it. */
  readonly requirement: EditRequirement;
}

const admin: EditRequirement = { action: 'admin', everywhere: true };
const adminNote = 'admin (for all teams and environment types)';

/** The configuration areas in the order the landing page shows them (the same rules as the server's). */
export const configurationSections: readonly ConfigurationSection[] = [
  {
    title: 'Teams',
    link: 'teams',
    description: 'The teams (clusters) that own services and environments, and the group that forms each.',
    editedBy: adminNote,
    requirement: admin,
  },
  {
    title: 'Environment types',
    link: 'environment-types',
    description:
      'Where environments of each type live (AWS account, region) and which actions need approval.',
    editedBy: adminNote,
    requirement: admin,
  },
  {
    title: 'AWS accounts',
    link: 'aws-accounts',
    description:
      'The AWS accounts environments live in, the role the portal assumes in each, and a check that it reaches them.',
    editedBy: adminNote,
    requirement: admin,
  },
  {
    title: 'Environments',
    link: 'environments',
    description: 'Each environment’s type, owning team, deployment map, alerts and freeze windows.',
    editedBy: 'edit-environments for the environment’s team and type',
    requirement: { action: 'edit-environments', scope: {} },
  },
  {
    title: 'Deployment maps',
    link: 'deployment-maps',
    description: 'The server roles of each map: their Auto Scaling settings and the services they host.',
    editedBy: 'edit-environments for every team owning one of the map’s server roles',
    requirement: { action: 'edit-environments', scope: {} },
  },
  {
    title: 'Users',
    link: 'users',
    description: 'Who may sign in to the portal, and the groups they belong to.',
    editedBy: adminNote,
    requirement: admin,
  },
  {
    title: 'Groups',
    link: 'groups',
    description: 'Groups of users; permissions given to a group apply to its members.',
    editedBy: adminNote,
    requirement: admin,
  },
  {
    title: 'Permissions',
    link: 'permissions',
    description: 'The grants of each user or group: which actions, on which teams and environment types.',
    editedBy: adminNote,
    requirement: admin,
  },
  {
    title: 'Notifications',
    link: 'notification-settings',
    description:
      'Where each environment’s events go: webhooks (signed, with a delivery log and a test) and the original’s addresses.',
    editedBy: adminNote,
    requirement: admin,
  },
  {
    title: 'Import / export',
    link: 'import-export',
    description: 'Download any resource’s records as JSON, or load a file of them in one checked change.',
    editedBy: adminNote,
    requirement: admin,
  },
];
