import type {
  FeatureToggle,
  NewFeatureToggle,
  ToggleChange,
  ToggleDefinitions,
} from '@shared/toggles/feature-toggle';
import type { ToggleContext } from '@shared/toggles/evaluate-toggle';
import type { Principal } from '../auth/principal';
import type { Actor } from '../catalogue/record-store';
import type { FeatureToggles, ToggleChangeResult, ToggleTarget } from '../toggles/feature-toggles';
import { authorize } from './authorize';

/**
 * The feature toggles as routes use them. Creating or archiving a toggle needs `manage-feature-toggles`
 * for the service's team; changing, approving or killing it in an environment needs it for the team and
 * the environment's type (what does not exist is a 404 first). Reading and evaluating need a signed-in
 * caller.
 */
export class AuthorizedFeatureToggles {
  constructor(private readonly toggles: FeatureToggles) {}

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

  evaluate(service: string, environment: string, who: ToggleContext): Promise<Record<string, boolean>> {
    return this.toggles.evaluate(service, environment, who);
  }

  definitions(service: string, environment: string): Promise<ToggleDefinitions> {
    return this.toggles.definitions(service, environment);
  }

  stale(days: number): ReturnType<FeatureToggles['stale']> {
    return this.toggles.stale(days);
  }
}
