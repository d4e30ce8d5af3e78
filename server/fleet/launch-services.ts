import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import type { FleetPass } from './fleet-pass';
import type { InstanceUserData } from './instance-user-data';

/** The services an ASG launches new instances with. */
export type LaunchServices = readonly InstanceUserData['services'][number][];

/**
 * What each group launches new instances with, by group name: the services of its launch template
 * version (`$Default` when the group names none); none for a version whose user data is not ours.
 */
export async function launchServices(
  pass: FleetPass,
  groups: readonly AutoScalingGroup[],
): Promise<Map<string, LaunchServices>> {
  const out = new Map<string, LaunchServices>();
  await Promise.all(
    groups.map(async (g) => {
      const lt = g.LaunchTemplate;
      if (!lt?.LaunchTemplateId) return;
      const version = await pass.templateVersion({
        templateId: lt.LaunchTemplateId,
        version: lt.Version ?? '$Default',
      });
      out.set(g.AutoScalingGroupName, version?.payload?.services ?? []);
    }),
  );
  return out;
}
