import type { InstanceUserData } from './instance-user-data';

/** A version of a launch template: its number and what its instances run. */
export interface TemplateVersion {
  readonly templateId: string;
  readonly number: number;
  readonly description?: string;
  readonly imageId?: string;
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

/** What a new launch template version changes from its source version. */
export interface NewTemplateVersion {
  readonly sourceVersion: number;
  readonly payload: InstanceUserData;
  readonly description: string;
  /** Makes the call idempotent: the same token answers the version it created before. */
  readonly clientToken: string;
}

/** EC2 launch templates as the portal uses them (the one port for the fleet views and the engine). */
export interface LaunchTemplates {
  /**
   * The versions asked for, keyed by templateVersionKey of each ref as given (`$Latest` and `$Default`
   * answered under their own ref); refs to versions that do not exist are left out.
   */
  versions(refs: readonly TemplateVersionRef[]): Promise<Map<string, TemplateVersion>>;
  /** Creates a version from a source version with new user data; answers its number. */
  createVersion(templateId: string, version: NewTemplateVersion): Promise<number>;
}
