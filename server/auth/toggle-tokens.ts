import type { ToggleToken } from '@shared/toggles/toggle-token';
import type { Catalogue } from '../catalogue/catalogue';
import { environmentDefinition, serviceDefinition } from '../catalogue/definitions';
import type { Actor } from '../catalogue/record-store';
import { NotFoundError } from '../errors/domain-errors';
import { newSecret, newTokenId } from './authentication';
import type { Credential, CredentialStore, ToggleScope, ToggleTokenScope } from './credential-store';

/** A toggle token's scope with whose it is now: the team of the service and the environment's type. */
export interface ToggleTokenTarget extends ToggleScope {
  readonly team: string;
  readonly environmentType: string;
}

/** A toggle token as listed: never its secret or hash. */
function view(c: Credential): ToggleToken {
  const scope = c.toggleToken;
  return {
    id: c.id ?? '',
    service: scope?.service ?? '',
    environment: scope?.environment ?? '',
    description: c.name ?? '',
    createdBy: scope?.createdBy ?? '',
    createdAt: c.createdAt,
    lastUsedAt: c.lastUsedAt ?? null,
  };
}

/** What the audit trail shows of a toggle token (its listing: never the secret or hash). */
function audited(c: Credential): Record<string, unknown> {
  const v = view(c);
  return {
    Id: v.id,
    Service: v.service,
    Environment: v.environment,
    Description: v.description,
    CreatedBy: v.createdBy,
    CreatedAt: v.createdAt,
  };
}

/**
 * Feature toggle tokens: read-only credentials for a service to evaluate its own toggles in one
 * environment. They are credentials like personal API tokens (the same secret, hash and store, revoked at
 * the next request), but no user's, and audited. Who may make or revoke one is checked around it
 * (AuthorizedFeatureToggles), not here.
 */
export class ToggleTokens {
  constructor(
    private readonly credentials: CredentialStore,
    private readonly catalogue: Catalogue,
    private readonly now: () => number = Date.now,
  ) {}

  /** The scope with its team and environment type now (404 for a service or environment not in the catalogue). */
  async target(scope: ToggleScope): Promise<ToggleTokenTarget> {
    const [service, environment] = await Promise.all([
      this.catalogue.get(serviceDefinition, scope.service).catch(notIn(`service ${scope.service}`)),
      this.catalogue
        .get(environmentDefinition, scope.environment)
        .catch(notIn(`environment ${scope.environment}`)),
    ]);
    return {
      service: scope.service,
      environment: scope.environment,
      team: service.value.OwningCluster,
      environmentType: environment.value.Value.EnvironmentType,
    };
  }

  /**
   * Whose a token's scope is now; once its service or environment has left the catalogue, whose it was
   * when the token was made (so it can still be revoked by that team).
   */
  async targetOf(token: Credential): Promise<ToggleTokenTarget> {
    const scope = token.toggleToken;
    if (!scope) throw new NotFoundError(`there is no feature toggle token ${token.id ?? ''}`);
    return this.target(scope).catch((e: unknown) => {
      if (!(e instanceof NotFoundError)) throw e;
      return {
        service: scope.service,
        environment: scope.environment,
        team: scope.team,
        environmentType: scope.environmentType,
      };
    });
  }

  /** A new token for the target, audited; its secret is in this answer only. */
  async create(
    target: ToggleTokenTarget,
    description: string,
    actor: Actor,
  ): Promise<{ readonly secret: string; readonly token: ToggleToken }> {
    const { secret, hash } = newSecret('toggle-token');
    const id = newTokenId();
    const toggleToken: ToggleTokenScope = { ...target, createdBy: actor.username };
    const credential: Credential = {
      kind: 'toggle-token',
      hash,
      username: `toggle-token:${id}`,
      expiresAt: null,
      id,
      name: description,
      createdAt: new Date(this.now()).toISOString(),
      toggleToken,
    };
    await this.credentials.put(credential, { actor, value: audited(credential) });
    return { secret, token: view(credential) };
  }

  /** The tokens (of one service), oldest first. */
  async list(service?: string): Promise<ToggleToken[]> {
    return (await this.credentials.listToggleTokens(service))
      .map(view)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  /** A token by its id (404 when there is none, or it is revoked). */
  async get(id: string): Promise<Credential> {
    const token = (await this.credentials.listToggleTokens()).find((t) => t.id === id);
    if (!token) throw new NotFoundError(`there is no feature toggle token ${id}`);
    return token;
  }

  /** Revokes a token, audited: refused from the next request on, in this process at once. */
  async revoke(token: Credential, actor: Actor): Promise<void> {
    await this.credentials.remove(token.hash, { actor, value: audited(token) });
  }
}

function notIn(what: string): (e: unknown) => never {
  return (e: unknown) => {
    if (e instanceof NotFoundError) throw new NotFoundError(`${what} is not in the catalogue`);
    throw e;
  };
}
