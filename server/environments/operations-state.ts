import type { DeployLockUpdate, OpsEnvironment, OpsState } from '@shared/environments/ops-state';
import type { EnvironmentScheduleValue } from '@shared/schedules/environment-schedule';
import { assertVersion } from '../catalogue/assert-version';
import type { Actor, RecordStore, StoredRecord } from '../catalogue/record-store';
import { NotFoundError } from '../errors/domain-errors';
import { lockEvent } from '../notifications/lock-event';

/** The lock as a change to the state: who locked it, when and why, or none of that once unlocked. */
function lockChange(update: DeployLockUpdate, actor: Actor): Partial<OpsState> {
  if (!update.DeploymentsLocked) return { DeploymentsLocked: false };
  const reason = update.Reason?.trim();
  return {
    DeploymentsLocked: true,
    ...(reason ? { LockReason: reason } : {}),
    LockedBy: actor.username,
    LockedAt: new Date().toISOString(),
  };
}

/** Who locked deployments, when and why, as far as the state knows it: nothing while unlocked. */
function lockDetails(state: OpsState): Partial<OpsState> {
  if (!state.DeploymentsLocked) return {};
  const { LockReason, LockedBy, LockedAt } = state;
  return Object.fromEntries(
    Object.entries({ LockReason, LockedBy, LockedAt }).filter(([, v]) => v !== undefined),
  );
}

/** The state with the change applied; an unlocked environment keeps no stale who, when or why. */
function applied(current: OpsState, change: Partial<OpsState>): OpsState {
  const next = { ...current, ...change };
  if (next.DeploymentsLocked) return next;
  const { LockReason: _reason, LockedBy: _by, LockedAt: _at, ...rest } = next;
  return { ...rest, DeploymentsLocked: false };
}

/** The state of an environment that has never been locked or put in maintenance. */
const initialState: OpsState = { DeploymentsLocked: false, InMaintenance: false };

/**
 * Environments with their operations state: deploy lock and maintenance, versioned and audited. It checks
 * no permission: routes reach it through `AuthorizedEnvironmentOperations`.
 */
export class EnvironmentOperations {
  constructor(private readonly store: RecordStore) {}

  private async environment(name: string): Promise<StoredRecord<'Environment'>> {
    const env = await this.store.get('Environment', name);
    if (!env || env.deleted) throw new NotFoundError(`environment ${name} does not exist`);
    return env;
  }

  private view(
    env: StoredRecord<'Environment'>,
    ops: StoredRecord<'EnvironmentOps'> | undefined,
  ): OpsEnvironment {
    const v = env.value.Value;
    const state = ops?.value ?? initialState;
    return {
      EnvironmentName: env.key,
      Value: {
        EnvironmentType: v.EnvironmentType,
        OwningCluster: v.OwningCluster,
        DeploymentMap: v.DeploymentMap,
        ...(v.Description ? { Description: v.Description } : {}),
        DeploymentsLocked: state.DeploymentsLocked,
        ...lockDetails(state),
        InMaintenance: state.InMaintenance,
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

  /** Locks deployments (recording who, when and why) or unlocks them. */
  setDeployLock(
    actor: Actor,
    name: string,
    expectedVersion: number,
    update: DeployLockUpdate,
  ): Promise<OpsEnvironment> {
    return this.set(actor, name, expectedVersion, lockChange(update, actor));
  }

  /** Puts the environment in or out of maintenance. */
  setMaintenance(
    actor: Actor,
    name: string,
    expectedVersion: number,
    inMaintenance: boolean,
  ): Promise<OpsEnvironment> {
    return this.set(actor, name, expectedVersion, { InMaintenance: inMaintenance });
  }

  /** The stored state (the initial one until first written) and its version. */
  async state(name: string): Promise<{ state: OpsState; version: number }> {
    await this.environment(name);
    const ops = await this.store.get('EnvironmentOps', name);
    return { state: ops?.value ?? initialState, version: ops?.version ?? 0 };
  }

  /** Replaces the environment's schedule (the original's three fields; those left out are cleared). */
  setSchedule(
    actor: Actor,
    name: string,
    expectedVersion: number,
    schedule: EnvironmentScheduleValue,
  ): Promise<OpsEnvironment> {
    return this.set(actor, name, expectedVersion, {
      ManualScheduleUp: schedule.ManualScheduleUp,
      ScheduleAutomatically: schedule.ScheduleAutomatically,
      DefaultSchedule: schedule.DefaultSchedule,
    });
  }

  /** Changes the state in one versioned, audited write (version 0 until the state is first written). */
  private async set(
    actor: Actor,
    name: string,
    expectedVersion: number,
    change: Partial<OpsState>,
  ): Promise<OpsEnvironment> {
    await this.environment(name);
    const current = await this.store.get('EnvironmentOps', name);
    const currentVersion = current?.version ?? 0;
    assertVersion(current ?? { kind: 'EnvironmentOps', key: name, version: 0 }, expectedVersion);
    const value = applied(current?.value ?? initialState, change);
    // a lock or unlock is an event: its outbox item goes in the same transaction
    const event = lockEvent(name, current?.value ?? initialState, value, actor);
    await this.store.commit(
      [
        ...(event ? [{ op: 'notify', event } as const] : []),
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
    return this.typeProtects(env.value.Value.EnvironmentType, action);
  }

  /** Whether an environment type's `ProtectedActions` names an action. */
  async typeProtects(environmentType: string, action: string): Promise<boolean> {
    const type = await this.store.get('EnvironmentType', environmentType);
    return (type?.value.Value.ProtectedActions ?? []).includes(action);
  }
}
