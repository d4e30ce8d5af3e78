import { AwsError } from '../protocol/aws-error';
import type { QueryParams } from '../protocol/query-params';
import type { XmlValue } from '../protocol/xml';
import type { ActionHandlers, Elbv2Context } from './elbv2-context';
import type { ListenerRecord } from './elbv2-model';
import { actionXml, assertOneLoadBalancer, listenerActionParams } from './listener-action-params';
import { page } from './page';
import { tagParams } from './tag-params';

function listenerXml(l: ListenerRecord): XmlValue {
  return {
    ListenerArn: l.arn,
    LoadBalancerArn: l.loadBalancerArn,
    Port: l.port,
    Protocol: l.protocol,
    DefaultActions: l.defaultActions.map(actionXml),
  };
}

function protocolParam(params: QueryParams): string | undefined {
  const protocol = params.get('Protocol');
  if (protocol !== undefined && protocol !== 'HTTP')
    throw new AwsError('UnsupportedProtocol', `aws-sim listeners serve HTTP only, not '${protocol}'`);
  return protocol;
}

function portParam(params: QueryParams): number | undefined {
  const port = params.int('Port');
  if (port !== undefined && (port < 1 || port > 65535))
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${port}' at 'port' failed to satisfy constraint: Member must have value between 1 and 65535`,
    );
  return port;
}

/** CreateListener, DescribeListeners, ModifyListener (how blue/green shifts weights) and DeleteListener. */
export function listenerActions(ctx: Elbv2Context): ActionHandlers {
  const { store, cloud } = ctx;
  const duplicate = (lbArn: string) =>
    new AwsError(
      'DuplicateListener',
      `A listener already exists on this port for this load balancer '${lbArn}'`,
    );
  return {
    async CreateListener(params) {
      const lb = store.loadBalancer(params.required('LoadBalancerArn'));
      const protocol = protocolParam(params) ?? 'HTTP';
      const port = portParam(params) ?? 80;
      const defaultActions = listenerActionParams(params, 'DefaultActions', store);
      assertOneLoadBalancer(defaultActions, lb.arn, store);
      const existing = store.listenersOf(lb.arn).find((l) => l.port === port);
      if (existing) {
        if (JSON.stringify(existing.defaultActions) !== JSON.stringify(defaultActions))
          throw duplicate(lb.arn);
        return { Listeners: [listenerXml(existing)] };
      }
      const arn = store.newListenerArn(lb.arn);
      const listener: ListenerRecord = {
        arn,
        loadBalancerArn: lb.arn,
        defaultRuleArn: store.newRuleArn(arn),
        port,
        protocol,
        defaultActions,
        rules: [],
        tags: tagParams(params),
      };
      store.listeners.set(arn, listener);
      cloud.changed();
      await ctx.syncListeners();
      return { Listeners: [listenerXml(listener)] };
    },

    DescribeListeners(params) {
      const lbArn = params.get('LoadBalancerArn');
      const arns = params.members('ListenerArns');
      if (lbArn === undefined && !arns.length)
        throw new AwsError('ValidationError', 'You must specify either listener ARNs or a load balancer ARN');
      if (lbArn !== undefined && arns.length)
        throw new AwsError(
          'ValidationError',
          'Listener ARNs and a load balancer ARN cannot be specified at the same time',
        );
      const listeners = arns.length
        ? arns.map((arn) => store.listener(arn))
        : store.listenersOf(store.loadBalancer(lbArn!).arn);
      const p = page(listeners, params);
      return { Listeners: p.items.map(listenerXml), NextMarker: p.nextMarker };
    },

    ModifyListener(params) {
      const listener = store.listener(params.required('ListenerArn'));
      const protocol = protocolParam(params);
      const port = portParam(params);
      const defaultActions = params.has('DefaultActions')
        ? listenerActionParams(params, 'DefaultActions', store)
        : undefined;
      if (defaultActions) assertOneLoadBalancer(defaultActions, listener.loadBalancerArn, store);
      if (port !== undefined && port !== listener.port) {
        if (store.listenersOf(listener.loadBalancerArn).some((l) => l.port === port))
          throw duplicate(listener.loadBalancerArn);
        listener.port = port;
      }
      if (protocol) listener.protocol = protocol;
      // the proxy reads the record per request: the next request follows the new weights
      if (defaultActions) listener.defaultActions = defaultActions;
      cloud.changed();
      return { Listeners: [listenerXml(listener)] };
    },

    async DeleteListener(params) {
      const listener = store.listener(params.required('ListenerArn'));
      store.listeners.delete(listener.arn);
      cloud.changed();
      await ctx.syncListeners();
      return {};
    },
  };
}
