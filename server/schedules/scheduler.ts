import { SCHEDULE_TAG } from '@shared/schedules/group-schedule';
import type { Actor } from '../catalogue/record-store';
import type { Catalogue } from '../catalogue/catalogue';
import type { Clock } from '../deployments/engine/clock';
import type { Accounts } from '../fleet/accounts';
import type { AutoScaling } from '../fleet/auto-scaling';
import { loadEnvironmentLayout } from '../fleet/environment-layout';
import type { Logger } from '../logger';
import { decide, type GroupAtTick, type GroupSizes, type ScheduleDecision } from './schedule-decision';
import type { ScheduleStore } from './schedule-store';
import { ownSchedule, type Schedules } from './schedules';

/** What the scheduler works with. */
export interface SchedulerParts {
  readonly catalogue: Catalogue;
  readonly schedules: Schedules;
  /** The AWS accounts: each group is read and resized in its own. */
  readonly accounts: Pick<Accounts, 'all' | 'ofEnvironment'>;
  readonly store: ScheduleStore;
  /** The deployment or patch holding a group's lock (LOCK#GROUP#<asg>), if one does. */
  readonly holderOf: (group: string) => Promise<string | undefined>;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** How the scheduler runs: who it is (its lease's owner) and how often it looks. */
export interface SchedulerOptions {
  readonly owner: string;
  readonly intervalMs: number;
}

/** What one tick did: whether this process held the lease, and each group it acted on. */
export interface TickResult {
  readonly leader: boolean;
  readonly actions: readonly { readonly group: string; readonly decision: ScheduleDecision }[];
}

const ACTOR: Actor = { username: 'scheduler', requestId: 'scheduler', source: 'scheduler' };
/** The schedule of an environment or group nothing switches off. */
const ALWAYS_ON = '247';
/** The Schedule tag's key in the cases the original's users wrote it (DescribeTags matches exactly). */
const SCHEDULE_TAG_KEYS = [SCHEDULE_TAG, SCHEDULE_TAG.toLowerCase(), SCHEDULE_TAG.toUpperCase()];

/**
 * Brings groups that should be off to zero (recording their sizes) and groups that should be on back to
 * those sizes, every interval. Only the portal process holding the lease acts (taken or renewed each
 * tick for two intervals); what to do is decided from the group and the time (schedule-decision), and
 * each action is recorded and audited exactly once by a conditional write before or after its AWS call.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<TickResult> | undefined;

  constructor(
    private readonly parts: SchedulerParts,
    private readonly options: SchedulerOptions,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.tickOnce(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One tick, never two at once in a process (a slow tick makes the next one wait its turn). */
  private async tickOnce(): Promise<void> {
    if (this.running) return;
    this.running = this.tick();
    try {
      await this.running;
    } catch (e) {
      this.parts.logger.error('scheduler tick failed', { error: e instanceof Error ? e.message : String(e) });
    } finally {
      this.running = undefined;
    }
  }

  /** Looks at every scheduled group once, if this process holds the lease. */
  async tick(): Promise<TickResult> {
    const now = this.parts.clock.now();
    const leader = await this.parts.store.takeLease(
      this.options.owner,
      now,
      now + 2 * this.options.intervalMs,
    );
    if (!leader) return { leader, actions: [] };
    const groups = await this.groupsAtTick();
    const at = new Date(now);
    const actions: TickResult['actions'][number][] = [];
    for (const unheld of groups) {
      if (decide({ ...unheld, heldBy: undefined }, at).action === 'none') continue;
      // only a group with something to do is asked about: is a deployment or patch working on it?
      const group = { ...unheld, heldBy: await this.parts.holderOf(unheld.name) };
      const decision = decide(group, at);
      if (decision.action === 'none') {
        this.parts.logger.info('scheduler leaves a group alone', {
          group: group.name,
          reason: decision.reason,
        });
        continue;
      }
      if (await this.act(group, decision, now)) actions.push({ group: group.name, decision });
    }
    return { leader, actions };
  }

  /**
   * The groups that may need the scheduler, with their schedule, recorded sizes and account: those of
   * environments scheduled other than always on, those with a Schedule tag of their own, and those it
   * stopped, in each of the portal's accounts. An estate with nothing scheduled costs one DescribeTags an
   * account and no DescribeAutoScalingGroups a tick.
   */
  private async groupsAtTick(): Promise<(Omit<GroupAtTick, 'heldBy'> & { autoScaling: AutoScaling })[]> {
    const [schedules, accounts, recorded] = await Promise.all([
      this.parts.schedules.environmentSchedules(),
      this.parts.accounts.all(),
      this.parts.store.recordedSizes(),
    ]);
    const scheduleOfGroup = new Map<string, string>();
    const environmentOfGroup = new Map<string, string>();
    // by the account's fleet ports: one account's, whatever name it was reached under
    const accountOfEnvironment = new Map<string, object>();
    for (const [environment, schedule] of schedules) {
      if (schedule === ALWAYS_ON) continue;
      try {
        const [layout, account] = await Promise.all([
          loadEnvironmentLayout(this.parts.catalogue, environment),
          this.parts.accounts.ofEnvironment(environment),
        ]);
        accountOfEnvironment.set(environment, account.fleet);
        for (const role of layout.roles)
          for (const g of role.groups) {
            scheduleOfGroup.set(g.name, schedule);
            environmentOfGroup.set(g.name, environment);
          }
      } catch (e) {
        // an environment whose map or cluster is missing has no groups to schedule
        this.parts.logger.debug('scheduler skips an environment', {
          environment,
          error: e instanceof Error ? e.message : String(e),
        });
      }
    }
    const perAccount = await Promise.all(
      accounts.map(async (account) => {
        const { autoScaling } = account.fleet;
        // the original read the tag in any case
        const tagged = await autoScaling.groupsTagged(SCHEDULE_TAG_KEYS);
        const names = new Set([
          ...[...scheduleOfGroup.keys()].filter(
            (g) => accountOfEnvironment.get(environmentOfGroup.get(g)!) === account.fleet,
          ),
          ...tagged.keys(),
          // a group it stopped is in one account: described in each, found in its own
          ...recorded.keys(),
        ]);
        if (!names.size) return [];
        return (await autoScaling.describeGroups([...names])).map((g) => ({ g, autoScaling }));
      }),
    );
    return perAccount.flat().map(({ g, autoScaling }) => ({
      autoScaling,
      name: g.AutoScalingGroupName,
      environment:
        environmentOfGroup.get(g.AutoScalingGroupName) ?? g.Tags.find((t) => t.Key === 'Environment')?.Value,
      sizes: { MinSize: g.MinSize, DesiredCapacity: g.DesiredCapacity, MaxSize: g.MaxSize },
      // a group of an environment always on (or of none any more) follows its own schedule or is on
      schedule: ownSchedule(g)?.schedule ?? scheduleOfGroup.get(g.AutoScalingGroupName) ?? ALWAYS_ON,
      recorded: recorded.get(g.AutoScalingGroupName),
    }));
  }

  /** Carries a decision out; false when another process had recorded it first (nothing done here). */
  private async act(
    group: GroupAtTick & { autoScaling: AutoScaling },
    decision: ScheduleDecision,
    now: number,
  ): Promise<boolean> {
    const { logger, store } = this.parts;
    const { autoScaling } = group;
    const fields = { group: group.name, schedule: group.schedule, reason: decision.reason };
    switch (decision.action) {
      case 'stop': {
        if (!(await store.recordStop(group, group.sizes, ACTOR, now))) return false;
        await autoScaling.updateGroup(group.name, { minSize: 0, desiredCapacity: 0 });
        logger.info('scheduler stopped a group', { ...fields, recorded: group.sizes });
        return true;
      }
      case 'keep-stopped': {
        await autoScaling.updateGroup(group.name, { minSize: 0, desiredCapacity: 0 });
        logger.info('scheduler brought a stopped group back to zero', fields);
        return true;
      }
      case 'start': {
        await autoScaling.updateGroup(group.name, sizeChange(decision.to));
        await store.recordStart(group, decision.to, ACTOR, now);
        logger.info('scheduler started a group', { ...fields, sizes: decision.to });
        return true;
      }
      case 'none':
        return false;
    }
  }
}

function sizeChange(s: GroupSizes) {
  return { minSize: s.MinSize, desiredCapacity: s.DesiredCapacity, maxSize: s.MaxSize };
}
