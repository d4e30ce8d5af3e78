import { allows } from '@shared/auth/permission';
import type { Me } from '@shared/auth/user';
import { DeploymentStatus, isTerminal, type Deployment } from '@shared/deployments/deployment';

/** The statuses of a deployment that is under way: not over and not waiting for an approval. */
export const runningStatuses: readonly DeploymentStatus[] = DeploymentStatus.options.filter(
  (s) => !isTerminal(s) && s !== 'Awaiting Approval',
);

/** Whether the user may approve this deployment: approve-deployments on its target, and not their own. */
export function mayApprove(deployment: Deployment, user: Me): boolean {
  const d = deployment.Value;
  return (
    d.Status === 'Awaiting Approval' &&
    d.User !== user.username &&
    allows(user.grants, 'approve-deployments', {
      cluster: d.OwningCluster,
      environmentType: d.EnvironmentType,
    })
  );
}

/** The deployments waiting for an approval this user may give: never their own (the server's rule too). */
export function awaitingYourApproval(deployments: readonly Deployment[], user: Me): Deployment[] {
  return deployments.filter((d) => mayApprove(d, user));
}

/** Whether the user holds approve-deployments anywhere, so that something could ever wait for them. */
export function approvesAnywhere(user: Me): boolean {
  return user.grants.some((g) => g.Action === 'approve-deployments' || g.Action === 'admin');
}
