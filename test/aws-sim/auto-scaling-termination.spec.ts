import { chooseInstanceToTerminate } from '../../aws-sim/auto-scaling/termination-choice';
import type { GroupInstance } from '../../aws-sim/auto-scaling/types';
import { launchZones, rebalanceZone } from '../../aws-sim/auto-scaling/zone-balance';

const HOUR = 3_600_000;
const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);

function instance(id: string, options: Partial<GroupInstance> & { version?: number } = {}): GroupInstance {
  return {
    instanceId: id,
    availabilityZone: 'eu-west-1a',
    instanceType: 't3.small',
    lifecycleState: 'InService',
    healthStatus: 'Healthy',
    launchTemplate: { launchTemplateId: 'lt-1', launchTemplateName: 'web', version: options.version ?? 2 },
    protectedFromScaleIn: false,
    launchedAt: NOW - HOUR,
    registeredWith: [],
    ...options,
  };
}

const current = { launchTemplateId: 'lt-1', version: 2 };
const first = (xs: readonly GroupInstance[]) => xs[0]!;

describe('aws-sim Auto Scaling termination choice', () => {
  it('takes from the zone with the most instances before applying the policy', () => {
    const chosen = chooseInstanceToTerminate(
      [
        instance('i-old-b', { availabilityZone: 'eu-west-1b', launchedAt: NOW - 10 * HOUR }),
        instance('i-a1', { launchedAt: NOW - 2 * HOUR }),
        instance('i-a2', { launchedAt: NOW - 3 * HOUR }),
      ],
      { policies: ['OldestInstance'], current, now: NOW },
    );
    // a naive OldestInstance would take i-old-b and leave zone a with two, b with none
    expect(chosen?.instanceId).toBe('i-a2');
  });

  it('never takes a protected instance, even from the largest zone', () => {
    const chosen = chooseInstanceToTerminate(
      [
        instance('i-a1', { protectedFromScaleIn: true }),
        instance('i-a2', { protectedFromScaleIn: true }),
        instance('i-b1', { availabilityZone: 'eu-west-1b' }),
      ],
      { policies: ['Default'], current, now: NOW },
    );
    expect(chosen?.instanceId).toBe('i-b1');
    expect(
      chooseInstanceToTerminate([instance('i-a1', { protectedFromScaleIn: true })], {
        policies: [],
        current,
        now: NOW,
      }),
    ).toBeUndefined();
  });

  it('takes instances on an older launch template version first under Default', () => {
    const chosen = chooseInstanceToTerminate(
      [
        instance('i-new', { launchedAt: NOW - 5 * HOUR - 59 * 60_000 }),
        instance('i-old', { version: 1, launchedAt: NOW - 10 * 60_000 }),
      ],
      { policies: ['Default'], current, now: NOW },
    );
    expect(chosen?.instanceId).toBe('i-old');
  });

  it('takes instances on another launch template before older versions of the current one', () => {
    const xs = [
      instance('i-old-version', { version: 1 }),
      instance('i-other-template', {
        launchTemplate: { launchTemplateId: 'lt-2', launchTemplateName: 'web-next', version: 7 },
      }),
      instance('i-current'),
    ];
    for (const policy of ['Default', 'OldestLaunchTemplate'])
      expect(chooseInstanceToTerminate(xs, { policies: [policy], current, now: NOW })?.instanceId)
        .withContext(policy)
        .toBe('i-other-template');
    expect(
      chooseInstanceToTerminate(xs.slice(0, 1).concat(xs.slice(2)), { policies: [], current, now: NOW })
        ?.instanceId,
    ).toBe('i-old-version');
  });

  it('breaks a template tie by the closest to the next instance hour', () => {
    const chosen = chooseInstanceToTerminate(
      [
        instance('i-far', { launchedAt: NOW - 10 * 60_000 }),
        instance('i-close', { launchedAt: NOW - 55 * 60_000 }),
      ],
      { policies: ['Default'], current, now: NOW, pick: first },
    );
    expect(chosen?.instanceId).toBe('i-close');
  });

  it('applies the policies in order: NewestInstance then OldestLaunchTemplate', () => {
    const xs = [
      instance('i-1', { version: 1, launchedAt: NOW - 3 * HOUR }),
      instance('i-2', { launchedAt: NOW - HOUR }),
    ];
    expect(
      chooseInstanceToTerminate(xs, {
        policies: ['NewestInstance', 'OldestLaunchTemplate'],
        current,
        now: NOW,
      })?.instanceId,
    ).toBe('i-2');
    expect(
      chooseInstanceToTerminate(xs, {
        policies: ['OldestLaunchTemplate', 'NewestInstance'],
        current,
        now: NOW,
      })?.instanceId,
    ).toBe('i-1');
  });

  it('ignores standby and terminating instances', () => {
    const chosen = chooseInstanceToTerminate(
      [
        instance('i-standby', { lifecycleState: 'Standby', version: 1 }),
        instance('i-going', { lifecycleState: 'Terminating', version: 1 }),
        instance('i-serving'),
      ],
      { policies: ['OldestLaunchTemplate'], current, now: NOW },
    );
    expect(chosen?.instanceId).toBe('i-serving');
  });
});

describe('aws-sim Auto Scaling zone balance', () => {
  const zones = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

  it('launches in the zone with the fewest instances first', () => {
    const order = launchZones(zones, [instance('i-1'), instance('i-2', { availabilityZone: 'eu-west-1c' })]);
    expect(order[0]).toBe('eu-west-1b');
  });

  it('asks for a rebalance only when zones differ by more than one', () => {
    expect(rebalanceZone(zones, [instance('i-1'), instance('i-2')])).toBe('eu-west-1b');
    expect(
      rebalanceZone(zones, [
        instance('i-1'),
        instance('i-2'),
        instance('i-3', { availabilityZone: 'eu-west-1b' }),
      ]),
    ).toBe('eu-west-1c');
    expect(
      rebalanceZone(zones, [instance('i-1'), instance('i-3', { availabilityZone: 'eu-west-1b' })]),
    ).toBeUndefined();
  });

  it('does not rebalance when scale-in could not take from the fullest zone: all protected there', () => {
    const fullZone = [instance('i-1'), instance('i-2')];
    expect(rebalanceZone(zones, fullZone)).toBe('eu-west-1b');
    expect(
      rebalanceZone(
        zones,
        fullZone.map((i) => ({ ...i, protectedFromScaleIn: true })),
      ),
    ).toBeUndefined();
  });
});
