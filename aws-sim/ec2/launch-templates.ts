import { z } from 'zod';
import type { Cloud, LaunchTemplateRef } from '../cloud';
import { AwsError } from '../protocol/aws-error';
import {
  latestVersion,
  LaunchTemplateRecord,
  type TemplateData,
  type TemplateVersion,
} from './launch-template-record';

/** How a request names a launch template: by id or by name (exactly one of them). */
export interface TemplateKey {
  readonly id?: string;
  readonly name?: string;
}

const NAME = /^[a-zA-Z0-9().\-/_]{3,128}$/;
const ID = /^lt-[0-9a-f]{17}$/;

/** The launch templates of the region and their versions, with EC2's rules and errors. */
export class LaunchTemplates {
  private readonly byId = new Map<string, LaunchTemplateRecord>();

  constructor(private readonly cloud: Cloud) {}

  /** Creates a template with its version 1 (the default). */
  create(name: string, data: TemplateData, description: string | undefined, tags: Record<string, string>) {
    if (!NAME.test(name)) {
      throw new AwsError(
        'InvalidLaunchTemplateName.MalformedException',
        'A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.',
      );
    }
    if (this.all().some((t) => t.name === name))
      throw new AwsError(
        'InvalidLaunchTemplateName.AlreadyExistsException',
        'Launch template name already in use.',
      );
    const now = new Date().toISOString();
    const template: LaunchTemplateRecord = {
      id: this.cloud.newId('lt'),
      name,
      createTime: now,
      defaultVersion: 1,
      tags,
      versions: [{ versionNumber: 1, description, createTime: now, data }],
    };
    this.byId.set(template.id, template);
    this.cloud.changed();
    return template;
  }

  /**
   * Adds a version: the source version's data (if any) overridden by the given data. A request with a
   * ClientToken is made once: its retry with the same parameters gets the version it made, and the token
   * with other parameters is refused, as EC2 documents idempotency.
   */
  createVersion(
    key: TemplateKey,
    data: Partial<TemplateData>,
    sourceVersion: string | undefined,
    description: string | undefined,
    request?: { readonly clientToken: string; readonly parameters: string },
  ): { template: LaunchTemplateRecord; version: TemplateVersion } {
    const earlier = request && this.madeBy(request.clientToken);
    if (earlier) {
      if (earlier.version.requestParameters !== request.parameters)
        throw new AwsError(
          'IdempotentParameterMismatch',
          'Arguments on this idempotent request are inconsistent with arguments used in previous request(s).',
        );
      return earlier;
    }
    const template = this.find(key);
    const base: TemplateData =
      sourceVersion === undefined ? { tagSpecifications: [] } : this.version(template, sourceVersion).data;
    const merged: TemplateData = {
      imageId: data.imageId ?? base.imageId,
      instanceType: data.instanceType ?? base.instanceType,
      userData: data.userData ?? base.userData,
      tagSpecifications: data.tagSpecifications?.length ? data.tagSpecifications : base.tagSpecifications,
      // what the request gives replaces the source's (a list as a whole), as EC2 merges a new version
      iamInstanceProfile: data.iamInstanceProfile ?? base.iamInstanceProfile,
      securityGroupIds: data.securityGroupIds ?? base.securityGroupIds,
      securityGroups: data.securityGroups ?? base.securityGroups,
      blockDeviceMappings: data.blockDeviceMappings ?? base.blockDeviceMappings,
    };
    const version: TemplateVersion = {
      versionNumber: latestVersion(template) + 1,
      description,
      createTime: new Date().toISOString(),
      data: merged,
      clientToken: request?.clientToken,
      requestParameters: request?.parameters,
    };
    template.versions.push(version);
    this.cloud.changed();
    return { template, version };
  }

  /** The version a request with this ClientToken made, if any. */
  private madeBy(
    clientToken: string,
  ): { template: LaunchTemplateRecord; version: TemplateVersion } | undefined {
    for (const template of this.byId.values()) {
      const version = template.versions.find((v) => v.clientToken === clientToken);
      if (version) return { template, version };
    }
    return undefined;
  }

  /** Makes a version the default. */
  setDefault(key: TemplateKey, version: string): LaunchTemplateRecord {
    const template = this.find(key);
    template.defaultVersion = this.version(template, version).versionNumber;
    this.cloud.changed();
    return template;
  }

  /** Deletes a template and all its versions. */
  delete(key: TemplateKey): LaunchTemplateRecord {
    const template = this.find(key);
    this.byId.delete(template.id);
    this.cloud.changed();
    return template;
  }

  /** Every template, oldest first. */
  all(): LaunchTemplateRecord[] {
    return [...this.byId.values()];
  }

  /** A template by id or name, or the error EC2 gives for that kind of key. */
  find(key: TemplateKey): LaunchTemplateRecord {
    if (key.id !== undefined) {
      if (!ID.test(key.id)) {
        throw new AwsError(
          'InvalidLaunchTemplateId.Malformed',
          `The specified ID for the launch template (${key.id}) is not valid. Make sure to specify the ID in the form lt-xxxxxxxxxxxxxxxxx.`,
        );
      }
      const t = this.byId.get(key.id);
      if (!t)
        throw new AwsError(
          'InvalidLaunchTemplateId.NotFound',
          `The specified launch template, with template ID ${key.id}, does not exist.`,
        );
      return t;
    }
    if (key.name !== undefined) {
      const t = this.all().find((x) => x.name === key.name);
      if (!t)
        throw new AwsError(
          'InvalidLaunchTemplateName.NotFoundException',
          `The specified launch template, with template name ${key.name}, does not exist.`,
        );
      return t;
    }
    throw new AwsError(
      'MissingParameter',
      'The request must include either the launch template ID or the launch template name.',
    );
  }

  /** A version of a template by number, `$Latest` or `$Default`. */
  version(template: LaunchTemplateRecord, spec: string): TemplateVersion {
    const number =
      spec === '$Latest'
        ? latestVersion(template)
        : spec === '$Default'
          ? template.defaultVersion
          : Number(spec);
    if (!Number.isInteger(number) || number < 1) {
      throw new AwsError(
        'InvalidParameterValue',
        `The launch template version '${spec}' is not valid. Specify a version number, $Latest or $Default.`,
      );
    }
    const v = template.versions.find((x) => x.versionNumber === number);
    if (!v) {
      throw new AwsError(
        'InvalidLaunchTemplateId.VersionNotFound',
        `Could not find the specified version ${spec} for the launch template with ID ${template.id}.`,
      );
    }
    return v;
  }

  /** Resolves a reference to a concrete version (for Auto Scaling and instance launches). */
  resolve(ref: { id?: string; name?: string; version?: string }): LaunchTemplateRef {
    const template = this.find({ id: ref.id, name: ref.id === undefined ? ref.name : undefined });
    const v = this.version(template, ref.version ?? '$Default');
    return { launchTemplateId: template.id, launchTemplateName: template.name, version: v.versionNumber };
  }

  /** The data of a resolved version, if the template and version still exist. */
  data(ref: LaunchTemplateRef): TemplateData | undefined {
    return this.byId.get(ref.launchTemplateId)?.versions.find((v) => v.versionNumber === ref.version)?.data;
  }

  /** Who created templates, as EC2 reports it. */
  createdBy(): string {
    return `arn:aws:iam::${this.cloud.accountId}:root`;
  }

  /** The templates to save. */
  snapshot(): LaunchTemplateRecord[] {
    return this.all();
  }

  /** Replaces the templates with saved ones (parsed, so a corrupt file fails loudly). */
  restore(data: unknown): void {
    this.byId.clear();
    for (const t of z.array(LaunchTemplateRecord).parse(data)) this.byId.set(t.id, t);
  }
}
