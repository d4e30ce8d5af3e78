import type { Instance } from '@shared/fleet/instance';
import { scheduleActionFor, SKIP_REASONS } from '../../../server/fleet/instance-schedule-actions';

/** An instance as GET /instances shows it, running InService in an ASG unless told otherwise. */
function anInstance(
  options: Partial<Pick<Instance, 'Environment' | 'LifecycleState' | 'AutoScalingGroupName'>> & {
    state?: string;
  } = {},
): Instance {
  return {
    InstanceId: 'i-0123456789abcdef0',
    ImageId: 'ami-0e5b1a2c3d4e5f601',
    InstanceType: 't3.small',
    LaunchTime: '2026-12-01T00:00:00.000Z',
    State: { Code: 16, Name: options.state ?? 'running' },
    Placement: { AvailabilityZone: 'eu-west-1a' },
    PrivateIpAddress: '10.0.0.1',
    PrivateDnsName: null,
    Tags: [],
    Name: 'web',
    Environment: 'Environment' in options ? options.Environment! : 'pr1',
    OwningCluster: 'Checkout',
    Role: 'web',
    AccountName: 'Sandbox',
    AutoScalingGroupName: 'AutoScalingGroupName' in options ? options.AutoScalingGroupName! : 'pr1-co-web',
    LifecycleState: 'LifecycleState' in options ? options.LifecycleState! : 'InService',
    Maintenance: false,
    AgeDays: 0,
    Ami: null,
  };
}

/** A weekday 10:00 in London (summer: 09:00 UTC), and 22:00. */
const DAY = new Date('2026-07-01T09:00:00Z');
const NIGHT = new Date('2026-07-01T21:00:00Z');
const WORKING_DAY = 'Start: 0 8 * * 1-5; Stop: 0 19 * * 1-5 | Europe/London';

describe("what an instance's schedule asks for (GET /instances/schedule-actions)", () => {
  it("follows the instance's own tag, else its ASG's, else its environment's, saying which", () => {
    expect(scheduleActionFor(anInstance(), { instance: 'off', asg: '247', environment: '247' }, DAY)).toEqual(
      {
        action: 'switchOff',
        source: 'instance',
      },
    );
    expect(scheduleActionFor(anInstance(), { asg: WORKING_DAY, environment: 'off' }, NIGHT)).toEqual({
      action: 'switchOff',
      source: 'asg',
    });
    expect(scheduleActionFor(anInstance(), { environment: WORKING_DAY }, DAY)).toEqual({
      action: 'skip',
      reason: SKIP_REASONS.stateIsCorrect,
      source: 'environment',
    });
  });

  it('switches a stopped instance on when its schedule has it on', () => {
    const stopped = anInstance({ state: 'stopped', AutoScalingGroupName: null, LifecycleState: null });
    expect(scheduleActionFor(stopped, { instance: WORKING_DAY }, DAY)).toEqual({
      action: 'switchOn',
      source: 'instance',
    });
  });

  it('skips an instance in maintenance, between states, without an environment, or with NOSCHEDULE', () => {
    const skipped = (i: Instance, schedule = 'off') =>
      scheduleActionFor(i, { instance: schedule }, DAY).reason;
    expect(skipped(anInstance({ LifecycleState: 'Standby' }))).toBe(SKIP_REASONS.maintenanceMode);
    expect(skipped(anInstance({ LifecycleState: 'EnteringStandby' }))).toBe(SKIP_REASONS.maintenanceMode);
    expect(skipped(anInstance({ LifecycleState: 'Pending' }))).toBe(SKIP_REASONS.asgTransitioning);
    expect(skipped(anInstance({ state: 'stopping' }))).toBe(SKIP_REASONS.transitioning);
    expect(skipped(anInstance({ Environment: null }))).toBe(SKIP_REASONS.noEnvironment);
    expect(skipped(anInstance(), 'NOSCHEDULE')).toBe(SKIP_REASONS.explicitNoSchedule);
  });

  it('skips an instance whose schedule does not read, saying why', () => {
    const action = scheduleActionFor(anInstance(), { instance: 'Start: whenever' }, DAY);
    expect(action.action).toBe('skip');
    expect(action.reason).toContain(`${SKIP_REASONS.invalidSchedule} - Error: `);
    expect(action.source).toBe('instance');
  });
});
