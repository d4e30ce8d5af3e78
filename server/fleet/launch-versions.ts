import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import type { FleetPass } from './fleet-pass';
import {
  templateVersionKey,
  type LaunchTemplates,
  type TemplateVersion,
  type TemplateVersionRef,
} from './launch-templates';

/**
 * The launch template version each group launches new instances with, by group name (groups without a
 * launch template, or whose version is gone, are left out). A group naming `$Latest` or `$Default` (or
 * none: `$Default`) has it resolved to its number in one DescribeLaunchTemplates for all of them, so the
 * version itself comes from the process's cache of numbered versions.
 */
export async function launchVersions(
  pass: FleetPass,
  launchTemplates: LaunchTemplates,
  groups: readonly AutoScalingGroup[],
): Promise<Map<string, TemplateVersion>> {
  const withTemplate = groups.flatMap((g) => {
    const id = g.LaunchTemplate?.LaunchTemplateId;
    return id
      ? [{ group: g.AutoScalingGroupName, templateId: id, version: g.LaunchTemplate?.Version ?? '$Default' }]
      : [];
  });
  const symbolic = withTemplate.filter((g) => g.version.startsWith('$')).map((g) => g.templateId);
  const numbers = symbolic.length ? await launchTemplates.versionNumbers(symbolic) : new Map();
  const refs = new Map<string, TemplateVersionRef>();
  for (const g of withTemplate) {
    const n = numbers.get(g.templateId);
    const version = g.version === '$Latest' ? n?.latest : g.version === '$Default' ? n?.default : g.version;
    if (version !== undefined) refs.set(g.group, { templateId: g.templateId, version: String(version) });
  }
  const versions = await pass.templateVersions([...refs.values()]);
  const out = new Map<string, TemplateVersion>();
  for (const [group, ref] of refs) {
    const v = versions.get(templateVersionKey(ref));
    if (v) out.set(group, v);
  }
  return out;
}
