import type { QueryParams } from '../protocol/query-params';
import type { XmlValue } from '../protocol/xml';
import { parseTags, tagSetXml } from './ec2-tags';
import {
  latestVersion,
  type LaunchTemplateRecord,
  type TemplateData,
  type TemplateVersion,
} from './launch-template-record';

/** Reads `LaunchTemplateData.*` (only what aws-sim uses: image, type, user data, tag specifications). */
export function parseTemplateData(params: QueryParams): TemplateData {
  const d = params.sub('LaunchTemplateData');
  return {
    imageId: d.get('ImageId'),
    instanceType: d.get('InstanceType'),
    userData: d.get('UserData'),
    tagSpecifications: d.itemStructs('TagSpecification').map((s) => ({
      resourceType: s.get('ResourceType') ?? 'instance',
      tags: parseTags(s),
    })),
  };
}

/** A `launchTemplate` element. */
export function launchTemplateXml(t: LaunchTemplateRecord, createdBy: string): XmlValue {
  return {
    launchTemplateId: t.id,
    launchTemplateName: t.name,
    createTime: t.createTime,
    createdBy,
    defaultVersionNumber: t.defaultVersion,
    latestVersionNumber: latestVersion(t),
    tagSet: Object.keys(t.tags).length ? tagSetXml(t.tags) : undefined,
  };
}

/** A `launchTemplateVersion` element with its data. */
export function templateVersionXml(t: LaunchTemplateRecord, v: TemplateVersion, createdBy: string): XmlValue {
  return {
    launchTemplateId: t.id,
    launchTemplateName: t.name,
    versionNumber: v.versionNumber,
    versionDescription: v.description,
    createTime: v.createTime,
    createdBy,
    defaultVersion: v.versionNumber === t.defaultVersion,
    launchTemplateData: {
      imageId: v.data.imageId,
      instanceType: v.data.instanceType,
      userData: v.data.userData,
      tagSpecificationSet: v.data.tagSpecifications.length
        ? v.data.tagSpecifications.map((s) => ({ resourceType: s.resourceType, tagSet: tagSetXml(s.tags) }))
        : undefined,
    },
  };
}
