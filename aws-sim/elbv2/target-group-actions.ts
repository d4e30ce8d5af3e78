import { AwsError } from '../protocol/aws-error';
import type { QueryParams } from '../protocol/query-params';
import type { XmlValue } from '../protocol/xml';
import type { ActionHandlers, Elbv2Context } from './elbv2-context';
import type { HealthCheckSettings, TargetGroupRecord } from './elbv2-model';
import { page } from './page';
import { tagParams } from './tag-params';

/** The attributes of an application load balancer's target group, with AWS's defaults. */
const DEFAULT_ATTRIBUTES: Readonly<Record<string, string>> = {
  'deregistration_delay.timeout_seconds': '300',
  'stickiness.enabled': 'false',
  'stickiness.type': 'lb_cookie',
  'stickiness.lb_cookie.duration_seconds': '86400',
  'load_balancing.algorithm.type': 'round_robin',
  'slow_start.duration_seconds': '0',
  'load_balancing.cross_zone.enabled': 'use_load_balancer_configuration',
};

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;

function validation(message: string): AwsError {
  return new AwsError('ValidationError', message);
}

function ranged(params: QueryParams, name: string, min: number, max: number): number | undefined {
  const v = params.int(name);
  if (v !== undefined && (v < min || v > max))
    throw validation(
      `1 validation error detected: Value '${v}' at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must have value between ${min} and ${max}`,
    );
  return v;
}

/** Health check settings from a request, over the current (or default) ones. */
function healthCheckParams(params: QueryParams, base: HealthCheckSettings): HealthCheckSettings {
  const hc: HealthCheckSettings = {
    enabled: params.bool('HealthCheckEnabled') ?? base.enabled,
    protocol: params.get('HealthCheckProtocol') ?? base.protocol,
    port: params.get('HealthCheckPort') ?? base.port,
    path: params.get('HealthCheckPath') ?? base.path,
    intervalSeconds: ranged(params, 'HealthCheckIntervalSeconds', 5, 300) ?? base.intervalSeconds,
    timeoutSeconds: ranged(params, 'HealthCheckTimeoutSeconds', 2, 120) ?? base.timeoutSeconds,
    healthyThresholdCount: ranged(params, 'HealthyThresholdCount', 2, 10) ?? base.healthyThresholdCount,
    unhealthyThresholdCount: ranged(params, 'UnhealthyThresholdCount', 2, 10) ?? base.unhealthyThresholdCount,
    httpCode: params.get('Matcher.HttpCode') ?? base.httpCode,
  };
  if (!hc.path.startsWith('/')) throw validation("Health check path must begin with a '/' character");
  if (hc.timeoutSeconds >= hc.intervalSeconds) {
    // a short interval alone brings the unchanged default timeout under it rather than refusing the call
    if (params.get('HealthCheckTimeoutSeconds') !== undefined || hc.intervalSeconds <= 2)
      throw validation('Health check interval must be greater than the timeout.');
    hc.timeoutSeconds = Math.max(2, hc.intervalSeconds - 1);
  }
  if (!/^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/.test(hc.httpCode))
    throw validation(`Invalid matcher HTTP code '${hc.httpCode}'`);
  return hc;
}

/** A target group as the TargetGroup shape. */
export function targetGroupXml(ctx: Elbv2Context, tg: TargetGroupRecord): XmlValue {
  const hc = tg.healthCheck;
  return {
    TargetGroupArn: tg.arn,
    TargetGroupName: tg.name,
    Protocol: tg.protocol,
    Port: tg.port,
    VpcId: tg.vpcId,
    HealthCheckProtocol: hc.protocol,
    HealthCheckPort: hc.port,
    HealthCheckEnabled: hc.enabled,
    HealthCheckIntervalSeconds: hc.intervalSeconds,
    HealthCheckTimeoutSeconds: hc.timeoutSeconds,
    HealthyThresholdCount: hc.healthyThresholdCount,
    UnhealthyThresholdCount: hc.unhealthyThresholdCount,
    HealthCheckPath: hc.path,
    Matcher: { HttpCode: hc.httpCode },
    LoadBalancerArns: ctx.store.loadBalancerArnsOf(tg.arn),
    TargetType: tg.targetType,
    ProtocolVersion: tg.protocolVersion,
    IpAddressType: 'ipv4',
  };
}

function attributesXml(tg: TargetGroupRecord): XmlValue {
  return Object.entries(tg.attributes).map(([Key, Value]) => ({ Key, Value }));
}

function sameSettings(a: TargetGroupRecord, b: TargetGroupRecord): boolean {
  return (
    a.protocol === b.protocol &&
    a.port === b.port &&
    a.vpcId === b.vpcId &&
    a.targetType === b.targetType &&
    JSON.stringify(a.healthCheck) === JSON.stringify(b.healthCheck)
  );
}

/** CreateTargetGroup, DescribeTargetGroups, ModifyTargetGroup, DeleteTargetGroup and the attributes. */
export function targetGroupActions(ctx: Elbv2Context): ActionHandlers {
  const { store } = ctx;
  return {
    CreateTargetGroup(params) {
      const name = params.required('Name');
      if (!NAME.test(name))
        throw validation(
          `Target group name '${name}' can only contain characters that are alphanumeric characters or hyphens(-) and must not begin or end with a hyphen`,
        );
      const targetType = params.get('TargetType') ?? 'instance';
      if (targetType !== 'instance')
        throw validation(`aws-sim serves target type 'instance' only, not '${targetType}'`);
      const protocol = params.required('Protocol');
      if (protocol !== 'HTTP')
        throw new AwsError('UnsupportedProtocol', `Protocol '${protocol}' is not supported`);
      const port = ranged(params, 'Port', 1, 65535);
      if (port === undefined) throw validation('A port must be specified');
      const vpcId = params.required('VpcId');
      const candidate: TargetGroupRecord = {
        arn: '',
        name,
        protocol,
        protocolVersion: params.get('ProtocolVersion') ?? 'HTTP1',
        port,
        vpcId,
        targetType,
        healthCheck: healthCheckParams(params, {
          enabled: true,
          protocol: 'HTTP',
          port: 'traffic-port',
          path: '/',
          intervalSeconds: 30,
          timeoutSeconds: 5,
          healthyThresholdCount: 5,
          unhealthyThresholdCount: 2,
          httpCode: '200',
        }),
        attributes: { ...DEFAULT_ATTRIBUTES },
        targets: [],
        tags: tagParams(params),
      };
      const existing = [...store.targetGroups.values()].find((tg) => tg.name === name);
      if (existing) {
        if (!sameSettings(existing, candidate))
          throw new AwsError(
            'DuplicateTargetGroupName',
            `A target group with the same name '${name}' exists, but with different settings`,
          );
        return { TargetGroups: [targetGroupXml(ctx, existing)] };
      }
      const tg = { ...candidate, arn: store.newTargetGroupArn(name) };
      store.targetGroups.set(tg.arn, tg);
      ctx.cloud.changed();
      return { TargetGroups: [targetGroupXml(ctx, tg)] };
    },

    DescribeTargetGroups(params) {
      const arns = params.members('TargetGroupArns');
      const names = params.members('Names');
      const lbArn = params.get('LoadBalancerArn');
      if ([arns.length > 0, names.length > 0, lbArn !== undefined].filter(Boolean).length > 1)
        throw validation(
          'Target group ARNs, names and a load balancer ARN cannot be specified at the same time',
        );
      let groups = [...store.targetGroups.values()];
      if (arns.length) groups = arns.map((arn) => store.targetGroup(arn));
      if (names.length) {
        groups = names.map((n) => {
          const tg = groups.find((g) => g.name === n);
          if (!tg) throw new AwsError('TargetGroupNotFound', 'One or more target groups not found');
          return tg;
        });
      }
      if (lbArn !== undefined) {
        store.loadBalancer(lbArn);
        groups = groups.filter((g) => store.loadBalancerArnsOf(g.arn).includes(lbArn));
      }
      const p = page(groups, params);
      return { TargetGroups: p.items.map((tg) => targetGroupXml(ctx, tg)), NextMarker: p.nextMarker };
    },

    ModifyTargetGroup(params) {
      const tg = store.targetGroup(params.required('TargetGroupArn'));
      tg.healthCheck = healthCheckParams(params, tg.healthCheck);
      ctx.registry.recheck(tg);
      ctx.cloud.changed();
      return { TargetGroups: [targetGroupXml(ctx, tg)] };
    },

    DeleteTargetGroup(params) {
      const arn = params.required('TargetGroupArn');
      const tg = store.targetGroups.get(arn);
      if (!tg) return {};
      if (store.isInUse(arn))
        throw new AwsError(
          'ResourceInUse',
          `Target group '${arn}' is currently in use by a listener or a rule`,
        );
      ctx.registry.forget(tg);
      store.targetGroups.delete(arn);
      ctx.cloud.changed();
      return {};
    },

    DescribeTargetGroupAttributes(params) {
      return { Attributes: attributesXml(store.targetGroup(params.required('TargetGroupArn'))) };
    },

    ModifyTargetGroupAttributes(params) {
      const tg = store.targetGroup(params.required('TargetGroupArn'));
      const changes = params
        .memberStructs('Attributes')
        .map((a) => [a.required('Key'), a.get('Value') ?? ''] as const);
      for (const [key, value] of changes) {
        if (!(key in DEFAULT_ATTRIBUTES))
          throw validation(`Target group attribute key '${key}' is not recognized`);
        if (key === 'deregistration_delay.timeout_seconds') {
          const n = Number(value);
          if (!Number.isInteger(n) || n < 0 || n > 3600)
            throw validation(
              `'${value}' must be an integer between 0 and 3600 for deregistration_delay.timeout_seconds`,
            );
        }
      }
      for (const [key, value] of changes) tg.attributes[key] = value;
      ctx.cloud.changed();
      return { Attributes: attributesXml(tg) };
    },
  };
}
