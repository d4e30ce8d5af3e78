import type { Cloud } from '../cloud';
import { AwsError } from '../protocol/aws-error';
import type { QueryParams } from '../protocol/query-params';
import type { XmlValue } from '../protocol/xml';
import { matchesFilters, parseFilters } from './ec2-filters';
import { ec2Page } from './ec2-page';

type Action = (params: QueryParams) => XmlValue;

/** The machine images every sandbox account owns (the portal's base images). */
const IMAGES = [
  { imageId: 'ami-0e5b1a2c3d4e5f601', name: 'em-base-2026.09', creationDate: '2026-09-01T08:00:00.000Z' },
  { imageId: 'ami-0e5b1a2c3d4e5f602', name: 'em-base-2026.10', creationDate: '2026-10-01T08:00:00.000Z' },
  { imageId: 'ami-0e5b1a2c3d4e5f603', name: 'em-base-2026.11', creationDate: '2026-11-01T08:00:00.000Z' },
] as const;

/** DescribeAvailabilityZones and DescribeImages over fixed zones and seeded images. */
export function imageActions(cloud: Cloud, zones: readonly string[]): Record<string, Action> {
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
      const missing = ids.find((id) => !IMAGES.some((i) => i.imageId === id));
      if (missing !== undefined) {
        throw new AwsError(
          /^ami-[0-9a-f]{8,17}$/.test(missing) ? 'InvalidAMIID.NotFound' : 'InvalidAMIID.Malformed',
          /^ami-[0-9a-f]{8,17}$/.test(missing)
            ? `The image id '[${missing}]' does not exist`
            : `Invalid id: "${missing}" (expecting "ami-...")`,
        );
      }
      const ownedHere = owners.every((o) => o === 'self' || o === cloud.accountId);
      const filters = parseFilters(params);
      const shown = IMAGES.filter((i) => ownedHere && (!ids.length || ids.includes(i.imageId))).filter((i) =>
        matchesFilters(filters, (name) => {
          if (name === 'image-id') return [i.imageId];
          if (name === 'name') return [i.name];
          if (name === 'owner-id') return [cloud.accountId];
          if (name === 'state') return ['available'];
          return undefined;
        }),
      );
      const page = ec2Page(shown, params, { min: 5, max: 1000 });
      return {
        imagesSet: page.items.map((i) => ({
          imageId: i.imageId,
          imageLocation: `${cloud.accountId}/${i.name}`,
          imageState: 'available',
          imageOwnerId: cloud.accountId,
          creationDate: i.creationDate,
          isPublic: false,
          architecture: 'x86_64',
          imageType: 'machine',
          name: i.name,
          description: `Environment Manager base image ${i.name.slice('em-base-'.length)}`,
          rootDeviceType: 'ebs',
          rootDeviceName: '/dev/xvda',
          virtualizationType: 'hvm',
          hypervisor: 'xen',
          platformDetails: 'Linux/UNIX',
        })),
        nextToken: page.nextToken,
      };
    },
  };
}
