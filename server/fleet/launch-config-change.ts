import type { LaunchConfig, LaunchConfigChange } from '@shared/fleet/launch-config';
import { LaunchUserData } from '@shared/fleet/launch-config';
import { isDeepStrictEqual } from 'node:util';
import { InputError } from '../errors/domain-errors';
import type { RankedImages } from './image-fleet';
import type { InstanceUserData } from './instance-user-data';
import type { LaunchChange, TemplateVersion, TemplateVolume } from './launch-templates';
import { DATA_DEVICE } from './launch-config-view';

/** What a launch config change does to the group's launch template version: nothing when `fields` is empty. */
export interface PlannedLaunchChange {
  readonly launch: LaunchChange;
  readonly payload?: InstanceUserData;
  /** The fields of the body that change something. */
  readonly fields: readonly string[];
}

type FieldError = { field: string; message: string };

/** The image the body names (AMI by name, ImageId by id, both the same one), if it names one. */
function chosenImage(
  body: LaunchConfigChange,
  images: RankedImages,
  errors: FieldError[],
): string | undefined {
  const byName = body.AMI === undefined ? undefined : images.all.find((i) => i.Name === body.AMI);
  if (body.AMI !== undefined && !byName)
    errors.push({ field: 'body.AMI', message: `is not the name of one of the account's images` });
  if (body.ImageId !== undefined && !images.byId.has(body.ImageId))
    errors.push({ field: 'body.ImageId', message: `is not one of the account's images` });
  if (byName && body.ImageId !== undefined && byName.ImageId !== body.ImageId)
    errors.push({ field: 'body.AMI', message: `names ${byName.ImageId}, not ImageId ${body.ImageId}` });
  return byName?.ImageId ?? body.ImageId;
}

/** The new user data, when the text differs from what the version has (it must be this portal's JSON). */
function newUserData(
  body: LaunchConfigChange,
  current: LaunchConfig,
  errors: FieldError[],
): InstanceUserData | undefined {
  if (body.UserData === undefined || body.UserData === current.UserData) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(body.UserData);
  } catch {
    json = undefined;
  }
  const parsed = LaunchUserData.safeParse(json);
  if (parsed.success) return parsed.data;
  errors.push({
    field: 'body.UserData',
    message:
      'must be JSON of the services the instances run: {"services": [{"name", "version"}], "healthPath"?}',
  });
  return undefined;
}

/** The block device mappings for the body's volumes, on the devices the version uses (or the image's root). */
function newVolumes(
  body: LaunchConfigChange,
  current: LaunchConfig,
  version: TemplateVersion,
  rootDevice: string,
): TemplateVolume[] | undefined {
  if (body.Volumes === undefined) return undefined;
  const shown = (vs: readonly { Name: string; Size: number; Type: string }[]) =>
    vs.map(({ Name, Size, Type }) => ({ Name, Size, Type })).sort((a, b) => a.Name.localeCompare(b.Name));
  if (isDeepStrictEqual(shown(body.Volumes), shown(current.Volumes))) return undefined;
  const deviceOf = (name: 'OS' | 'Data') =>
    current.Volumes.find((v) => v.Name === name)?.DeviceName ?? (name === 'OS' ? rootDevice : DATA_DEVICE);
  return body.Volumes.map((v) => {
    const deviceName = deviceOf(v.Name);
    const before = version.volumes.find((x) => x.deviceName === deviceName);
    return {
      deviceName,
      volumeSize: v.Size,
      volumeType: v.Type === 'Disk' ? 'standard' : 'gp3',
      // a data volume is encrypted, as the original made them; the OS volume keeps what it had
      encrypted: v.Name === 'Data' ? true : before?.encrypted,
      deleteOnTermination: true,
    };
  });
}

/**
 * What the body changes of the group's launch configuration (left out or equal: unchanged), or an
 * InputError naming every field that cannot be applied.
 */
export function planLaunchChange(
  body: LaunchConfigChange,
  current: LaunchConfig,
  version: TemplateVersion,
  images: RankedImages,
): PlannedLaunchChange {
  const errors: FieldError[] = [];
  const imageId = chosenImage(body, images, errors);
  const payload = newUserData(body, current, errors);
  if (errors.length) throw new InputError('the launch configuration cannot be changed so', errors);
  const root = images.machine.get(imageId ?? current.ImageId ?? '')?.rootDeviceName ?? '/dev/xvda';
  const volumes = newVolumes(body, current, version, root);
  const sameGroups =
    body.SecurityGroups === undefined ||
    isDeepStrictEqual([...body.SecurityGroups].sort(), [...current.SecurityGroups].sort());
  const launch: LaunchChange = {
    ...(imageId !== undefined && imageId !== current.ImageId ? { imageId } : {}),
    ...(body.InstanceType !== undefined && body.InstanceType !== current.InstanceType
      ? { instanceType: body.InstanceType }
      : {}),
    ...(body.InstanceProfileName !== undefined && body.InstanceProfileName !== current.InstanceProfileName
      ? { instanceProfileName: body.InstanceProfileName }
      : {}),
    ...(sameGroups ? {} : { securityGroupIds: body.SecurityGroups }),
    ...(volumes ? { volumes } : {}),
  };
  const fields = [
    ...(launch.imageId !== undefined ? [body.AMI !== undefined ? 'AMI' : 'ImageId'] : []),
    ...(launch.instanceType !== undefined ? ['InstanceType'] : []),
    ...(launch.instanceProfileName !== undefined ? ['InstanceProfileName'] : []),
    ...(launch.securityGroupIds !== undefined ? ['SecurityGroups'] : []),
    ...(launch.volumes !== undefined ? ['Volumes'] : []),
    ...(payload ? ['UserData'] : []),
  ];
  return { launch, ...(payload ? { payload } : {}), fields };
}
