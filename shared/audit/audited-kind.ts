import { z } from 'zod';

/**
 * The kinds of versioned records the portal keeps and audits (the `Entity.Type` of an audit entry):
 * the catalogue's records, and the deployments users request, approve, cancel and roll back.
 */
export const AuditedKind = z.enum([
  'Account',
  'Cluster',
  'Deployment',
  'DeploymentMap',
  'Environment',
  'EnvironmentOps',
  'EnvironmentType',
  'Group',
  'Permission',
  'Service',
  'User',
]);
export type AuditedKind = z.infer<typeof AuditedKind>;
