import type {
  FeatureToggle,
  NewFeatureToggle,
  ToggleChange,
  ToggleDefinitions,
} from '@shared/toggles/feature-toggle';
import type { ToggleContext } from '@shared/toggles/evaluate-toggle';
import type { CreatedToggleToken, NewToggleToken, ToggleToken } from '@shared/toggles/toggle-token';
import type { Principal } from '../auth/principal';
import type { ToggleTokens, ToggleTokenTarget } from '../auth/toggle-tokens';
import type { Actor } from '../catalogue/record-store';
import type {
  FeatureToggles,
  ToggleChangeResult,
  ToggleEvaluation,
  ToggleTarget,
} from '../toggles/feature-toggles';
import { NotAllowedError } from '../errors/domain-errors';
import { authorize } from './authorize';

/**
 * The feature toggles as routes use them. Creating or archiving a toggle needs `manage-feature-toggles`
 * for the service's team; changing, approving or killing it in an environment needs it for the team and
 * the environment's type (what does not exist is a 404 first). Reading and evaluating need a signed-in
 * caller; evaluating (and the definitions) also take a toggle token, for its own service and environment
 * only. Making or revoking a toggle token needs `manage-feature-toggles` for the team and the type of its
 * environment; anyone signed in may list them (no secrets).
 */
export class AuthorizedFeatureToggles {
  constructor(
    private readonly toggles: FeatureToggles,
    private readonly tokens: ToggleTokens,
  ) {}

  private async mayChange(principal: Principal, target: ToggleTarget): Promise<void> {
    await authorize(principal, {
      action: 'manage-feature-toggles',
      scopes: [{ cluster: target.owner, environmentType: target.environmentType }],
    });
  }

  async create(principal: Principal, actor: Actor, request: NewFeatureToggle): Promise<FeatureToggle> {
    const owner = await this.toggles.ownerOf(request.service);
    await authorize(principal, { action: 'manage-feature-toggles', scopes: [{ cluster: owner }] });
    return this.toggles.create(request, actor);
  }

  list(service?: string, archived?: boolean): Promise<FeatureToggle[]> {
    return this.toggles.list(service, archived === undefined ? {} : { archived });
  }

  get(service: string, name: string): Promise<FeatureToggle> {
    return this.toggles.get(service, name);
  }

  async archive(principal: Principal, actor: Actor, service: string, name: string): Promise<FeatureToggle> {
    await this.toggles.get(service, name);
    const owner = await this.toggles.ownerOf(service);
    await authorize(principal, { action: 'manage-feature-toggles', scopes: [{ cluster: owner }] });
    return this.toggles.archive(service, name, actor);
  }

  async set(
    principal: Principal,
    actor: Actor,
    where: { service: string; name: string; environment: string },
    change: ToggleChange,
    expectedVersion: number,
  ): Promise<ToggleChangeResult> {
    const target = await this.toggles.target(where.service, where.name, where.environment);
    await this.mayChange(principal, target);
    return this.toggles.set(target, change, expectedVersion, actor);
  }

  async approve(
    principal: Principal,
    actor: Actor,
    where: { service: string; name: string; environment: string },
    expectedVersion: number,
  ): Promise<FeatureToggle> {
    const target = await this.toggles.target(where.service, where.name, where.environment);
    await this.mayChange(principal, target);
    return this.toggles.approve(target, expectedVersion, actor);
  }

  /**
   * The kill switch: off in one environment, or (none named) in every environment it is set in; every
   * one of them needs the permission, checked before any is changed.
   */
  async kill(
    principal: Principal,
    actor: Actor,
    where: { service: string; name: string; environment?: string | undefined },
    reason: string,
  ): Promise<FeatureToggle> {
    const environments =
      where.environment !== undefined
        ? [where.environment]
        : await this.toggles.environmentsOf(where.service, where.name);
    const targets = await Promise.all(
      environments.map((e) => this.toggles.target(where.service, where.name, e)),
    );
    for (const t of targets) await this.mayChange(principal, t);
    for (const t of targets) await this.toggles.kill(t, reason, actor);
    return this.toggles.get(where.service, where.name);
  }

  /** A toggle token reads its own service in its own environment, nothing else (checked before any 404). */
  private mayRead(principal: Principal, service: string, environment: string): void {
    const scope = principal.toggleScope;
    if (!scope || (scope.service === service && scope.environment === environment)) return;
    throw new NotAllowedError(
      `this feature toggle token reads the toggles of ${scope.service} in ${scope.environment} only, not of ${service} in ${environment}`,
    );
  }

  async evaluate(
    principal: Principal,
    service: string,
    environment: string,
    who: ToggleContext,
  ): Promise<ToggleEvaluation> {
    this.mayRead(principal, service, environment);
    return this.toggles.evaluate(service, environment, who);
  }

  async definitions(principal: Principal, service: string, environment: string): Promise<ToggleDefinitions> {
    this.mayRead(principal, service, environment);
    return this.toggles.definitions(service, environment);
  }

  private async mayManageTokens(principal: Principal, target: ToggleTokenTarget): Promise<void> {
    await authorize(principal, {
      action: 'manage-feature-toggles',
      scopes: [{ cluster: target.team, environmentType: target.environmentType }],
    });
  }

  /** A new toggle token for a service in an environment; its secret is in this answer only. */
  async createToken(
    principal: Principal,
    actor: Actor,
    request: NewToggleToken,
  ): Promise<CreatedToggleToken> {
    const target = await this.tokens.target(request);
    await this.mayManageTokens(principal, target);
    const { secret, token } = await this.tokens.create(target, request.description, actor);
    return { ...token, token: secret };
  }

  listTokens(service?: string): Promise<ToggleToken[]> {
    return this.tokens.list(service);
  }

  async revokeToken(principal: Principal, actor: Actor, id: string): Promise<void> {
    const token = await this.tokens.get(id);
    await this.mayManageTokens(principal, await this.tokens.targetOf(token));
    await this.tokens.revoke(token, actor);
  }

  stale(days: number): ReturnType<FeatureToggles['stale']> {
    return this.toggles.stale(days);
  }
}
