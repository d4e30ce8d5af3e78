import type { DeployLockUpdate, OpsEnvironment } from '@shared/environments/ops-state';
import type { Principal } from '../auth/principal';
import type { Actor } from '../catalogue/record-store';
import type { EnvironmentOperations } from '../environments/operations-state';
import { authorizeProtectable, type Protects } from './authorize';

/**
 * The operations state as routes use it: locking deployments and maintenance need `lock-environments` for
 * the environment's owning cluster and type (a missing environment is a 404 first). Reads need only a
 * signed-in caller.
 */
export class AuthorizedEnvironmentOperations {
  constructor(
    private readonly operations: EnvironmentOperations,
    private readonly protects: Protects,
  ) {}

  list(): Promise<OpsEnvironment[]> {
    return this.operations.list();
  }

  get(name: string): Promise<OpsEnvironment> {
    return this.operations.get(name);
  }

  /** Whether the environment's type protects an action. */
  isProtected(name: string, action: string): Promise<boolean> {
    return this.operations.isProtected(name, action);
  }

  async setDeployLock(
    principal: Principal,
    actor: Actor,
    name: string,
    expectedVersion: number,
    update: DeployLockUpdate,
  ): Promise<OpsEnvironment> {
    await this.mayLock(principal, name);
    return this.operations.setDeployLock(actor, name, expectedVersion, update);
  }

  async setMaintenance(
    principal: Principal,
    actor: Actor,
    name: string,
    expectedVersion: number,
    inMaintenance: boolean,
  ): Promise<OpsEnvironment> {
    await this.mayLock(principal, name);
    return this.operations.setMaintenance(actor, name, expectedVersion, inMaintenance);
  }

  private async mayLock(principal: Principal, name: string): Promise<void> {
    const { Value } = await this.operations.get(name);
    await authorizeProtectable(principal, this.protects, 'lock-environments', {
      cluster: Value.OwningCluster,
      environmentType: Value.EnvironmentType,
    });
  }
}
