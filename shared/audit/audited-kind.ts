import { z } from 'zod';

/**
 * The kinds of versioned records the portal keeps and audits (the `Entity.Type` of an audit entry):
 * the catalogue's records, the deployments users request, approve, cancel and roll back, and the launch
 * configurations of ASGs (keyed by the ASG's name, versioned by its launch template version).
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
  'Group',
  'LaunchConfig',
  'NotificationSettings',
  'Permission',
  'ScheduledScaling',
  'Service',
  'User',
]);
export type AuditedKind = z.infer<typeof AuditedKind>;
