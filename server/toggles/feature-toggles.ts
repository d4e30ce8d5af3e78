import type {
  FeatureToggle,
  NewFeatureToggle,
  ToggleChange,
  ToggleDefinitions,
  ToggleEnvironment,
  ToggleSetting,
} from '@shared/toggles/feature-toggle';
import { BUCKETING } from '@shared/toggles/feature-toggle';
import { isOn, type ToggleContext, type ToggleRule } from '@shared/toggles/evaluate-toggle';
import type { Catalogue } from '../catalogue/catalogue';
import {
  environmentDefinition,
  environmentTypeDefinition,
  featureToggleDefinition,
  featureToggleStateDefinition,
  serviceDefinition,
} from '../catalogue/definitions';
import { recordByKey } from '../catalogue/record-by-key';
import type { Actor, RecordStore, StoredRecord } from '../catalogue/record-store';
import type { StoredToggleState } from '../catalogue/stored-values';
import { ConflictError, InputError, NotFoundError } from '../errors/domain-errors';

/** The environment type's ProtectedActions word that makes a toggle change wait for a second person. */
export const TOGGLE_ACTION = 'manage-feature-toggles';

/** The key of a toggle, and of its setting in an environment. */
export const toggleKey = (service: string, name: string): string => `${service}/${name}`;
const stateKey = (service: string, name: string, environment: string): string =>
  `${service}/${name}/${environment}`;

/** Where a toggle change goes: the toggle, the environment and whose they are (for permissions). */
export interface ToggleTarget {
  readonly service: string;
  readonly name: string;
  readonly environment: string;
  readonly environmentType: string;
  /** The service's team now. */
  readonly owner: string;
  /** Whether the environment type protects toggle changes (a second person approves). */
  readonly protected: boolean;
}

/** What a change did: applied, or waiting for a second person's approval. */
export interface ToggleChangeResult {
  readonly toggle: FeatureToggle;
  readonly pending: boolean;
}

function settingOf(s: StoredToggleState): ToggleRule & { name: string } {
  return {
    name: s.Name,
    state: s.State,
    ...(s.Percentage !== undefined ? { percentage: s.Percentage } : {}),
    include: { users: s.Include.Users, groups: s.Include.Groups },
    exclude: { users: s.Exclude.Users, groups: s.Exclude.Groups },
  };
}

function environmentView(r: StoredRecord<'FeatureToggleState'>): ToggleEnvironment {
  const s = r.value;
  return {
    environment: s.Environment,
    environmentType: s.EnvironmentType,
    state: s.State,
    ...(s.Percentage !== undefined ? { percentage: s.Percentage } : {}),
    include: { users: s.Include.Users, groups: s.Include.Groups },
    exclude: { users: s.Exclude.Users, groups: s.Exclude.Groups },
    updatedAt: s.UpdatedAt,
    updatedBy: s.UpdatedBy,
    reason: s.Reason,
    settledSince: s.SettledSince,
    pending: s.Pending
      ? {
          state: s.Pending.State,
          ...(s.Pending.Percentage !== undefined ? { percentage: s.Pending.Percentage } : {}),
          include: { users: s.Pending.Include.Users, groups: s.Pending.Include.Groups },
          exclude: { users: s.Pending.Exclude.Users, groups: s.Pending.Exclude.Groups },
          reason: s.Pending.Reason,
          requestedBy: s.Pending.RequestedBy,
          requestedAt: s.Pending.RequestedAt,
        }
      : null,
    ...(s.DeploymentId ? { deploymentId: s.DeploymentId } : {}),
    version: r.version,
  };
}

/** Whether a setting is the same for everyone (fully on or off, no one listed): what can go stale. */
function settled(s: ToggleSetting): boolean {
  return (
    s.state !== 'percentage' &&
    !s.include.users.length &&
    !s.include.groups.length &&
    !s.exclude.users.length &&
    !s.exclude.groups.length
  );
}

/** 409 unless the caller sent the version of the setting it read (0 before the first). */
function assertSettingVersion(
  target: ToggleTarget,
  current: StoredRecord<'FeatureToggleState'> | undefined,
  expectedVersion: number,
): void {
  const version = current?.version ?? 0;
  if (expectedVersion !== version) {
    throw new ConflictError(
      `the setting of ${target.name} in ${target.environment} has changed: you sent version ${expectedVersion}, the current version is ${version}`,
    );
  }
}

/**
 * Which toggles are on for someone: their names (the same array while the rules are unchanged, so its
 * serialization can be kept) and, in the same order, whether each is on.
 */
export interface ToggleEvaluation {
  readonly names: readonly string[];
  readonly on: readonly boolean[];
}

/** A service's rules in an environment, and what they show exists (so it need not be read again). */
interface Rules {
  readonly list: readonly ToggleRule[];
  /** The toggles' names in the list's order: the same array while the rules are unchanged. */
  readonly names: readonly string[];
  readonly serviceKnown: boolean;
  readonly environmentKnown: boolean;
}

/**
 * Feature toggles: each belongs to a catalogue service, with a setting per environment (off, on, or a
 * sticky percentage of users, with users and groups always on or always off). Every change is a versioned,
 * audited catalogue write with its reason; in an environment type that protects toggle changes a change
 * waits for a second person. Who may is checked around it (AuthorizedFeatureToggles), not here.
 */
export class FeatureToggles {
  /** The rules worked out from the last toggle and setting lists, by service and environment. */
  private rulesMemo:
    | {
        readonly toggles: readonly unknown[];
        readonly states: readonly unknown[];
        readonly rules: Map<string, Rules>;
      }
    | undefined;

  constructor(
    private readonly catalogue: Catalogue,
    /** The records as stored, archived toggles too (the catalogue hands out live ones). */
    private readonly store: RecordStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** The team of a service (404 when the catalogue has no such service). */
  async ownerOf(service: string): Promise<string> {
    const record = await this.catalogue.get(serviceDefinition, service).catch((e: unknown) => {
      if (e instanceof NotFoundError)
        throw new NotFoundError(
          `service ${service} is not in the catalogue: toggles belong to catalogue services`,
        );
      throw e;
    });
    return record.value.OwningCluster;
  }

  /** Where a change of the toggle in the environment goes (404 for an unknown toggle or environment). */
  async target(service: string, name: string, environment: string): Promise<ToggleTarget> {
    const [toggle, owner, env] = await Promise.all([
      this.live(service, name),
      this.ownerOf(service),
      this.catalogue.get(environmentDefinition, environment),
    ]);
    const type = await this.catalogue.get(environmentTypeDefinition, env.value.Value.EnvironmentType);
    return {
      service: toggle.value.Service,
      name: toggle.value.Name,
      environment,
      environmentType: env.value.Value.EnvironmentType,
      owner,
      protected: (type.value.Value.ProtectedActions ?? []).includes(TOGGLE_ACTION),
    };
  }

  /** `POST /feature-toggles`: a new toggle of a catalogue service, off everywhere (409 for a name ever used). */
  async create(request: NewFeatureToggle, actor: Actor): Promise<FeatureToggle> {
    await this.ownerOf(request.service);
    const key = toggleKey(request.service, request.name);
    const previous = await this.store.get('FeatureToggle', key);
    if (previous) {
      throw new ConflictError(
        previous.deleted
          ? `toggle ${request.name} of ${request.service} was archived: a toggle's name is never used again`
          : `toggle ${request.name} of ${request.service} already exists`,
      );
    }
    await this.catalogue.create(featureToggleDefinition, actor, key, {
      Service: request.service,
      Name: request.name,
      Description: request.description,
      Type: request.type,
      CreatedAt: new Date(this.now()).toISOString(),
      CreatedBy: actor.username,
    });
    return this.get(request.service, request.name);
  }

  /** `GET /feature-toggles?service=`: the live toggles (of one service), with their settings. */
  async list(service?: string, options: { archived?: boolean } = {}): Promise<FeatureToggle[]> {
    const [toggles, states, services] = await Promise.all([
      this.catalogue.list(featureToggleDefinition, { includeDeleted: options.archived === true }),
      this.catalogue.list(featureToggleStateDefinition),
      this.catalogue.list(serviceDefinition),
    ]);
    const owners = new Map(services.map((s) => [s.key, s.value.OwningCluster]));
    return toggles
      .filter((t) => service === undefined || t.value.Service === service)
      .map((t) =>
        this.view(
          t,
          owners.get(t.value.Service) ?? '',
          states.filter((s) => s.value.Service === t.value.Service && s.value.Name === t.value.Name),
        ),
      );
  }

  /** `GET /feature-toggles/{service}/{name}` (archived ones too: their history stays readable). */
  async get(service: string, name: string): Promise<FeatureToggle> {
    const toggle = await this.store.get('FeatureToggle', toggleKey(service, name));
    if (!toggle) throw new NotFoundError(`service ${service} has no toggle ${name}`);
    const [owner, states] = await Promise.all([
      this.ownerOf(service).catch(() => ''),
      this.catalogue.list(featureToggleStateDefinition),
    ]);
    return this.view(
      toggle,
      owner,
      states.filter((s) => s.value.Service === service && s.value.Name === name),
    );
  }

  private view(
    t: StoredRecord<'FeatureToggle'>,
    owner: string,
    states: readonly StoredRecord<'FeatureToggleState'>[],
  ): FeatureToggle {
    return {
      service: t.value.Service,
      name: t.value.Name,
      description: t.value.Description,
      type: t.value.Type,
      owner,
      createdAt: t.value.CreatedAt,
      createdBy: t.value.CreatedBy,
      archived: t.deleted,
      version: t.version,
      environments: states.map(environmentView).sort((a, b) => a.environment.localeCompare(b.environment)),
    };
  }

  private async live(service: string, name: string): Promise<StoredRecord<'FeatureToggle'>> {
    const toggle = await this.store.get('FeatureToggle', toggleKey(service, name));
    if (!toggle) throw new NotFoundError(`service ${service} has no toggle ${name}`);
    if (toggle.deleted) throw new ConflictError(`toggle ${name} of ${service} is archived`);
    return toggle;
  }

  /** `DELETE /feature-toggles/{service}/{name}`: archived (off everywhere, its name kept), audited. */
  async archive(service: string, name: string, actor: Actor): Promise<FeatureToggle> {
    const toggle = await this.live(service, name);
    await this.catalogue.commit(
      await this.catalogue.planDelete(featureToggleDefinition, toggle, toggle.version),
      actor,
    );
    return this.get(service, name);
  }

  /**
   * Sets the toggle in the environment (`expectedVersion` of its setting there; 0 when it has none yet).
   * Where the type protects toggle changes the change waits (pending) for someone else's approval, unless
   * `approvedBy` names someone other than the actor who approved it already (a deployment's approver,
   * for the toggle changes the deployment carried).
   */
  async set(
    target: ToggleTarget,
    change: ToggleChange,
    expectedVersion: number,
    actor: Actor,
    extra: { readonly deploymentId?: string; readonly approvedBy?: string } = {},
  ): Promise<ToggleChangeResult> {
    const current = await this.storedSetting(target);
    assertSettingVersion(target, current, expectedVersion);
    const at = new Date(this.now()).toISOString();
    const setting = {
      State: change.state,
      ...(change.state === 'percentage' ? { Percentage: change.percentage } : {}),
      Include: { Users: change.include.users, Groups: change.include.groups },
      Exclude: { Users: change.exclude.users, Groups: change.exclude.groups },
      Reason: change.reason,
    };
    const approved = extra.approvedBy !== undefined && extra.approvedBy !== actor.username;
    if (target.protected && !approved) {
      const base = current?.value ?? this.offIn(target, at, actor);
      await this.write(
        target,
        current,
        {
          ...base,
          Pending: { ...setting, RequestedBy: actor.username, RequestedAt: at },
        },
        actor,
      );
      return { toggle: await this.get(target.service, target.name), pending: true };
    }
    const reason =
      target.protected && approved
        ? `${setting.Reason} (asked by ${actor.username}, approved by ${extra.approvedBy})`
        : setting.Reason;
    await this.write(
      target,
      current,
      this.applied(target, current?.value, { ...setting, Reason: reason }, at, actor.username, extra),
      actor,
    );
    return { toggle: await this.get(target.service, target.name), pending: false };
  }

  /** Applies the change waiting in the environment: by someone other than who asked (409 otherwise). */
  async approve(target: ToggleTarget, expectedVersion: number, actor: Actor): Promise<FeatureToggle> {
    const current = await this.storedSetting(target);
    const pending = current?.value.Pending;
    if (!current || !pending) {
      throw new ConflictError(`no change of ${target.name} in ${target.environment} waits for approval`);
    }
    assertSettingVersion(target, current, expectedVersion);
    if (pending.RequestedBy === actor.username) {
      throw new ConflictError(`${actor.username} asked for this change: someone else approves it`);
    }
    const { RequestedBy, RequestedAt: _at, ...setting } = pending;
    const at = new Date(this.now()).toISOString();
    await this.write(
      target,
      current,
      this.applied(
        target,
        current.value,
        { ...setting, Reason: `${setting.Reason} (asked by ${RequestedBy}, approved by ${actor.username})` },
        at,
        RequestedBy,
      ),
      actor,
    );
    return this.get(target.service, target.name);
  }

  /**
   * The kill switch: off in the environment at once, whatever waits (never held for approval: turning a
   * toggle off is always allowed to whoever may change it), audited with the reason.
   */
  async kill(target: ToggleTarget, reason: string, actor: Actor): Promise<FeatureToggle> {
    const current = await this.storedSetting(target);
    const at = new Date(this.now()).toISOString();
    await this.write(
      target,
      current,
      this.applied(
        target,
        current?.value,
        {
          State: 'off',
          Include: { Users: [], Groups: [] },
          Exclude: { Users: [], Groups: [] },
          Reason: `kill switch: ${reason}`,
        },
        at,
        actor.username,
      ),
      actor,
    );
    return this.get(target.service, target.name);
  }

  /** The environments a toggle is set in (where a kill switch "everywhere" turns it off). */
  async environmentsOf(service: string, name: string): Promise<string[]> {
    await this.live(service, name);
    return (await this.catalogue.list(featureToggleStateDefinition))
      .filter((s) => s.value.Service === service && s.value.Name === name)
      .map((s) => s.value.Environment);
  }

  /** The toggle's setting in the target's environment, as stored (none before the first change). */
  private storedSetting(target: ToggleTarget): Promise<StoredRecord<'FeatureToggleState'> | undefined> {
    return this.store.get('FeatureToggleState', stateKey(target.service, target.name, target.environment));
  }

  private offIn(target: ToggleTarget, at: string, actor: Actor): StoredToggleState {
    return {
      Service: target.service,
      Name: target.name,
      Environment: target.environment,
      EnvironmentType: target.environmentType,
      State: 'off',
      Include: { Users: [], Groups: [] },
      Exclude: { Users: [], Groups: [] },
      UpdatedAt: at,
      UpdatedBy: actor.username,
      Reason: 'created off',
      SettledSince: at,
      Pending: null,
    };
  }

  private applied(
    target: ToggleTarget,
    before: StoredToggleState | undefined,
    setting: Pick<StoredToggleState, 'State' | 'Percentage' | 'Include' | 'Exclude' | 'Reason'>,
    at: string,
    by: string,
    extra: { readonly deploymentId?: string } = {},
  ): StoredToggleState {
    const isSettled = settled({
      state: setting.State,
      include: { users: setting.Include.Users, groups: setting.Include.Groups },
      exclude: { users: setting.Exclude.Users, groups: setting.Exclude.Groups },
    });
    // still settled in the same state: the time it settled is kept (the stale report counts from it)
    const keepsSettled = isSettled && before?.SettledSince && before.State === setting.State;
    return {
      Service: target.service,
      Name: target.name,
      Environment: target.environment,
      EnvironmentType: target.environmentType,
      State: setting.State,
      ...(setting.State === 'percentage' && setting.Percentage !== undefined
        ? { Percentage: setting.Percentage }
        : {}),
      Include: setting.Include,
      Exclude: setting.Exclude,
      UpdatedAt: at,
      UpdatedBy: by,
      Reason: setting.Reason,
      SettledSince: isSettled ? (keepsSettled ? before.SettledSince : at) : null,
      Pending: null,
      ...(extra.deploymentId ? { DeploymentId: extra.deploymentId } : {}),
    };
  }

  private async write(
    target: ToggleTarget,
    current: StoredRecord<'FeatureToggleState'> | undefined,
    value: StoredToggleState,
    actor: Actor,
  ): Promise<void> {
    const key = stateKey(target.service, target.name, target.environment);
    const writes = current
      ? await this.catalogue.planUpdate(featureToggleStateDefinition, current, current.version, value)
      : await this.catalogue.planCreate(featureToggleStateDefinition, key, value);
    await this.catalogue.commit(writes, actor);
  }

  /** The rules of a service's live toggles in an environment (a toggle never set there is off). */
  async rules(service: string, environment: string): Promise<Rules> {
    const [toggles, states] = await Promise.all([
      this.catalogue.list(featureToggleDefinition),
      this.catalogue.list(featureToggleStateDefinition),
    ]);
    // the lists are the same frozen arrays while nothing changed: their rules are worked out once
    const key = `${service}\n${environment}`;
    const memo = this.rulesMemo;
    if (memo?.toggles === toggles && memo.states === states) {
      const kept = memo.rules.get(key);
      if (kept) return kept;
    } else {
      this.rulesMemo = { toggles, states, rules: new Map() };
    }
    const inEnvironment = states.filter((s) => s.value.Environment === environment);
    const set = new Map(
      inEnvironment.filter((s) => s.value.Service === service).map((s) => [s.value.Name, settingOf(s.value)]),
    );
    const list = Object.freeze(
      toggles
        .filter((t) => t.value.Service === service)
        .map(
          (t) =>
            set.get(t.value.Name) ?? {
              name: t.value.Name,
              state: 'off' as const,
              include: { users: [], groups: [] },
              exclude: { users: [], groups: [] },
            },
        )
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
    // a toggle names a catalogue service (a reference), and a setting an environment that existed
    const rules = {
      list,
      names: Object.freeze(list.map((r) => r.name)),
      serviceKnown: list.length > 0,
      environmentKnown: inEnvironment.length > 0,
    };
    this.rulesMemo!.rules.set(key, rules);
    return rules;
  }

  /** `GET /feature-toggles/evaluate`: every live toggle of the service, on or off for who is asking. */
  async evaluate(service: string, environment: string, who: ToggleContext): Promise<ToggleEvaluation> {
    const rules = await this.knownRules(service, environment);
    return { names: rules.names, on: rules.list.map((rule) => isOn(rule, who)) };
  }

  /** `GET /feature-toggles/definitions`: the rules with the documented bucketing, to evaluate locally. */
  async definitions(service: string, environment: string): Promise<ToggleDefinitions> {
    const rules = (await this.knownRules(service, environment)).list;
    return {
      service,
      environment,
      bucketing: { ...BUCKETING },
      toggles: rules.map((r) => ({
        name: r.name,
        state: r.state,
        ...(r.percentage !== undefined ? { percentage: r.percentage } : {}),
        include: { users: [...r.include.users], groups: [...r.include.groups] },
        exclude: { users: [...r.exclude.users], groups: [...r.exclude.groups] },
      })),
    };
  }

  /**
   * The rules, 404 unless the service and the environment are in the catalogue. What the toggles and their
   * settings already show is not read again (the evaluation path of every service's requests); the rest
   * is looked up in its kind's list, whose generation read concurrent requests share.
   */
  private async knownRules(service: string, environment: string): Promise<Rules> {
    const rules = await this.rules(service, environment);
    const [services, environments] = await Promise.all([
      rules.serviceKnown ? undefined : this.catalogue.list(serviceDefinition),
      rules.environmentKnown ? undefined : this.catalogue.list(environmentDefinition),
    ]);
    if (services && !recordByKey(services, service))
      throw new NotFoundError(
        `service ${service} is not in the catalogue: toggles belong to catalogue services`,
      );
    if (environments && !recordByKey(environments, environment))
      throw new NotFoundError(`Environment ${environment} does not exist`);
    return rules;
  }

  /**
   * Toggles ready to remove: live, set in at least one environment, and fully on (or fully off) in every
   * environment they are set in for at least `days`, by team.
   */
  async stale(days: number): Promise<{ owner: string; toggles: FeatureToggle[] }[]> {
    if (!Number.isFinite(days) || days < 0) {
      throw new InputError('days must be a number of days', [
        { field: 'query.days', message: 'must be 0 or more' },
      ]);
    }
    const before = this.now() - days * 86_400_000;
    const stale = (await this.list()).filter(
      (t) =>
        t.environments.length > 0 &&
        t.environments.every(
          (e) =>
            e.settledSince !== null &&
            e.pending === null &&
            Date.parse(e.settledSince) <= before &&
            e.state === t.environments[0]!.state,
        ),
    );
    const byOwner = new Map<string, FeatureToggle[]>();
    for (const t of stale) byOwner.set(t.owner, [...(byOwner.get(t.owner) ?? []), t]);
    return [...byOwner]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([owner, toggles]) => ({ owner, toggles }));
  }
}
