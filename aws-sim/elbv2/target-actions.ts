import { AwsError } from '../protocol/aws-error';
import type { QueryParams } from '../protocol/query-params';
import type { XmlValue } from '../protocol/xml';
import type { ActionHandlers, Elbv2Context } from './elbv2-context';
import type { TargetGroupRecord } from './elbv2-model';
import { targetHealth } from './target-health';

/** The instance ids of `Targets.member.N.Id`; a port other than the group's is refused (one port per instance here). */
function targetIds(params: QueryParams, tg: TargetGroupRecord): string[] {
  const targets = params.memberStructs('Targets');
  if (!targets.length)
    throw new AwsError(
      'ValidationError',
      "1 validation error detected: Value null at 'targets' failed to satisfy constraint: Member must not be null",
    );
  return targets.map((t) => {
    const id = t.required('Id');
    const port = t.int('Port');
    if (port !== undefined && port !== tg.port)
      throw new AwsError(
        'ValidationError',
        `aws-sim registers targets on the target group's port ${tg.port} only`,
      );
    return id;
  });
}

/** RegisterTargets, DeregisterTargets and DescribeTargetHealth. */
export function targetActions(ctx: Elbv2Context): ActionHandlers {
  const { store, registry, cloud } = ctx;
  return {
    RegisterTargets(params) {
      const tg = store.targetGroup(params.required('TargetGroupArn'));
      registry.register(tg, targetIds(params, tg), { acceptPending: false });
      return {};
    },

    DeregisterTargets(params) {
      const tg = store.targetGroup(params.required('TargetGroupArn'));
      // AWS answers success for targets that are not registered (and does nothing for them)
      const ids = targetIds(params, tg);
      registry.deregister(tg, ids);
      return {};
    },

    DescribeTargetHealth(params) {
      const tg = store.targetGroup(params.required('TargetGroupArn'));
      const asked = params.memberStructs('Targets').map((t) => t.required('Id'));
      const inUse = store.isInUse(tg.arn);
      const ids = asked.length ? asked : tg.targets.map((t) => t.id);
      const descriptions: XmlValue[] = ids.map((id) => {
        const instance = cloud.ec2.instance(id);
        const target = tg.targets.find((t) => t.id === id);
        if (!target) {
          if (!instance)
            throw new AwsError('InvalidTarget', `The following targets are not valid instances: '${id}'`);
          return {
            Target: { Id: id, Port: tg.port },
            HealthCheckPort: String(tg.port),
            TargetHealth: {
              State: 'unused',
              Reason: 'Target.NotRegistered',
              Description: 'Target is not registered to the target group',
            },
          };
        }
        const health = targetHealth(target, tg, inUse, instance);
        return {
          Target: { Id: id, Port: target.port },
          HealthCheckPort: tg.healthCheck.port === 'traffic-port' ? String(target.port) : tg.healthCheck.port,
          TargetHealth: { State: health.state, Reason: health.reason, Description: health.description },
        };
      });
      return { TargetHealthDescriptions: descriptions };
    },
  };
}
