import type { InstanceUserData } from './instance-user-data';

/** An EBS volume of a launch template version (a block device mapping). */
export interface TemplateVolume {
  readonly deviceName: string;
  readonly volumeSize?: number;
  readonly volumeType?: string;
  readonly encrypted?: boolean;
  readonly deleteOnTermination?: boolean;
}

/** A version of a launch template: its number, what its instances run and what they launch with. */
export interface TemplateVersion {
  readonly templateId: string;
  readonly number: number;
  readonly description?: string;
  readonly imageId?: string;
  readonly instanceType?: string;
  readonly instanceProfile?: { readonly name?: string; readonly arn?: string };
  readonly securityGroupIds: readonly string[];
  /** Security groups by name (EC2-Classic and default VPC style), as given. */
  readonly securityGroups: readonly string[];
  readonly volumes: readonly TemplateVolume[];
  /** The user data as stored (base64). */
  readonly userData?: string;
  /** The services and health path from its user data; undefined when the user data is not ours. */
  readonly payload?: InstanceUserData;
}

/** A launch template version an instance or group refers to (a number, `$Latest` or `$Default`). */
export interface TemplateVersionRef {
  readonly templateId: string;
  readonly version: string;
}

/** The key of a template version in the maps the port answers with. */
export function templateVersionKey(ref: TemplateVersionRef): string {
  return `${ref.templateId}:${ref.version}`;
}

/** What instances launch with, changed in a new version (what is left out stays the source's). */
export interface LaunchChange {
  readonly imageId?: string;
  readonly instanceType?: string;
  readonly instanceProfileName?: string;
  readonly securityGroupIds?: readonly string[];
  readonly volumes?: readonly TemplateVolume[];
}

/** What a new launch template version changes from its source version. */
export interface NewTemplateVersion {
  readonly sourceVersion: number;
  /** The new user data; undefined keeps the source version's. */
  readonly payload?: InstanceUserData;
  readonly launch?: LaunchChange;
  readonly description: string;
  /** Makes the call idempotent: the same token answers the version it created before. */
  readonly clientToken: string;
}

/** A template's moving versions, as numbers. */
export interface TemplateVersionNumbers {
  readonly latest: number;
  readonly default: number;
}

/** EC2 launch templates as the portal uses them (the one port for the fleet views and the engine). */
export interface LaunchTemplates {
  /**
   * The versions asked for, keyed by templateVersionKey of each ref as given (`$Latest` and `$Default`
   * answered under their own ref); refs to versions that do not exist are left out.
   */
  versions(refs: readonly TemplateVersionRef[]): Promise<Map<string, TemplateVersion>>;
  /** The `$Latest` and `$Default` numbers of templates, by template id (in one call); unknown ids left out. */
  versionNumbers(templateIds: readonly string[]): Promise<Map<string, TemplateVersionNumbers>>;
  /** Creates a version from a source version with new user data and launch settings; answers its number. */
  createVersion(templateId: string, version: NewTemplateVersion): Promise<number>;
}
