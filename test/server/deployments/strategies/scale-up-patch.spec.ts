import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import type { StepContext } from '../../../../server/deployments/engine/step';
import { scaleOut } from '../../../../server/deployments/strategies/scale-up-patch';
import type { FleetPass } from '../../../../server/fleet/fleet-pass';
import type { GroupChange } from '../../../../server/fleet/auto-scaling';
import { aDeploymentValue } from '../../../fixtures/deployment-value';

/**
 * The scale-out step alone, against a fake FleetPass (an in-memory stand-in that answers one group and
 * records the changes asked of it): what it asks when it runs first, and when it runs again after a
 * crash lost its success.
 */
describe('scale-up patching: scale-out', () => {
  const inputs = {
    originalCapacity: { minSize: 2, maxSize: 4, desiredCapacity: 2 },
    templateId: 'lt-0web',
    originalTemplateVersion: '3',
    oldInstanceIds: ['i-old1', 'i-old2'],
    newTemplateVersion: '4',
  };
  const groupAt = (version: string, desired: number): AutoScalingGroup => ({
    AutoScalingGroupName: 'e1-tm-web',
    LaunchTemplate: { LaunchTemplateId: 'lt-0web', Version: version },
    MinSize: 2,
    MaxSize: 4,
    DesiredCapacity: desired,
    AvailabilityZones: ['eu-west-1a', 'eu-west-1b'],
    LoadBalancerNames: [],
    TargetGroupARNs: [],
    Instances: [],
    SuspendedProcesses: [],
    Tags: [],
    TerminationPolicies: ['Default'],
  });
  const run = async (g: AutoScalingGroup) => {
    const changes: GroupChange[] = [];
    const fleet = {
      group: async () => g,
      updateGroup: async (_name: string, change: GroupChange) => void changes.push(change),
    } as unknown as FleetPass;
    const ctx: StepContext<typeof inputs> = {
      deploymentId: 'd-1',
      deployment: aDeploymentValue(),
      resources: { AutoScalingGroup: 'e1-tm-web' },
      inputs,
      fleet,
      now: 0,
    };
    return { result: await scaleOut.run(ctx), changes };
  };

  it('launches from the new version and doubles the group in one change', async () => {
    const { result, changes } = await run(groupAt('3', 2));
    expect(result.kind).toBe('succeeded');
    expect(changes).toEqual([
      { launchTemplate: { id: 'lt-0web', version: '4' }, maxSize: 4, desiredCapacity: 4 },
    ]);
  });

  it('asks the same again when it runs again before the scale-in (the group doubled already)', async () => {
    const { changes } = await run(groupAt('4', 4));
    expect(changes).toEqual([
      { launchTemplate: { id: 'lt-0web', version: '4' }, maxSize: 4, desiredCapacity: 4 },
    ]);
  });

  it('changes nothing when it runs again after the scale-in began: no second new half', async () => {
    const { result, changes } = await run(groupAt('4', 2));
    expect(changes).toEqual([]);
    expect(result).toEqual(jasmine.objectContaining({ kind: 'succeeded' }));
  });
});
