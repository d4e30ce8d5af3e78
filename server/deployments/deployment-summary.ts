import type { Deployment } from '@shared/deployments/deployment';

/** The fields of a deployment its audit entries show: who asked for what, and where it stands. */
const SUMMARY_FIELDS = [
  'EnvironmentName',
  'ServiceName',
  'ServiceVersion',
  'ServerRoleName',
  'DeploymentType',
  'ServiceSlice',
  'Status',
  'RequireApproval',
  'ApprovedBy',
  'CancelRequestedBy',
  'RollbackRequestedBy',
  'Reason',
  'Ticket',
  // a freeze window overridden: who, why and which window, for whoever reads the audit
  'BreakGlass',
] as const satisfies readonly (keyof Deployment['Value'])[];

/** What an audit entry of a deployment records: the deployment without its steps, progress and timings. */
export type DeploymentSummary = Partial<Pick<Deployment['Value'], (typeof SUMMARY_FIELDS)[number]>>;

/** The audited summary of a deployment, holding only the fields that are set. */
export function deploymentSummary(value: Deployment['Value']): DeploymentSummary {
  const summary: Record<string, unknown> = {};
  for (const field of SUMMARY_FIELDS) {
    if (value[field] !== undefined) summary[field] = value[field];
  }
  return summary as DeploymentSummary;
}
