import { AwsError } from '../protocol/aws-error';
import type { QueryParams } from '../protocol/query-params';
import type { XmlValue } from '../protocol/xml';
import type { ActionHandlers, Elbv2Context } from './elbv2-context';
import type { ConditionRecord, ListenerRecord, RuleRecord } from './elbv2-model';
import { actionXml, assertOneLoadBalancer, listenerActionParams } from './listener-action-params';
import { page } from './page';
import { tagParams } from './tag-params';

/** `Conditions.member.N`: path-pattern conditions (`Values` or `PathPatternConfig.Values`). */
function conditionParams(params: QueryParams): ConditionRecord[] {
  const conditions = params.memberStructs('Conditions').map((c) => {
    const field = c.required('Field');
    if (field !== 'path-pattern')
      throw new AwsError('ValidationError', `aws-sim matches path-pattern conditions only, not '${field}'`);
    const values = [...c.members('Values'), ...c.members('PathPatternConfig.Values')];
    if (!values.length || values.some((v) => v.length > 128))
      throw new AwsError(
        'ValidationError',
        'A path-pattern condition needs one or more values of up to 128 characters',
      );
    return { field, values };
  });
  if (!conditions.length)
    throw new AwsError(
      'ValidationError',
      "1 validation error detected: Value null at 'conditions' failed to satisfy constraint: Member must not be null",
    );
  return conditions;
}

function priorityParam(params: QueryParams): number {
  const priority = params.int('Priority');
  if (priority === undefined || priority < 1 || priority > 50000)
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${priority ?? null}' at 'priority' failed to satisfy constraint: Member must have value between 1 and 50000`,
    );
  return priority;
}

function ruleXml(rule: RuleRecord): XmlValue {
  return {
    RuleArn: rule.arn,
    Priority: String(rule.priority),
    Conditions: rule.conditions.map((c) => ({
      Field: c.field,
      Values: c.values,
      PathPatternConfig: { Values: c.values },
    })),
    Actions: rule.actions.map(actionXml),
    IsDefault: false,
  };
}

function defaultRuleXml(listener: ListenerRecord): XmlValue {
  return {
    RuleArn: listener.defaultRuleArn,
    Priority: 'default',
    Conditions: [],
    Actions: listener.defaultActions.map(actionXml),
    IsDefault: true,
  };
}

/** CreateRule, DescribeRules, ModifyRule and DeleteRule (path-pattern rules with priorities). */
export function ruleActions(ctx: Elbv2Context): ActionHandlers {
  const { store, cloud } = ctx;
  const listenerOfDefaultRule = (arn: string) =>
    [...store.listeners.values()].find((l) => l.defaultRuleArn === arn);
  return {
    CreateRule(params) {
      const listener = store.listener(params.required('ListenerArn'));
      const priority = priorityParam(params);
      const conditions = conditionParams(params);
      const actions = listenerActionParams(params, 'Actions', store);
      assertOneLoadBalancer(actions, listener.loadBalancerArn, store);
      if (listener.rules.some((r) => r.priority === priority))
        throw new AwsError('PriorityInUse', `Priority '${priority}' is currently in use`);
      const rule: RuleRecord = {
        arn: store.newRuleArn(listener.arn),
        priority,
        conditions,
        actions,
        tags: tagParams(params),
      };
      listener.rules.push(rule);
      listener.rules.sort((a, b) => a.priority - b.priority);
      cloud.changed();
      return { Rules: [ruleXml(rule)] };
    },

    DescribeRules(params) {
      const listenerArn = params.get('ListenerArn');
      const arns = params.members('RuleArns');
      if (listenerArn === undefined && !arns.length)
        throw new AwsError('ValidationError', 'You must specify either listener rule ARNs or a listener ARN');
      let rules: XmlValue[];
      if (listenerArn !== undefined) {
        const listener = store.listener(listenerArn);
        rules = [...listener.rules.map(ruleXml), defaultRuleXml(listener)];
      } else {
        rules = arns.map((arn) => {
          const listener = listenerOfDefaultRule(arn);
          return listener ? defaultRuleXml(listener) : ruleXml(store.rule(arn).rule);
        });
      }
      const p = page(rules, params);
      return { Rules: p.items, NextMarker: p.nextMarker };
    },

    ModifyRule(params) {
      const arn = params.required('RuleArn');
      const defaultOf = listenerOfDefaultRule(arn);
      if (defaultOf) {
        if (params.has('Conditions'))
          throw new AwsError('OperationNotPermitted', 'Conditions cannot be added to a default rule');
        if (params.has('Actions')) {
          const actions = listenerActionParams(params, 'Actions', store);
          assertOneLoadBalancer(actions, defaultOf.loadBalancerArn, store);
          defaultOf.defaultActions = actions;
          cloud.changed();
        }
        return { Rules: [defaultRuleXml(defaultOf)] };
      }
      const { listener, rule } = store.rule(arn);
      const conditions = params.has('Conditions') ? conditionParams(params) : undefined;
      const actions = params.has('Actions') ? listenerActionParams(params, 'Actions', store) : undefined;
      if (actions) assertOneLoadBalancer(actions, listener.loadBalancerArn, store);
      if (conditions) rule.conditions = conditions;
      if (actions) rule.actions = actions;
      cloud.changed();
      return { Rules: [ruleXml(rule)] };
    },

    DeleteRule(params) {
      const arn = params.required('RuleArn');
      if (listenerOfDefaultRule(arn))
        throw new AwsError('OperationNotPermitted', `Default rule '${arn}' cannot be deleted`);
      const { listener, rule } = store.rule(arn);
      listener.rules = listener.rules.filter((r) => r !== rule);
      cloud.changed();
      return {};
    },
  };
}
