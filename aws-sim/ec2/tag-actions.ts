import type { InstanceFleet } from '../instances/instance-fleet';
import { AwsError } from '../protocol/aws-error';
import type { QueryParams } from '../protocol/query-params';
import type { XmlValue } from '../protocol/xml';
import { parseTags } from './ec2-tags';
import { findInstances } from './instance-actions';
import type { MachineImages } from './machine-images';

type Action = (params: QueryParams) => XmlValue;

/** `ResourceId.N`: instances and images carry tags here, so any other kind of id is refused. */
function resourceIds(params: QueryParams): { instances: string[]; images: string[] } {
  const ids = params.items('ResourceId');
  if (!ids.length)
    throw new AwsError('MissingParameter', 'The request must contain the parameter ResourceId');
  const other = ids.find((id) => !id.startsWith('i-') && !id.startsWith('ami-'));
  if (other !== undefined) throw new AwsError('InvalidID', `The ID '${other}' is not valid`);
  return {
    instances: ids.filter((id) => id.startsWith('i-')),
    images: ids.filter((id) => id.startsWith('ami-')),
  };
}

/** CreateTags and DeleteTags on instances and images; every id is checked before anything is tagged. */
export function tagActions(fleet: InstanceFleet, images: MachineImages): Record<string, Action> {
  return {
    CreateTags(params) {
      const ids = resourceIds(params);
      const tags = parseTags(params);
      if (!Object.keys(tags).length)
        throw new AwsError('MissingParameter', 'The request must contain the parameter Tag');
      const instances = findInstances(fleet, ids.instances);
      for (const id of ids.images) images.find(id);
      for (const r of instances) fleet.tag(r.instance.instanceId, tags);
      for (const id of ids.images) images.tag(id, tags);
      return { return: true };
    },

    DeleteTags(params) {
      const ids = resourceIds(params);
      const tags: Record<string, string | undefined> = {};
      for (const t of params.itemStructs('Tag')) {
        const key = t.get('Key');
        if (key !== undefined) tags[key] = t.get('Value');
      }
      const instances = findInstances(fleet, ids.instances);
      for (const id of ids.images) images.find(id);
      for (const r of instances) fleet.untag(r.instance.instanceId, tags);
      for (const id of ids.images) images.untag(id, tags);
      return { return: true };
    },
  };
}
