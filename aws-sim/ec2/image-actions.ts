import type { Cloud } from '../cloud';
import { AwsError } from '../protocol/aws-error';
import type { QueryParams } from '../protocol/query-params';
import type { XmlValue } from '../protocol/xml';
import { matchesFilters, parseFilters, tagFilterValues } from './ec2-filters';
import { ec2Page } from './ec2-page';
import { tagSetXml } from './ec2-tags';
import type { ImageRecord, MachineImages } from './machine-images';

type Action = (params: QueryParams) => XmlValue;

function filterValues(i: ImageRecord, cloud: Cloud, name: string): readonly string[] | undefined {
  switch (name) {
    case 'image-id':
      return [i.imageId];
    case 'name':
      return [i.name];
    case 'description':
      return i.description === undefined ? [] : [i.description];
    case 'owner-id':
      return [cloud.accountId];
    case 'state':
      return ['available'];
    case 'is-public':
      return ['false'];
    case 'platform':
      return i.platform ? [i.platform] : [];
    case 'root-device-name':
      return [i.rootDeviceName];
    case 'block-device-mapping.volume-size':
      return [String(i.rootVolumeSize)];
    case 'block-device-mapping.encrypted':
      return [String(i.encrypted)];
    default:
      return tagFilterValues(name, i.tags);
  }
}

/** An `imagesSet` item as EC2 writes it: tags, platform and the root volume's block device mapping. */
function imageXml(i: ImageRecord, cloud: Cloud): XmlValue {
  return {
    imageId: i.imageId,
    imageLocation: `${cloud.accountId}/${i.name}`,
    imageState: 'available',
    imageOwnerId: cloud.accountId,
    creationDate: i.creationDate,
    isPublic: false,
    architecture: 'x86_64',
    imageType: 'machine',
    platform: i.platform,
    platformDetails: i.platform === 'windows' ? 'Windows' : 'Linux/UNIX',
    usageOperation: i.platform === 'windows' ? 'RunInstances:0002' : 'RunInstances',
    name: i.name,
    description: i.description,
    rootDeviceType: 'ebs',
    rootDeviceName: i.rootDeviceName,
    blockDeviceMapping: [
      {
        deviceName: i.rootDeviceName,
        ebs: {
          deleteOnTermination: true,
          snapshotId: `snap-${i.imageId.slice(4)}`,
          volumeSize: i.rootVolumeSize,
          volumeType: i.rootVolumeType,
          encrypted: i.encrypted,
        },
      },
    ],
    virtualizationType: 'hvm',
    hypervisor: 'xen',
    enaSupport: true,
    tagSet: Object.keys(i.tags).length ? tagSetXml(i.tags) : undefined,
  };
}

/** DescribeAvailabilityZones over fixed zones, and DescribeImages over the account's images. */
export function imageActions(
  cloud: Cloud,
  zones: readonly string[],
  images: MachineImages,
): Record<string, Action> {
  return {
    DescribeAvailabilityZones(params) {
      const names = params.items('ZoneName');
      const unknown = names.find((n) => !zones.includes(n));
      if (unknown !== undefined)
        throw new AwsError('InvalidParameterValue', `Invalid availability zone: [${unknown}]`);
      const filters = parseFilters(params);
      const shown = (names.length ? names : zones).filter((z) =>
        matchesFilters(filters, (name) =>
          name === 'zone-name'
            ? [z]
            : name === 'state'
              ? ['available']
              : name === 'region-name'
                ? [cloud.region]
                : undefined,
        ),
      );
      return {
        availabilityZoneInfo: shown.map((z) => ({
          zoneName: z,
          zoneState: 'available',
          regionName: cloud.region,
          zoneId: `${cloud.region.replace(/-/g, '').slice(0, 4)}-az${zones.indexOf(z) + 1}`,
          zoneType: 'availability-zone',
          optInStatus: 'opt-in-not-required',
          groupName: cloud.region,
          networkBorderGroup: cloud.region,
          messageSet: [],
        })),
      };
    },

    DescribeImages(params) {
      const ids = params.items('ImageId');
      const owners = params.items('Owner');
      // every id must exist (all of them are the account's here), as EC2 refuses an unknown one
      for (const id of ids) images.find(id);
      const ownedHere = owners.every((o) => o === 'self' || o === cloud.accountId);
      const filters = parseFilters(params);
      const shown = images
        .all()
        .filter((i) => ownedHere && (!ids.length || ids.includes(i.imageId)))
        .filter((i) => matchesFilters(filters, (name) => filterValues(i, cloud, name)));
      const page = ec2Page(shown, params, { min: 5, max: 1000 });
      return { imagesSet: page.items.map((i) => imageXml(i, cloud)), nextToken: page.nextToken };
    },
  };
}
