import { AwsError } from '../protocol/aws-error';
import type { QueryParams } from '../protocol/query-params';
import type { XmlValue } from '../protocol/xml';
import type { ActionRecord, WeightedTargetGroup } from './elbv2-model';
import type { Elbv2Store } from './elbv2-store';

function validation(message: string): AwsError {
  return new AwsError('ValidationError', message);
}

function forwardTargets(a: QueryParams, store: Elbv2Store): WeightedTargetGroup[] {
  const single = a.get('TargetGroupArn');
  const weighted = a.memberStructs('ForwardConfig.TargetGroups').map((g) => {
    const weight = g.int('Weight') ?? 1;
    if (weight < 0 || weight > 999)
      throw validation(`Target group weight '${weight}' must be between 0 and 999`);
    return { targetGroupArn: g.required('TargetGroupArn'), weight };
  });
  if (!single && !weighted.length)
    throw validation('A target group ARN or a forward config must be specified for a forward action');
  if (single && weighted.length && !(weighted.length === 1 && weighted[0]!.targetGroupArn === single))
    throw validation(
      'You cannot specify a target group ARN and a different forward config in the same action',
    );
  if (weighted.length > 5)
    throw new AwsError('TooManyTargetGroups', 'A forward action can have at most 5 target groups');
  const groups = weighted.length ? weighted : [{ targetGroupArn: single!, weight: 1 }];
  if (new Set(groups.map((g) => g.targetGroupArn)).size !== groups.length)
    throw validation('A target group can appear only once in a forward config');
  for (const g of groups) store.targetGroup(g.targetGroupArn);
  return groups;
}

/**
 * The actions of a listener or rule (`DefaultActions.member.N...` or `Actions.member.N...`): `forward`,
 * by `TargetGroupArn` or `ForwardConfig.TargetGroups` with weights, and `fixed-response`.
 */
export function listenerActionParams(params: QueryParams, prefix: string, store: Elbv2Store): ActionRecord[] {
  const actions = params.memberStructs(prefix).map((a): ActionRecord => {
    const type = a.required('Type');
    const order = a.int('Order');
    if (type === 'forward') return { type, order, forward: forwardTargets(a, store) };
    if (type === 'fixed-response') {
      const statusCode = a.required('FixedResponseConfig.StatusCode');
      if (!/^[2-5]\d\d$/.test(statusCode))
        throw validation(`Invalid fixed response status code '${statusCode}'`);
      return {
        type,
        order,
        forward: [],
        fixedResponse: {
          statusCode,
          contentType: a.get('FixedResponseConfig.ContentType'),
          messageBody: a.get('FixedResponseConfig.MessageBody'),
        },
      };
    }
    throw new AwsError(
      'InvalidLoadBalancerAction',
      `aws-sim serves forward and fixed-response actions, not '${type}'`,
    );
  });
  if (!actions.length)
    throw validation(
      `1 validation error detected: Value null at '${prefix.charAt(0).toLowerCase()}${prefix.slice(1)}' failed to satisfy constraint: Member must not be null`,
    );
  if (actions.length > 1)
    throw new AwsError('TooManyActions', 'aws-sim serves one action per listener or rule');
  return actions;
}

/** Refuses target groups that another load balancer already uses (AWS allows one per target group). */
export function assertOneLoadBalancer(
  actions: readonly ActionRecord[],
  loadBalancerArn: string,
  store: Elbv2Store,
): void {
  const taken = actions
    .flatMap((a) => a.forward.map((f) => f.targetGroupArn))
    .filter((arn) => store.loadBalancerArnsOf(arn).some((lb) => lb !== loadBalancerArn));
  if (taken.length)
    throw new AwsError(
      'TargetGroupAssociationLimit',
      `The following target groups cannot be associated with more than one load balancer: ${taken.join(', ')}`,
    );
}

/** An action as the Action shape. */
export function actionXml(action: ActionRecord): XmlValue {
  if (action.type === 'fixed-response')
    return {
      Type: action.type,
      Order: action.order,
      FixedResponseConfig: {
        MessageBody: action.fixedResponse?.messageBody,
        StatusCode: action.fixedResponse?.statusCode,
        ContentType: action.fixedResponse?.contentType,
      },
    };
  return {
    Type: action.type,
    TargetGroupArn: action.forward.length === 1 ? action.forward[0]!.targetGroupArn : undefined,
    Order: action.order,
    ForwardConfig: {
      TargetGroups: action.forward.map((f) => ({ TargetGroupArn: f.targetGroupArn, Weight: f.weight })),
      TargetGroupStickinessConfig: { Enabled: false },
    },
  };
}
