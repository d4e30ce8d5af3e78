import { allows, type ResourceScope } from '@shared/auth/permission';
import type {
  Deployment,
  DeploymentLogLine,
  DeploymentPlan,
  NewDeployment,
} from '@shared/deployments/deployment';
import type { Principal } from '../auth/principal';
import type { Actor } from '../catalogue/record-store';
import type { DeploymentQuery } from '../deployments/deployment-store';
import type { Deployments } from '../deployments/deployments';
import type { Requester } from '../governance/deployability';
import { authorize } from './authorize';

/**
 * Deployments as routes use them: requesting one (or a dry run), cancelling it and asking for its
 * rollback need `deploy` for the role's cluster and the environment type; approving needs
 * `approve-deployments` there, and a request that breaks the glass (`breakGlass`) `break-glass` there too.
 * A request carrying feature toggle changes needs `manage-feature-toggles` for the service's team and
 * the environment type too, and so does approving it. What does not exist is a 404 before any of that;
 * reads need only a signed-in caller. A requester who may approve needs no second person where the type
 * protects `deploy`.
 */
export class AuthorizedDeployments {
  constructor(private readonly deployments: Deployments) {}

  private async requester(
    principal: Principal,
    scope: ResourceScope,
    request: NewDeployment,
  ): Promise<Requester> {
    await authorize(principal, { action: 'deploy', scopes: [scope] });
    // overriding a freeze window is its own grant, asked for whether or not a window is in force now
    if (request.breakGlass) await authorize(principal, { action: 'break-glass', scopes: [scope] });
    const mayApprove = allows(await principal.grants(), 'approve-deployments', scope);
    return { username: principal.username, mayApprove };
  }

  /**
   * A request carrying feature toggle changes (or a canary toggle) needs manage-feature-toggles for the
   * service's team and the environment type as well, each toggle checked first (400 naming it).
   */
  private async mayChangeToggles(principal: Principal, request: NewDeployment): Promise<void> {
    for (const t of await this.deployments.toggleTargets(request))
      await authorize(principal, {
        action: 'manage-feature-toggles',
        scopes: [{ cluster: t.owner, environmentType: t.environmentType }],
      });
  }

  /**
   * Where the request goes, with the caller's grants read alongside (each is read once per request, so
   * the checks after this wait on neither): the two reads share one round trip's time instead of two.
   */
  private async destination(request: NewDeployment, principal: Principal) {
    const [destination] = await Promise.all([this.deployments.destination(request), principal.grants()]);
    return destination;
  }

  async plan(request: NewDeployment, principal: Principal): Promise<DeploymentPlan> {
    const destination = await this.destination(request, principal);
    const requester = await this.requester(principal, destination.scope, request);
    await this.mayChangeToggles(principal, request);
    return this.deployments.plan(request, destination, requester);
  }

  async start(request: NewDeployment, principal: Principal, actor: Actor): Promise<Deployment> {
    const destination = await this.destination(request, principal);
    const requester = await this.requester(principal, destination.scope, request);
    await this.mayChangeToggles(principal, request);
    return this.deployments.start(request, destination, requester, actor);
  }

  get(id: string): Promise<Deployment> {
    return this.deployments.get(id);
  }

  list(query: DeploymentQuery): Promise<{ items: Deployment[]; next?: string }> {
    return this.deployments.list(query);
  }

  log(id: string): Promise<DeploymentLogLine[]> {
    return this.deployments.log(id);
  }

  async approve(id: string, principal: Principal, actor: Actor): Promise<Deployment> {
    await authorize(principal, {
      action: 'approve-deployments',
      scopes: [await this.deployments.scopeOf(id)],
    });
    // its toggle changes are approved with it: the approver counts as their second person
    const toggles = await this.deployments.toggleScopeOf(id);
    if (toggles) await authorize(principal, { action: 'manage-feature-toggles', scopes: [toggles] });
    return this.deployments.approve(id, actor);
  }

  async cancel(id: string, principal: Principal, actor: Actor): Promise<Deployment> {
    await authorize(principal, { action: 'deploy', scopes: [await this.deployments.scopeOf(id)] });
    return this.deployments.cancel(id, actor);
  }

  async rollBack(id: string, principal: Principal, actor: Actor): Promise<Deployment> {
    await authorize(principal, { action: 'deploy', scopes: [await this.deployments.scopeOf(id)] });
    return this.deployments.rollBack(id, actor);
  }
}
