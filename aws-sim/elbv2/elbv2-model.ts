import { z } from 'zod';

/*
 * The ELBv2 resources as aws-sim keeps them: plain JSON-able records, so a snapshot is the records
 * themselves and a restore parses them back with the same schemas.
 */

/** A target group's health check settings, named as in the API. */
export const HealthCheckSettings = z.object({
  enabled: z.boolean(),
  protocol: z.string(),
  /** `traffic-port` or a number as a string. */
  port: z.string(),
  path: z.string(),
  intervalSeconds: z.number(),
  timeoutSeconds: z.number(),
  healthyThresholdCount: z.number(),
  unhealthyThresholdCount: z.number(),
  /** `200`, `200,202` or `200-299`. */
  httpCode: z.string(),
});
/** A target group's health check settings. */
export type HealthCheckSettings = z.infer<typeof HealthCheckSettings>;

/** Why the last health checks failed (AWS's reason code and description). */
export const FailureReason = z.object({
  code: z.enum(['Target.ResponseCodeMismatch', 'Target.Timeout', 'Target.FailedHealthChecks']),
  description: z.string(),
});
/** Why the last health checks failed. */
export type FailureReason = z.infer<typeof FailureReason>;

/** A registered target: its health check progress, or its draining deadline. */
export const TargetRecord = z.object({
  id: z.string(),
  port: z.number(),
  phase: z.enum(['initial', 'healthy', 'unhealthy', 'draining']),
  /** Whether a health check has completed since registration (initial: in progress vs checking). */
  checked: z.boolean(),
  /** Consecutive passes and failures. */
  passes: z.number(),
  failures: z.number(),
  failure: FailureReason.optional(),
  /** Wall-clock ms (Date.now()) when a draining target goes. */
  drainUntil: z.number().optional(),
});
/** A registered target. */
export type TargetRecord = z.infer<typeof TargetRecord>;

const Tags = z.record(z.string(), z.string());

/** A target group. */
export const TargetGroupRecord = z.object({
  arn: z.string(),
  name: z.string(),
  protocol: z.string(),
  protocolVersion: z.string(),
  port: z.number(),
  vpcId: z.string(),
  targetType: z.string(),
  healthCheck: HealthCheckSettings,
  attributes: z.record(z.string(), z.string()),
  targets: z.array(TargetRecord),
  tags: Tags,
});
/** A target group. */
export type TargetGroupRecord = z.infer<typeof TargetGroupRecord>;

/** A load balancer (application), with its subnet in each zone. */
export const LoadBalancerRecord = z.object({
  arn: z.string(),
  name: z.string(),
  scheme: z.string(),
  type: z.string(),
  ipAddressType: z.string(),
  vpcId: z.string(),
  zones: z.array(z.object({ zoneName: z.string(), subnetId: z.string() })),
  securityGroups: z.array(z.string()),
  createdTime: z.string(),
  dnsName: z.string(),
  tags: Tags,
});
/** A load balancer. */
export type LoadBalancerRecord = z.infer<typeof LoadBalancerRecord>;

/** A target group a forward action sends to, with its weight. */
export const WeightedTargetGroup = z.object({ targetGroupArn: z.string(), weight: z.number() });
/** A target group a forward action sends to, with its weight. */
export type WeightedTargetGroup = z.infer<typeof WeightedTargetGroup>;

/** A listener or rule action: aws-sim serves `forward` and `fixed-response`. */
export const ActionRecord = z.object({
  type: z.enum(['forward', 'fixed-response']),
  order: z.number().optional(),
  forward: z.array(WeightedTargetGroup),
  fixedResponse: z
    .object({
      statusCode: z.string(),
      contentType: z.string().optional(),
      messageBody: z.string().optional(),
    })
    .optional(),
});
/** A listener or rule action. */
export type ActionRecord = z.infer<typeof ActionRecord>;

/** A rule condition (aws-sim matches `path-pattern`). */
export const ConditionRecord = z.object({ field: z.string(), values: z.array(z.string()) });
/** A rule condition. */
export type ConditionRecord = z.infer<typeof ConditionRecord>;

/** A listener rule (the default rule is the listener's default actions). */
export const RuleRecord = z.object({
  arn: z.string(),
  priority: z.number(),
  conditions: z.array(ConditionRecord),
  actions: z.array(ActionRecord),
  tags: Tags,
});
/** A listener rule. */
export type RuleRecord = z.infer<typeof RuleRecord>;

/** A listener, with the loopback port its proxy listens on. */
export const ListenerRecord = z.object({
  arn: z.string(),
  loadBalancerArn: z.string(),
  /** The ARN DescribeRules gives the default rule (the default actions). */
  defaultRuleArn: z.string(),
  port: z.number(),
  protocol: z.string(),
  defaultActions: z.array(ActionRecord),
  rules: z.array(RuleRecord),
  localPort: z.number().optional(),
  tags: Tags,
});
/** A listener. */
export type ListenerRecord = z.infer<typeof ListenerRecord>;

/** The whole ELBv2 state (the snapshot). */
export const Elbv2Snapshot = z.object({
  targetGroups: z.array(TargetGroupRecord).default([]),
  loadBalancers: z.array(LoadBalancerRecord).default([]),
  listeners: z.array(ListenerRecord).default([]),
});
/** The whole ELBv2 state. */
export type Elbv2Snapshot = z.infer<typeof Elbv2Snapshot>;
