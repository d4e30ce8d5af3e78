import type { Cloud } from '../cloud';
import type { InstanceFleet } from '../instances/instance-fleet';
import { STATE_CODES, type InstanceRecord } from '../instances/instance-record';
import { AwsError } from '../protocol/aws-error';
import type { QueryParams } from '../protocol/query-params';
import type { XmlValue } from '../protocol/xml';
import { matchesFilters, parseFilters, tagFilterValues } from './ec2-filters';
import { ec2Page } from './ec2-page';
import { instanceStateXml, reservationXml } from './instance-shapes';

type Action = (params: QueryParams) => XmlValue | Promise<XmlValue>;

const INSTANCE_ID = /^i-([0-9a-f]{8}|[0-9a-f]{17})$/;

/** The instances named by ids, or EC2's Malformed / NotFound error (all unknown ids in one message). */
export function findInstances(fleet: InstanceFleet, ids: readonly string[]): InstanceRecord[] {
  const malformed = ids.find((id) => !INSTANCE_ID.test(id));
  if (malformed !== undefined)
    throw new AwsError('InvalidInstanceID.Malformed', `Invalid id: "${malformed}"`);
  const missing = ids.filter((id) => !fleet.record(id));
  if (missing.length === 1)
    throw new AwsError('InvalidInstanceID.NotFound', `The instance ID '${missing[0]}' does not exist`);
  if (missing.length > 1)
    throw new AwsError('InvalidInstanceID.NotFound', `The instance IDs '${missing.join(', ')}' do not exist`);
  return [...new Set(ids)].map((id) => fleet.record(id)!);
}

function filterValues(r: InstanceRecord, name: string): readonly string[] | undefined {
  const i = r.instance;
  switch (name) {
    case 'instance-id':
      return [i.instanceId];
    case 'instance-state-name':
      return [i.state];
    case 'instance-state-code':
      return [String(STATE_CODES[i.state])];
    case 'availability-zone':
      return [i.availabilityZone];
    case 'image-id':
      return [i.imageId];
    case 'instance-type':
      return [i.instanceType];
    case 'private-ip-address':
      return [i.privateIpAddress];
    case 'reservation-id':
      return [r.reservationId];
    default:
      return tagFilterValues(name, i.tags);
  }
}

/** The instance actions of EC2: describe and terminate (tags: tag-actions.ts). */
export function instanceActions(fleet: InstanceFleet, cloud: Cloud): Record<string, Action> {
  return {
    DescribeInstances(params) {
      const ids = params.items('InstanceId');
      if (ids.length && params.get('MaxResults') !== undefined) {
        throw new AwsError(
          'InvalidParameterCombination',
          'The parameter instancesSet cannot be used with the parameter maxResults',
        );
      }
      const filters = parseFilters(params);
      const found = (ids.length ? findInstances(fleet, ids) : fleet.all()).filter((r) =>
        matchesFilters(filters, (name) => filterValues(r, name)),
      );
      const page = ec2Page(found, params, { min: 5, max: 1000 });
      return { reservationSet: page.items.map((r) => reservationXml(r, cloud)), nextToken: page.nextToken };
    },

    async TerminateInstances(params) {
      const ids = params.items('InstanceId');
      if (!ids.length)
        throw new AwsError('MissingParameter', 'The request must contain the parameter InstanceId');
      const changes = findInstances(fleet, ids).map((r) => {
        const previous = r.instance.state;
        fleet.terminate(r.instance.instanceId);
        return {
          instanceId: r.instance.instanceId,
          currentState: instanceStateXml(r.instance.state),
          previousState: instanceStateXml(previous),
        };
      });
      // as on EC2, a shutting-down instance takes no new connections once the call has answered
      await fleet.settled();
      return { instancesSet: changes };
    },
  };
}
