import type { LaunchConfig, LaunchVolume } from '@shared/fleet/launch-config';
import type { RankedImages } from './image-fleet';
import type { TemplateVersion, TemplateVolume } from './launch-templates';

/** The device a new Data volume goes on when the version has none. */
export const DATA_DEVICE = '/dev/xvdb';

/** The original's volume type of an EBS volume type: `standard` is a magnetic Disk, the rest SSD. */
export function volumeTypeName(volumeType: string | undefined): LaunchVolume['Type'] {
  return volumeType === 'standard' ? 'Disk' : 'SSD';
}

/** The OS volume is the one on the image's root device (the first volume when the image is unknown). */
function isOsVolume(v: TemplateVolume, index: number, rootDevice: string | undefined): boolean {
  return rootDevice === undefined ? index === 0 : v.deviceName === rootDevice;
}

/** The version's volumes in the original's words (volumes without a size are not shown). */
export function launchVolumes(
  version: TemplateVersion,
  rootDevice: string | undefined,
): LaunchConfig['Volumes'] {
  return version.volumes.flatMap((v, i) =>
    v.volumeSize === undefined
      ? []
      : [
          {
            Name: isOsVolume(v, i, rootDevice) ? ('OS' as const) : ('Data' as const),
            Size: v.volumeSize,
            Type: volumeTypeName(v.volumeType),
            DeviceName: v.deviceName,
          },
        ],
  );
}

/** What a group's new instances launch with, from its launch template version, as `GET launch-config` answers. */
export function launchConfigView(
  group: string,
  version: TemplateVersion,
  images: RankedImages,
): LaunchConfig {
  const image = version.imageId === undefined ? undefined : images.byId.get(version.imageId);
  const root =
    version.imageId === undefined ? undefined : images.machine.get(version.imageId)?.rootDeviceName;
  return {
    AMI: image?.Name ?? null,
    ImageId: version.imageId ?? null,
    InstanceProfileName: version.instanceProfile?.name ?? version.instanceProfile?.arn ?? null,
    InstanceType: version.instanceType ?? null,
    SecurityGroups: [...version.securityGroupIds, ...version.securityGroups],
    UserData: version.userData ? Buffer.from(version.userData, 'base64').toString('utf8') : '',
    Volumes: launchVolumes(version, root),
    AutoScalingGroupName: group,
    LaunchTemplate: { LaunchTemplateId: version.templateId, Version: String(version.number) },
    DecodedUserData: version.payload
      ? {
          services: version.payload.services.map((s) => ({ name: s.name, version: s.version })),
          ...(version.payload.healthPath !== undefined ? { healthPath: version.payload.healthPath } : {}),
        }
      : null,
  };
}
