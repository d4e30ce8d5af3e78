import type { EnvironmentValue } from '@shared/catalogue/environment';
import type { EnvironmentTypeValue } from '@shared/catalogue/environment-type';
import type { OpsEnvironment } from '@shared/environments/ops-state';
import type { Principal } from '../auth/principal';
import { assertVersion } from '../catalogue/catalogue';
import type { Actor, RecordStore, StoredRecord } from '../catalogue/record-store';
import { NotFoundError } from '../errors/domain-errors';
import { authorize } from '../governance/authorize';

/** The switches of an environment's operations state. */
export interface OpsSwitches {
  DeploymentsLocked: boolean;
  InMaintenance: boolean;
}

const off: OpsSwitches = { DeploymentsLocked: false, InMaintenance: false };

/** Environments with their operations state: deploy lock and maintenance, versioned and audited. */
export class EnvironmentOperations {
  constructor(private readonly store: RecordStore) {}

  private async environment(name: string): Promise<StoredRecord> {
    const env = await this.store.get('Environment', name);
    if (!env || env.deleted) throw new NotFoundError(`environment ${name} does not exist`);
    return env;
  }

  private view(env: StoredRecord, ops: StoredRecord | undefined): OpsEnvironment {
    const v = env.value['Value'] as EnvironmentValue;
    const switches = { ...off, ...(ops?.value as Partial<OpsSwitches> | undefined) };
    return {
      EnvironmentName: env.key,
      Value: {
        EnvironmentType: v.EnvironmentType,
        OwningCluster: v.OwningCluster,
        DeploymentMap: v.DeploymentMap,
        ...(v.Description ? { Description: v.Description } : {}),
        DeploymentsLocked: switches.DeploymentsLocked,
        InMaintenance: switches.InMaintenance,
      },
      Version: ops?.version ?? 0,
    };
  }

  async list(): Promise<OpsEnvironment[]> {
    const [envs, ops] = await Promise.all([
      this.store.list('Environment'),
      this.store.list('EnvironmentOps'),
    ]);
    const byName = new Map(ops.map((o) => [o.key, o]));
    return envs.filter((e) => !e.deleted).map((e) => this.view(e, byName.get(e.key)));
  }

  async get(name: string): Promise<OpsEnvironment> {
    const [env, ops] = await Promise.all([this.environment(name), this.store.get('EnvironmentOps', name)]);
    return this.view(env, ops);
  }

  /** Sets a switch; needs `lock-environments` for the environment's cluster and type. */
  async set(
    principal: Principal,
    actor: Actor,
    name: string,
    expectedVersion: number,
    change: Partial<OpsSwitches>,
  ): Promise<OpsEnvironment> {
    const env = await this.environment(name);
    const v = env.value['Value'] as EnvironmentValue;
    await authorize(principal, {
      action: 'lock-environments',
      scopes: [{ cluster: v.OwningCluster, environmentType: v.EnvironmentType }],
    });
    const current = await this.store.get('EnvironmentOps', name);
    const currentVersion = current?.version ?? 0;
    if (current) assertVersion(current, expectedVersion);
    else if (expectedVersion !== 0)
      assertVersion(
        { kind: 'EnvironmentOps', key: name, value: {}, version: 0, deleted: false, referencedBy: [] },
        expectedVersion,
      );
    const value = { ...off, ...(current?.value as Partial<OpsSwitches> | undefined), ...change };
    await this.store.commit(
      [
        {
          op: 'put',
          kind: 'EnvironmentOps',
          key: name,
          value,
          expectedVersion: currentVersion,
          previous: current,
          changeType: current ? 'Updated' : 'Created',
        },
      ],
      actor,
    );
    return this.get(name);
  }

  /** Whether the environment's type protects an action. */
  async isProtected(name: string, action: string): Promise<boolean> {
    const env = await this.environment(name);
    const type = await this.store.get(
      'EnvironmentType',
      (env.value['Value'] as EnvironmentValue).EnvironmentType,
    );
    const protectedActions =
      (type?.value['Value'] as EnvironmentTypeValue | undefined)?.ProtectedActions ?? [];
    return (protectedActions as string[]).includes(action);
  }
}
