import { z } from 'zod';
import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import { SliceOrNone } from '@shared/fleet/slice-name';
import type { RoleLayout } from './environment-layout';
import { templateVersionKey, type TemplateVersion, type TemplateVersionRef } from './launch-templates';

/** A service an ASG is set to run: what the original kept as a target state key in Consul. */
const TargetService = z.object({
  Name: z.string(),
  Version: z.string(),
  Slice: SliceOrNone,
  Action: z.literal('Install').describe('what the original told its agents; here always what runs'),
  AutoScalingGroup: z.string(),
  LaunchTemplate: z.object({ LaunchTemplateId: z.string(), Version: z.number().int() }),
});

/**
 * The original's target state of an environment (`{EnvironmentName, Value: [{Role, Services}]}`), read from
 * each ASG's launch template version: the services and versions its new instances boot with.
 */
export const TargetState = z
  .object({
    EnvironmentName: z.string(),
    Value: z.array(z.object({ Role: z.string(), Services: z.array(TargetService) })),
  })
  .meta({ id: 'TargetState' });
export type TargetState = z.infer<typeof TargetState>;

/** The launch template version a group launches from, when it names one by id. */
export function groupTemplateRef(group: AutoScalingGroup): TemplateVersionRef | undefined {
  const lt = group.LaunchTemplate;
  return lt?.LaunchTemplateId
    ? { templateId: lt.LaunchTemplateId, version: lt.Version ?? '$Default' }
    : undefined;
}

/** The target state of the roles, from their groups (those that exist) and the template versions read. */
export function targetStateView(
  environment: string,
  roles: readonly RoleLayout[],
  groups: ReadonlyMap<string, AutoScalingGroup>,
  versions: ReadonlyMap<string, TemplateVersion>,
): TargetState {
  return {
    EnvironmentName: environment,
    Value: roles.map((role) => ({
      Role: role.role,
      Services: role.groups.flatMap((expected) => {
        const group = groups.get(expected.name);
        const ref = group && groupTemplateRef(group);
        const version = ref && versions.get(templateVersionKey(ref));
        if (!version?.payload) return [];
        return version.payload.services.map((s) => ({
          Name: s.name,
          Version: s.version,
          Slice: expected.slice ?? 'none',
          Action: 'Install' as const,
          AutoScalingGroup: expected.name,
          LaunchTemplate: { LaunchTemplateId: version.templateId, Version: version.number },
        }));
      }),
    })),
  };
}
