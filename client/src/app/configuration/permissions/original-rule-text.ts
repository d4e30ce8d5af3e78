import type { OriginalRule } from '@shared/auth/permission';

/** The note shown beside the original's rules wherever a permission record holds them. */
export const originalRulesNote =
  'Rules from the original Environment Manager grant nothing here: replace them with grants.';

function scopeText(scope: string | readonly string[]): string {
  return typeof scope === 'string' ? scope : scope.join(', ') || 'none';
}

/** A rule of the original in words, as it wrote it (`POST /config/services/** on clusters rubik`). */
export function originalRuleText(rule: OriginalRule): string {
  const parts: string[] = [];
  if (rule.Resource !== undefined) parts.push(`${rule.Access ?? ''} ${rule.Resource}`.trim());
  if (rule.Clusters !== undefined) parts.push(`on clusters ${scopeText(rule.Clusters)}`);
  if (rule.EnvironmentTypes !== undefined)
    parts.push(`on environment types ${scopeText(rule.EnvironmentTypes)}`);
  if (rule.Cluster !== undefined) parts.push(`cluster ${rule.Cluster}`);
  if (rule.EnvironmentType !== undefined) parts.push(`environment type ${rule.EnvironmentType}`);
  return parts.join(', ');
}
