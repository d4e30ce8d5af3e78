import { AwsError } from '../protocol/aws-error';
import type { ActionHandlers, Elbv2Context } from './elbv2-context';
import { tagParams } from './tag-params';

/** AddTags, RemoveTags and DescribeTags over load balancers, target groups, listeners and rules. */
export function tagActions(ctx: Elbv2Context): ActionHandlers {
  const { store, cloud } = ctx;
  const tagged = (arn: string): { tags: Record<string, string> } => {
    if (arn.includes(':loadbalancer/')) return store.loadBalancer(arn);
    if (arn.includes(':targetgroup/')) return store.targetGroup(arn);
    if (arn.includes(':listener-rule/')) return store.rule(arn).rule;
    if (arn.includes(':listener/')) return store.listener(arn);
    throw new AwsError('ValidationError', `'${arn}' is not a valid Elastic Load Balancing resource ARN`);
  };
  return {
    AddTags(params) {
      const resources = params.members('ResourceArns').map(tagged);
      const tags = tagParams(params);
      for (const r of resources) {
        if (Object.keys({ ...r.tags, ...tags }).length > 50)
          throw new AwsError(
            'TooManyTags',
            'You have reached the limit on the number of tags for this resource',
          );
      }
      for (const r of resources) Object.assign(r.tags, tags);
      cloud.changed();
      return {};
    },

    RemoveTags(params) {
      const resources = params.members('ResourceArns').map(tagged);
      const keys = params.members('TagKeys');
      for (const r of resources) for (const k of keys) delete r.tags[k];
      cloud.changed();
      return {};
    },

    DescribeTags(params) {
      const arns = params.members('ResourceArns');
      return {
        TagDescriptions: arns.map((arn) => ({
          ResourceArn: arn,
          Tags: Object.entries(tagged(arn).tags).map(([Key, Value]) => ({ Key, Value })),
        })),
      };
    },
  };
}
