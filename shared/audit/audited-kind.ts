import { z } from 'zod';

/**
 * The kinds of versioned records the portal keeps and audits (the `Entity.Type` of an audit entry):
 * the catalogue's records, the deployments users request, approve, cancel and roll back, and the launch
 * configurations of ASGs (keyed by the ASG's name, versioned by its launch template version), and the
 * hand-made changes in AWS: ASGs' scheduled actions (keyed by the ASG) and instance maintenance; feature
 * toggles (`service/name`), their setting in each environment (`service/name/environment`) and their
 * read-only tokens (keyed by the token's id; never its secret or hash).
 */
export const AuditedKind = z.enum([
  'Account',
  'AsgSchedule',
  'Cluster',
  'Deployment',
  'DeploymentMap',
  'Environment',
  'EnvironmentOps',
  'EnvironmentType',
  'FeatureToggle',
  'FeatureToggleState',
  'FeatureToggleToken',
  'Group',
  'InstanceMaintenance',
  'LaunchConfig',
  'NotificationSettings',
  'Permission',
  'ScheduledAction',
  'ScheduledScaling',
  'Service',
  'User',
]);
export type AuditedKind = z.infer<typeof AuditedKind>;
