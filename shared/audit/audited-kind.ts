import { z } from 'zod';

/** The kinds of versioned records the portal keeps and audits (the `Entity.Type` of an audit entry). */
export const AuditedKind = z.enum([
  'Account',
  'Cluster',
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
