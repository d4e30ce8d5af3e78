import { z } from 'zod';
import type { Deployment, DeploymentLogLine, DeploymentStatus } from '@shared/deployments/deployment';
import { isTerminal } from '@shared/deployments/deployment';
import { StaleVersionError } from '../../../../server/errors/domain-errors';
import { DeploymentEngine } from '../../../../server/deployments/engine/deployment-engine';
import { dueNow } from '../../../../server/deployments/engine/record-outcome';
import {
  failed,
  announced,
  running,
  step,
  succeeded,
  undone,
  type AnyStep,
  type StepResult,
  type UndoResult,
} from '../../../../server/deployments/engine/step';
import { defineStrategy, type Strategy } from '../../../../server/deployments/engine/strategy';
import type {
  DeploymentStore,
  Lease,
  StoredDeployment,
  WriteOptions,
} from '../../../../server/deployments/deployment-store';
import type { AccountPorts } from '../../../../server/fleet/accounts';
import { TemplateVersionCache } from '../../../../server/fleet/fleet-pass';
import { createLogger } from '../../../../server/logger';
import { aDeploymentValue } from '../../../fixtures/deployment-value';

/**
 * The engine's executor driven pass by pass with a fake clock. A unit spec: the store below is an
 * in-memory fake of the DynamoDB store (versions, leases, due times) and the fleet is never called; the
 * real store and fleet are covered by the scale-up, blue/green and crash-resume specs.
 */
describe('deployment engine (fake store, fake clock)', () => {
  const T0 = Date.parse('2026-12-01T10:00:00Z');
  let now: number;
  let store: MemoryStore;
  let calls: string[];

  beforeEach(() => {
    now = T0;
    store = new MemoryStore();
    calls = [];
  });

  const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
  const refused = () => Object.assign(new Error('Invalid desired capacity'), { name: 'ValidationError' });

  /** A step that does `behaviour` and records each call; its undo records too. */
  function probe(
    name: string,
    behaviour: (attempt: number) => 'ok' | 'wait' | 'fail' | 'throttle' | 'refuse',
    undo?: (attempt: number) => 'ok' | 'throttle' | 'refuse' | 'fail',
    timeoutSeconds = 60,
  ): AnyStep {
    let runs = 0;
    let undos = 0;
    return step({
      name,
      timeoutSeconds,
      needs: z.object({}),
      gives: z.object({}),
      async run() {
        calls.push(`run ${name}`);
        switch (behaviour(runs++)) {
          case 'ok':
            return succeeded({});
          case 'wait':
            return running(`${name} waits`);
          case 'fail':
            return failed(`${name} said no`);
          case 'throttle':
            throw throttled();
          case 'refuse':
            throw refused();
        }
      },
      ...(undo
        ? {
            async undo(): Promise<UndoResult> {
              calls.push(`undo ${name}`);
              switch (undo(undos++)) {
                case 'ok':
                  return undone();
                case 'fail':
                  return failed(`${name} cannot be undone`);
                case 'throttle':
                  throw throttled();
                case 'refuse':
                  throw refused();
              }
            },
          }
        : {}),
    });
  }

  function engineFor(
    strategy: Strategy,
    options: { maxAttempts?: number; leaseMs?: number } = {},
  ): DeploymentEngine {
    const unused = new Proxy({}, { get: () => () => Promise.reject(new Error('no fleet in this spec')) });
    return new DeploymentEngine(
      store,
      {
        recorded: () =>
          Promise.resolve({
            fleet: { autoScaling: unused, launchTemplates: unused, loadBalancing: unused },
            templates: new TemplateVersionCache(),
          } as unknown as AccountPorts),
      },
      () => strategy,
      {
        owner: 'engine-1',
        leaseMs: options.leaseMs ?? 10_000,
        pollMs: 1000,
        scanMs: 1000,
        retry: { maxAttempts: options.maxAttempts ?? 3, backoffMs: (n) => 100 * n },
        clock: { now: () => now },
      },
      createLogger('silent'),
    );
  }

  /** Passes of the engine, the clock jumping to whatever is due next, until the deployment is over. */
  async function runToEnd(
    engine: DeploymentEngine,
    id: string,
    maxPasses = 200,
  ): Promise<Deployment['Value']> {
    engine.start();
    try {
      for (let i = 0; i < maxPasses; i++) {
        await engine.pass();
        const d = store.items.get(id)!;
        if (isTerminal(d.value.Status)) return d.value;
        now = Math.max(now + 1, Math.min(store.dueAt.get(id) ?? now + 1000, now + 1000));
      }
      throw new Error(`deployment not over after ${maxPasses} passes: ${store.items.get(id)!.value.Status}`);
    } finally {
      await engine.stop();
    }
  }

  async function create(strategy: Strategy, extra: Partial<Deployment['Value']> = {}): Promise<string> {
    const id = `01J0000000000000000000${String(store.items.size).padStart(4, '0')}`;
    await store.create(id, aDeployment(strategy, extra), { dueAt: now });
    return id;
  }

  it('runs steps that succeed back to back in one pass, saving only steps that gave outputs', async () => {
    const strategy = defineStrategy(
      [probe('a', () => 'ok'), probe('b', () => 'ok'), probe('c', () => 'ok')],
      async () => undefined,
    );
    const id = await create(strategy);
    const engine = engineFor(strategy);
    engine.start();
    await engine.pass();
    await engine.stop();
    expect(store.items.get(id)!.value.Status).toBe('Success');
    expect(calls).toEqual(['run a', 'run b', 'run c']);
    // the final save alone: "started" and steps without outputs are saved with the next save
    expect(store.saves).toBe(1);
    expect(store.lines(id)).toContain('deployment succeeded');
  });

  it('wakes an operation when a deployment it started ends, without waiting for its next look', async () => {
    const child = defineStrategy([probe('child-step', () => 'ok')], async () => undefined);
    const follow = step({
      name: 'follow-child',
      timeoutSeconds: 3600,
      needs: z.object({}),
      gives: z.object({}),
      async run(ctx) {
        const childId = `${ctx.deploymentId}-1`;
        const started = await ctx.children!.statuses([childId]);
        const status = started.get(childId);
        if (!status) {
          await ctx.children!.start(
            childId,
            aDeployment(child, { DeploymentType: 'patch', Patch: patchOf(ctx.deploymentId) }),
            'started the child',
          );
          // the next look an hour on: only the child's end can bring it sooner
          return running('child started', undefined, 3_600_000);
        }
        return isTerminal(status) ? succeeded({}) : running('child running', undefined, 3_600_000);
      },
    });
    const parent = defineStrategy([follow], async () => undefined);
    const id = await create(parent, { DeploymentType: 'patch-operation' });
    const unused = new Proxy({}, { get: () => () => Promise.reject(new Error('no fleet in this spec')) });
    const engine = new DeploymentEngine(
      store,
      {
        recorded: () =>
          Promise.resolve({
            fleet: { autoScaling: unused, launchTemplates: unused, loadBalancing: unused },
            templates: new TemplateVersionCache(),
          } as unknown as AccountPorts),
      },
      (d) => (d.DeploymentType === 'patch' ? child : parent),
      {
        owner: 'engine-1',
        leaseMs: 10_000_000,
        pollMs: 1000,
        scanMs: 1000,
        retry: { maxAttempts: 3, backoffMs: (n) => 100 * n },
        clock: { now: () => now },
      },
      createLogger('silent'),
    );
    engine.start();
    try {
      // the clock stands still: every pass is at T0
      for (let i = 0; i < 5 && !isTerminal(store.items.get(id)!.value.Status); i++) await engine.pass();
    } finally {
      await engine.stop();
    }
    expect(store.items.get(`${id}-1`)!.value.Status).toBe('Success');
    expect(store.items.get(id)!.value.Status).toBe('Success');
    expect(calls).toEqual(['run child-step']);
  });

  it('retries a step that throws a transient error, with backoff, and goes on when it passes', async () => {
    const strategy = defineStrategy(
      [probe('a', (n) => (n < 2 ? 'throttle' : 'ok')), probe('b', () => 'ok')],
      async () => undefined,
    );
    const id = await create(strategy);
    const end = await runToEnd(engineFor(strategy), id);
    expect(end.Status).toBe('Success');
    expect(calls).toEqual(['run a', 'run a', 'run a', 'run b']);
    expect(end.Steps[0]!.attempts).toBe(2);
    expect(store.lines(id).filter((l) => l.includes('will retry'))).toEqual([
      'a: Rate exceeded (attempt 1, will retry)',
      'a: Rate exceeded (attempt 2, will retry)',
    ]);
  });

  it('fails a step whose retries are exhausted, and rolls back what ran', async () => {
    const strategy = defineStrategy(
      [
        probe(
          'a',
          () => 'ok',
          () => 'ok',
        ),
        probe('b', () => 'throttle'),
      ],
      async () => undefined,
    );
    const id = await create(strategy);
    const end = await runToEnd(engineFor(strategy, { maxAttempts: 3 }), id);
    expect(end.Status).toBe('Rolled Back');
    expect(end.ErrorReason).toBe('b failed: Rate exceeded');
    expect(calls).toEqual(['run a', 'run b', 'run b', 'run b', 'undo a']);
  });

  it('fails a step at once on an error that is not transient (no retry)', async () => {
    const strategy = defineStrategy(
      [
        probe(
          'a',
          () => 'ok',
          () => 'ok',
        ),
        probe('b', () => 'refuse'),
      ],
      async () => undefined,
    );
    const id = await create(strategy);
    const end = await runToEnd(engineFor(strategy), id);
    expect(end.Status).toBe('Rolled Back');
    expect(end.ErrorReason).toBe('b failed: Invalid desired capacity');
    expect(calls).toEqual(['run a', 'run b', 'undo a']);
    expect(end.Steps[1]!.status).toBe('failed');
  });

  it('times a waiting step out and rolls back', async () => {
    const strategy = defineStrategy(
      [
        probe(
          'a',
          () => 'ok',
          () => 'ok',
        ),
        probe('b', () => 'wait', undefined, 5),
      ],
      async () => undefined,
    );
    const id = await create(strategy);
    const end = await runToEnd(engineFor(strategy), id);
    expect(end.Status).toBe('Rolled Back');
    expect(end.ErrorReason).toBe('b timed out after 5 s');
    // polled once a second (the poll interval) until the deadline, then undone
    expect(calls.filter((c) => c === 'run b').length).toBeGreaterThanOrEqual(4);
    expect(calls.at(-1)).toBe('undo a');
  });

  it('ends Rollback Failed when an undo fails every attempt, and does not retry it forever', async () => {
    const strategy = defineStrategy(
      [
        probe(
          'a',
          () => 'ok',
          () => 'throttle',
        ),
        probe(
          'b',
          () => 'ok',
          () => 'ok',
        ),
        probe('c', () => 'fail'),
      ],
      async () => undefined,
    );
    const id = await create(strategy);
    const end = await runToEnd(engineFor(strategy, { maxAttempts: 3 }), id);
    expect(end.Status).toBe('Rollback Failed');
    expect(calls.filter((c) => c === 'undo a').length).toBe(3);
    expect(end.ErrorReason).toContain('undo of a failed 3 times (last: Rate exceeded)');
    expect(end.ErrorReason).toContain('a is not undone');
    expect(store.lines(id).at(-1)).toContain('rollback failed');
    // over: the lock and the lease are released like any end
    expect(store.items.get(id)!.leaseOwner).toBeUndefined();
  });

  it('ends Rollback Failed at once when an undo fails for good', async () => {
    const strategy = defineStrategy(
      [
        probe(
          'a',
          () => 'ok',
          () => 'refuse',
        ),
        probe('b', () => 'fail'),
      ],
      async () => undefined,
    );
    const id = await create(strategy);
    const end = await runToEnd(engineFor(strategy), id);
    expect(end.Status).toBe('Rollback Failed');
    expect(calls).toEqual(['run a', 'run b', 'undo a']);
  });

  for (const at of [0, 1, 2]) {
    for (const request of ['cancel', 'rollback'] as const) {
      it(`${request === 'cancel' ? 'cancels' : 'rolls back'} while step ${at} waits: what ran is undone, newest first`, async () => {
        const names = ['a', 'b', 'c'];
        const strategy = defineStrategy(
          names.map((n, i) =>
            probe(
              n,
              () => (i === at ? 'wait' : 'ok'),
              () => 'ok',
            ),
          ),
          async () => undefined,
        );
        const id = await create(strategy);
        const engine = engineFor(strategy);
        engine.start();
        await engine.pass();
        expect(store.items.get(id)!.value.Steps[at]!.status).toBe('running');
        // the request as the API writes it: a conditional write on the version, due at once
        const d = store.items.get(id)!;
        const field = request === 'cancel' ? { CancelRequestedBy: 'bob' } : { RollbackRequestedBy: 'bob' };
        await store.save(d, dueNow({ ...d.value, ...field }), { dueAt: now });
        engine.wake(id);
        const end = await runToEnd(engine, id);
        expect(end.Status).toBe(request === 'cancel' ? 'Cancelled' : 'Rolled Back');
        const undos = calls.filter((c) => c.startsWith('undo'));
        expect(undos).toEqual(
          names
            .slice(0, at + 1)
            .reverse()
            .map((n) => `undo ${n}`),
        );
        expect(calls).not.toContain(`run ${names[at + 1]}`);
      });
    }
  }

  it('gives up a deployment that another engine took over (its lease is gone) without writing', async () => {
    const strategy = defineStrategy([probe('a', () => 'wait')], async () => undefined);
    const id = await create(strategy);
    const engine = engineFor(strategy);
    engine.start();
    await engine.pass();
    const saves = store.saves;
    // the lease runs out while this engine is away, and another takes it
    now += 20_000;
    expect(await store.lease(id, { owner: 'engine-2', until: now + 10_000 }, now)).toBeDefined();
    await engine.pass();
    await engine.stop();
    expect(store.saves).toBe(saves);
    expect(store.items.get(id)!.leaseOwner).toBe('engine-2');
  });

  /** A wait on the fleet (answering `look` each time it looks), then one step that succeeds. */
  function waitThenProbe(look: () => StepResult<Record<string, never>>, timeoutSeconds = 3600): Strategy {
    const waiting = step({
      name: 'wait-for-fleet',
      timeoutSeconds,
      needs: z.object({}),
      gives: z.object({}),
      run: async () => look(),
    });
    return defineStrategy([waiting, probe('a', () => 'ok')], async () => undefined);
  }

  for (const [held, afterMs] of [
    ['held', undefined],
    ['released', 600_000],
  ] as const) {
    it(`looks again at once at a deployment ${held} while it waits on a group that Auto Scaling says changed, not at another group's change`, async () => {
      let looks = 0;
      const strategy = waitThenProbe(() =>
        ++looks >= 2 ? succeeded({}) : running('the fleet is not there yet', undefined, afterMs),
      );
      const id = await create(strategy);
      const engine = engineFor(strategy);
      engine.start();
      await engine.pass();
      expect(looks).toBe(1);
      expect(store.items.get(id)!.leaseOwner).toBe(held === 'held' ? 'engine-1' : undefined);
      // the clock stands still: only an event can make it look before its next check
      engine.fleetChanged('e1-tm-api');
      await engine.pass();
      expect(looks).toBe(1);
      engine.fleetChanged('e1-tm-web');
      await engine.pass();
      await engine.stop();
      expect(looks).toBe(2);
      expect(store.items.get(id)!.value.Status).toBe('Success');
    });
  }

  it('forgets a deployment it released more than a day ago: neither an event nor lost events make it look then', async () => {
    let looks = 0;
    const twoDays = 48 * 3_600_000;
    const strategy = waitThenProbe(
      () => (++looks >= 2 ? succeeded({}) : running('waiting two days', undefined, twoDays)),
      3 * 24 * 3600,
    );
    const id = await create(strategy);
    const engine = engineFor(strategy);
    engine.start();
    await engine.pass();
    expect(store.items.get(id)!.leaseOwner).toBeUndefined();
    now += 25 * 3_600_000;
    engine.fleetChanged('e1-tm-web');
    engine.fleetEventsLost();
    await engine.pass();
    expect(looks).toBe(1);
    expect(store.items.get(id)!.leaseOwner).toBeUndefined();
    // its due time still brings it back, as it would to any engine
    now += 24 * 3_600_000;
    await engine.pass();
    await engine.stop();
    expect(looks).toBe(2);
    expect(store.items.get(id)!.value.Status).toBe('Success');
  });

  it('waits on an announced change at the fallback look while events come, and looks at once, then at the interval, once they are lost', async () => {
    let looks = 0;
    const strategy = waitThenProbe(() =>
      ++looks >= 3 ? succeeded({}) : announced(running('the new instances are not there yet')),
    );
    const id = await create(strategy);
    // a lease shorter than the fallback look: the wait is released (a shorter one is held, see below)
    const engine = engineFor(strategy, { leaseMs: 4000 });
    engine.start();
    // the group's events have reached this process: the wait looks every 5 polls, as a fallback
    engine.fleetChanged('e1-tm-web');
    await engine.pass();
    expect(looks).toBe(1);
    expect(store.items.get(id)!.leaseOwner).toBeUndefined();
    expect(store.dueAt.get(id)).toBe(T0 + 5000);
    now += 1000;
    await engine.pass();
    expect(looks).toBe(1);
    // the queue cannot be read: the released wait looks now, without the clock moving or an event
    engine.fleetEventsLost();
    await engine.pass();
    expect(looks).toBe(2);
    // and from then on at the poll interval
    expect(store.items.get(id)!.leaseOwner).toBe('engine-1');
    now += 1000;
    await engine.pass();
    await engine.stop();
    expect(looks).toBe(3);
    expect(store.items.get(id)!.value.Status).toBe('Success');
  });

  it('holds a deployment whose next look is within a lease, renewing the lease when half spent, rather than releasing it and leasing it again', async () => {
    let looks = 0;
    const strategy = waitThenProbe(() =>
      ++looks >= 2 ? succeeded({}) : running('the fleet is not there yet', undefined, 8000),
    );
    const id = await create(strategy);
    const engine = engineFor(strategy);
    engine.start();
    await engine.pass();
    expect(looks).toBe(1);
    expect(store.items.get(id)!.leaseOwner).toBe('engine-1');
    const [leases, releases] = [store.leases, store.releases];
    // half the lease spent: renewed, one write
    now += 5000;
    await engine.pass();
    expect(looks).toBe(1);
    expect(store.items.get(id)!.leaseExpiresAt).toBe(now + 10_000);
    now += 3000;
    await engine.pass();
    await engine.stop();
    expect(looks).toBe(2);
    expect([store.leases - leases, store.releases - releases]).toEqual([1, 0]);
    expect(store.items.get(id)!.value.Status).toBe('Success');
  });

  it('releases a deployment that waits long (an approval) so that no engine holds it', async () => {
    const approval = step({
      name: 'await-approval',
      timeoutSeconds: 3600,
      waitingStatus: 'Awaiting Approval',
      needs: z.object({}),
      gives: z.object({}),
      run: async (ctx) =>
        ctx.deployment.ApprovedBy ? succeeded({}) : running('awaiting approval', undefined, 3_600_000),
    });
    const strategy = defineStrategy([approval, probe('a', () => 'ok')], async () => undefined);
    const id = await create(strategy, { RequireApproval: true });
    const engine = engineFor(strategy);
    engine.start();
    await engine.pass();
    const d = store.items.get(id)!;
    expect(d.value.Status).toBe('Awaiting Approval');
    expect(d.leaseOwner).toBeUndefined();
    expect(store.dueAt.get(id)).toBe(T0 + 3_600_000);
    // ten minutes of passes: nothing read or written for it
    const saves = store.saves;
    const leases = store.leases;
    for (let i = 0; i < 10; i++) {
      now += 60_000;
      await engine.pass();
    }
    expect([store.saves, store.leases]).toEqual([saves, leases]);
    const waiting = store.items.get(id)!;
    await store.save(waiting, dueNow({ ...waiting.value, ApprovedBy: 'carol' }), { dueAt: now });
    engine.wake(id);
    await engine.pass();
    await engine.stop();
    expect(store.items.get(id)!.value.Status).toBe('Success');
  });
});

/** The Patch block of a group's patch, naming the operation that started it. */
function patchOf(operationId: string): NonNullable<Deployment['Value']['Patch']> {
  return {
    PatchID: operationId,
    ImageId: 'ami-0new',
    ImageName: 'base-2',
    FromImageId: 'ami-0old',
    FromImageName: 'base-1',
  };
}

function aDeployment(strategy: Strategy, extra: Partial<Deployment['Value']>): Deployment['Value'] {
  return aDeploymentValue({
    Steps: strategy.steps.map((s) => ({ name: s.name, status: 'pending', attempts: 0, outputs: {} })),
    ...extra,
  });
}

/** An in-memory fake of the deployments store, keeping versions, leases and due times as DynamoDB would. */
class MemoryStore implements DeploymentStore {
  readonly items = new Map<string, StoredDeployment>();
  readonly dueAt = new Map<string, number>();
  readonly logs = new Map<string, DeploymentLogLine[]>();
  saves = 0;
  leases = 0;
  releases = 0;

  lines(id: string): string[] {
    return (this.logs.get(id) ?? []).map((l) => l.message);
  }

  private write(d: StoredDeployment, options: WriteOptions, now: number): StoredDeployment {
    this.items.set(d.id, d);
    this.logs.set(d.id, [...(this.logs.get(d.id) ?? []), ...(options.log ?? [])]);
    if (isTerminal(d.value.Status)) this.dueAt.delete(d.id);
    else this.dueAt.set(d.id, options.lease?.until ?? options.dueAt ?? now);
    return d;
  }

  async create(id: string, value: Deployment['Value'], options: WriteOptions): Promise<StoredDeployment> {
    const lease = options.lease;
    return this.write(
      { id, value, version: 1, ...(lease ? { leaseOwner: lease.owner, leaseExpiresAt: lease.until } : {}) },
      options,
      options.dueAt ?? 0,
    );
  }

  async get(id: string): Promise<StoredDeployment | undefined> {
    return this.items.get(id);
  }

  async getMany(ids: readonly string[]): Promise<Map<string, StoredDeployment>> {
    return new Map(ids.flatMap((id) => (this.items.has(id) ? [[id, this.items.get(id)!] as const] : [])));
  }

  async statuses(ids: readonly string[]): Promise<Map<string, DeploymentStatus>> {
    return new Map([...(await this.getMany(ids))].map(([id, d]) => [id, d.value.Status] as const));
  }

  async save(
    d: StoredDeployment,
    value: Deployment['Value'],
    options: WriteOptions = {},
  ): Promise<StoredDeployment> {
    const current = this.items.get(d.id)!;
    if (current.version !== d.version) throw new StaleVersionError(`deployment ${d.id} is stale`);
    if (options.lease && current.leaseOwner !== undefined && current.leaseOwner !== options.lease.owner)
      throw new StaleVersionError(`deployment ${d.id} is held by ${current.leaseOwner}`);
    this.saves += 1;
    const over = isTerminal(value.Status);
    const lease = over
      ? {}
      : options.lease
        ? { leaseOwner: options.lease.owner, leaseExpiresAt: options.lease.until }
        : options.dueAt !== undefined && current.leaseOwner === undefined
          ? {}
          : { leaseOwner: current.leaseOwner, leaseExpiresAt: current.leaseExpiresAt };
    const next = { id: d.id, value, version: d.version + 1, ...lease } as StoredDeployment;
    return this.write(next, options, options.dueAt ?? 0);
  }

  list(): never {
    throw new Error('not in this spec');
  }

  async due(now: number): Promise<string[]> {
    return [...this.dueAt].filter(([, at]) => at <= now).map(([id]) => id);
  }

  async lease(id: string, lease: Lease, now: number): Promise<StoredDeployment | undefined> {
    const d = this.items.get(id);
    if (!d || isTerminal(d.value.Status)) return undefined;
    if (d.leaseOwner && d.leaseOwner !== lease.owner && (d.leaseExpiresAt ?? 0) >= now) return undefined;
    this.leases += 1;
    const held = { ...d, leaseOwner: lease.owner, leaseExpiresAt: lease.until };
    this.items.set(id, held);
    this.dueAt.set(id, lease.until);
    return held;
  }

  async release(id: string, owner: string, dueAt: number): Promise<void> {
    const d = this.items.get(id);
    if (!d || d.leaseOwner !== owner) return;
    this.releases += 1;
    const { leaseOwner: _o, leaseExpiresAt: _e, ...rest } = d;
    this.items.set(id, rest);
    this.dueAt.set(id, dueAt);
  }

  async appendLog(id: string, lines: readonly Omit<DeploymentLogLine, 'at'>[]): Promise<void> {
    this.logs.set(id, [
      ...(this.logs.get(id) ?? []),
      ...lines.map((l) => ({ ...l, at: new Date(0).toISOString() })),
    ]);
  }

  async log(id: string): Promise<DeploymentLogLine[]> {
    return this.logs.get(id) ?? [];
  }
}
