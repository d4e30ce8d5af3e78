import type { QueryParams } from '../protocol/query-params';
import type { XmlValue } from '../protocol/xml';
import { parseTags, tagSetXml } from './ec2-tags';
import {
  latestVersion,
  type LaunchTemplateRecord,
  type TemplateData,
  type TemplateVersion,
} from './launch-template-record';

/** Reads `LaunchTemplateData.*` (what aws-sim keeps; lists and the profile only when given). */
export function parseTemplateData(params: QueryParams): TemplateData {
  const d = params.sub('LaunchTemplateData');
  const profile = d.sub('IamInstanceProfile');
  return {
    imageId: d.get('ImageId'),
    instanceType: d.get('InstanceType'),
    userData: d.get('UserData'),
    tagSpecifications: d.itemStructs('TagSpecification').map((s) => ({
      resourceType: s.get('ResourceType') ?? 'instance',
      tags: parseTags(s),
    })),
    ...(d.has('IamInstanceProfile')
      ? { iamInstanceProfile: { name: profile.get('Name'), arn: profile.get('Arn') } }
      : {}),
    ...(d.has('SecurityGroupId') ? { securityGroupIds: d.items('SecurityGroupId') } : {}),
    ...(d.has('SecurityGroup') ? { securityGroups: d.items('SecurityGroup') } : {}),
    ...(d.has('BlockDeviceMapping')
      ? {
          blockDeviceMappings: d.itemStructs('BlockDeviceMapping').map((b) => {
            const ebs = b.sub('Ebs');
            return {
              deviceName: b.required('DeviceName', 'MissingParameter'),
              ...(b.has('Ebs')
                ? {
                    ebs: {
                      volumeSize: ebs.int('VolumeSize'),
                      volumeType: ebs.get('VolumeType'),
                      encrypted: ebs.bool('Encrypted'),
                      deleteOnTermination: ebs.bool('DeleteOnTermination'),
                    },
                  }
                : {}),
            };
          }),
        }
      : {}),
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
      iamInstanceProfile: v.data.iamInstanceProfile,
      securityGroupIdSet: v.data.securityGroupIds,
      securityGroupSet: v.data.securityGroups,
      blockDeviceMappingSet: v.data.blockDeviceMappings,
      tagSpecificationSet: v.data.tagSpecifications.length
        ? v.data.tagSpecifications.map((s) => ({ resourceType: s.resourceType, tagSet: tagSetXml(s.tags) }))
        : undefined,
    },
  };
}
