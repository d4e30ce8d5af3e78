/** What an instance runs, read from its launch template version's user data. */
export interface InstancePayload {
  readonly services: readonly { readonly name: string; readonly version: string }[];
  readonly healthPath?: string;
}

/** A launch template version an instance was launched from. */
export interface TemplateVersionRef {
  readonly templateId: string;
  readonly version: string;
}

/** The key of a template version in the maps the gateway answers with. */
export function templateVersionKey(ref: TemplateVersionRef): string {
  return `${ref.templateId}:${ref.version}`;
}

/** What the fleet views need of EC2 launch templates. */
export interface LaunchTemplateGateway {
  /** The payloads of the versions, keyed by templateVersionKey; versions without a readable payload are left out. */
  payloads(refs: readonly TemplateVersionRef[]): Promise<Map<string, InstancePayload>>;
}
