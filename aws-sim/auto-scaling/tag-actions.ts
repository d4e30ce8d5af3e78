import type { Cloud } from '../cloud';
import { AwsError } from '../protocol/aws-error';
import type { QueryParams } from '../protocol/query-params';
import type { ActionHandlers } from './action-handler';
import type { AutoScalingStore } from './auto-scaling-store';
import { tagView } from './group-view';
import { recordPage } from './record-page';

/** A tag as given in `Tags.member.N`. */
export interface TagInput {
  readonly resourceId: string;
  readonly key: string;
  readonly value: string;
  readonly propagateAtLaunch: boolean;
}

/** `Tags.member.N.*`; a tag without a ResourceId belongs to `defaultGroup` (as in CreateAutoScalingGroup). */
export function readTags(params: QueryParams, defaultGroup?: string): TagInput[] {
  return params.memberStructs('Tags').map((t) => {
    const key = t.get('Key');
    if (!key)
      throw new AwsError(
        'ValidationError',
        "1 validation error detected: Value null at 'tags.member.key' failed to satisfy constraint: Member must not be null",
      );
    const type = t.get('ResourceType') ?? 'auto-scaling-group';
    if (type !== 'auto-scaling-group')
      throw new AwsError(
        'ValidationError',
        `Invalid resource type ${type}. Valid resource type is auto-scaling-group.`,
      );
    return {
      resourceId: t.get('ResourceId') ?? defaultGroup ?? '',
      key,
      value: t.get('Value') ?? '',
      propagateAtLaunch: t.bool('PropagateAtLaunch') ?? false,
    };
  });
}

const FILTERS = ['auto-scaling-group', 'key', 'value', 'propagate-at-launch'];

/** CreateOrUpdateTags, DeleteTags, DescribeTags. */
export function tagActions(cloud: Cloud, store: AutoScalingStore): ActionHandlers {
  const groupOf = (name: string) => {
    const g = store.groups.get(name);
    if (!g)
      throw new AwsError(
        'ValidationError',
        `AutoScalingGroup not found - AutoScaling Group ${name} not found`,
      );
    return g;
  };
  return {
    CreateOrUpdateTags(p) {
      const tags = readTags(p);
      for (const t of tags) groupOf(t.resourceId);
      for (const t of tags) {
        const g = groupOf(t.resourceId);
        const entry = { key: t.key, value: t.value, propagateAtLaunch: t.propagateAtLaunch };
        const at = g.tags.findIndex((x) => x.key === t.key);
        if (at >= 0) g.tags[at] = entry;
        else g.tags.push(entry);
      }
      cloud.changed();
      return undefined;
    },

    DeleteTags(p) {
      const tags = readTags(p);
      for (const t of tags) groupOf(t.resourceId);
      for (const t of tags) {
        const g = groupOf(t.resourceId);
        g.tags = g.tags.filter((x) => x.key !== t.key);
      }
      cloud.changed();
      return undefined;
    },

    DescribeTags(p) {
      const filters = p.memberStructs('Filters').map((f) => {
        const name = f.get('Name') ?? '';
        if (!FILTERS.includes(name))
          throw new AwsError(
            'ValidationError',
            `Filter type ${name} is not correct. Allowed Filter types are: ${FILTERS.join(' ')}`,
          );
        return { name, values: f.members('Values') };
      });
      const all = [...store.groups.values()]
        .sort((a, b) => a.name.localeCompare(b.name))
        .flatMap((g) => g.tags.map((t) => ({ g, t })))
        .filter(({ g, t }) =>
          filters.every(({ name, values }) => {
            const v =
              name === 'auto-scaling-group'
                ? g.name
                : name === 'key'
                  ? t.key
                  : name === 'value'
                    ? t.value
                    : String(t.propagateAtLaunch);
            return values.includes(v);
          }),
        );
      const { page, nextToken } = recordPage(all, p.int('MaxRecords'), p.get('NextToken'));
      return { Tags: page.map(({ g, t }) => tagView(g, t)), NextToken: nextToken };
    },
  };
}
