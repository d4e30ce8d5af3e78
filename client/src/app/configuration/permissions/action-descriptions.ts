import type { Action } from '@shared/auth/permission';

/** What each action lets its holder do, in plain words, for people choosing a grant. */
export const actionDescriptions: Readonly<Record<Action, string>> = {
  deploy: 'Deploy service versions to environments.',
  'toggle-slices': 'Switch live traffic between the blue and green slices of a service.',
  'edit-catalogue': 'Create, change and delete services in the service catalogue.',
  'edit-environments': 'Create, change and delete environments and deployment maps.',
  'lock-environments': 'Lock an environment against deployments, or put it into maintenance, and undo that.',
  'operate-asgs': 'Resize auto scaling groups and change their instances.',
  'patch-images': 'Roll a new machine image across auto scaling groups by scale-up patching.',
  'approve-deployments': 'Approve or reject deployments that wait for an approval.',
  'manage-feature-toggles': 'Turn feature toggles on and off.',
  'manage-schedules': 'Set the on/off schedules of environments and of their auto scaling groups.',
  'break-glass':
    'Deploy or patch inside a freeze window anyway, with a mandatory reason that is recorded, audited and announced.',
  admin: 'Everything in its scope; on every cluster and type it also manages users, groups and permissions.',
};
