import { randomBytes } from 'node:crypto';
import type { Cloud } from '../cloud';
import { AwsError } from '../protocol/aws-error';
import type {
  ActionRecord,
  Elbv2Snapshot,
  ListenerRecord,
  LoadBalancerRecord,
  RuleRecord,
  TargetGroupRecord,
} from './elbv2-model';

const hex16 = () => randomBytes(8).toString('hex');

/** The ELBv2 records with AWS's lookups (and their not-found errors), ARNs and usage questions. */
export class Elbv2Store {
  readonly targetGroups = new Map<string, TargetGroupRecord>();
  readonly loadBalancers = new Map<string, LoadBalancerRecord>();
  readonly listeners = new Map<string, ListenerRecord>();

  constructor(private readonly cloud: Cloud) {}

  private arnPrefix(): string {
    return `arn:aws:elasticloadbalancing:${this.cloud.region}:${this.cloud.accountId}`;
  }

  newTargetGroupArn(name: string): string {
    return `${this.arnPrefix()}:targetgroup/${name}/${hex16()}`;
  }

  newLoadBalancerArn(name: string): string {
    return `${this.arnPrefix()}:loadbalancer/app/${name}/${hex16()}`;
  }

  /** `listener/app/<lb-name>/<lb-id>/<id>`, from the load balancer's ARN. */
  newListenerArn(loadBalancerArn: string): string {
    return `${loadBalancerArn.replace(':loadbalancer/', ':listener/')}/${hex16()}`;
  }

  newRuleArn(listenerArn: string): string {
    return `${listenerArn.replace(':listener/', ':listener-rule/')}/${hex16()}`;
  }

  targetGroup(arn: string): TargetGroupRecord {
    const tg = this.targetGroups.get(arn);
    if (!tg) throw new AwsError('TargetGroupNotFound', `Target groups '${arn}' not found`);
    return tg;
  }

  loadBalancer(arn: string): LoadBalancerRecord {
    const lb = this.loadBalancers.get(arn);
    if (!lb) throw new AwsError('LoadBalancerNotFound', `Load balancers '${arn}' not found`);
    return lb;
  }

  listener(arn: string): ListenerRecord {
    const l = this.listeners.get(arn);
    if (!l) throw new AwsError('ListenerNotFound', `Listener '${arn}' not found`);
    return l;
  }

  /** A rule and its listener; a listener's ARN in rule form names its default rule. */
  rule(arn: string): { listener: ListenerRecord; rule: RuleRecord } {
    for (const listener of this.listeners.values()) {
      const rule = listener.rules.find((r) => r.arn === arn);
      if (rule) return { listener, rule };
    }
    throw new AwsError('RuleNotFound', `One or more rules not found`);
  }

  listenersOf(loadBalancerArn: string): ListenerRecord[] {
    return [...this.listeners.values()].filter((l) => l.loadBalancerArn === loadBalancerArn);
  }

  /** The load balancers whose listeners (default actions or rules) forward to the target group. */
  loadBalancerArnsOf(targetGroupArn: string): string[] {
    const arns = new Set<string>();
    for (const l of this.listeners.values()) {
      const actions: ActionRecord[] = [...l.defaultActions, ...l.rules.flatMap((r) => r.actions)];
      if (actions.some((a) => a.forward.some((f) => f.targetGroupArn === targetGroupArn)))
        arns.add(l.loadBalancerArn);
    }
    return [...arns];
  }

  /** Whether a listener or rule routes to the target group (its targets are in use). */
  isInUse(targetGroupArn: string): boolean {
    return this.loadBalancerArnsOf(targetGroupArn).length > 0;
  }

  snapshot(): Elbv2Snapshot {
    return {
      targetGroups: [...this.targetGroups.values()],
      loadBalancers: [...this.loadBalancers.values()],
      listeners: [...this.listeners.values()],
    };
  }

  restore(data: Elbv2Snapshot): void {
    for (const tg of data.targetGroups) this.targetGroups.set(tg.arn, tg);
    for (const lb of data.loadBalancers) this.loadBalancers.set(lb.arn, lb);
    for (const l of data.listeners) this.listeners.set(l.arn, l);
  }
}
