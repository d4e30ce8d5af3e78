import { allows } from '@shared/auth/permission';
import type { Me } from '@shared/auth/user';
import type { Deployment } from '@shared/deployments/deployment';

/** The deployments waiting for an approval this user may give: never their own (the server's rule too). */
export function awaitingYourApproval(deployments: readonly Deployment[], user: Me): Deployment[] {
  return deployments.filter(
    (d) =>
      d.Value.Status === 'Awaiting Approval' &&
      d.Value.User !== user.username &&
      allows(user.grants, 'approve-deployments', {
        cluster: d.Value.OwningCluster,
        environmentType: d.Value.EnvironmentType,
      }),
  );
}
