import type { Cloud, ElbApi, SimModule } from '../cloud';
import { ListenerProxies } from '../load-balancer/listener-proxies';
import type { Elbv2Context } from './elbv2-context';
import { Elbv2Snapshot } from './elbv2-model';
import { Elbv2Store } from './elbv2-store';
import { listenerActions } from './listener-actions';
import { loadBalancerActions } from './load-balancer-actions';
import { ruleActions } from './rule-actions';
import { tagActions } from './tag-actions';
import { targetActions } from './target-actions';
import { targetGroupActions } from './target-group-actions';
import { targetHealth } from './target-health';
import { TargetRegistry } from './target-registry';

/** Auto Scaling's view of ELBv2: the same registrations as RegisterTargets and DeregisterTargets. */
function elbApi(ctx: Elbv2Context): ElbApi {
  const { store, registry, cloud } = ctx;
  return {
    targetGroupExists: (arn) => store.targetGroups.has(arn),
    register: (arn, ids) => registry.register(store.targetGroup(arn), ids, { acceptPending: true }),
    deregister(arn, ids) {
      // a deleted group has nothing left to drain
      const tg = store.targetGroups.get(arn);
      if (tg) registry.deregister(tg, ids);
    },
    health(arn, instanceId) {
      const tg = store.targetGroups.get(arn);
      const target = tg?.targets.find((t) => t.id === instanceId);
      if (!tg || !target) return undefined;
      return targetHealth(target, tg, store.isInUse(arn), cloud.ec2.instance(instanceId)).state;
    },
    onDrained: (listener) => registry.onDrained(listener),
  };
}

/** ELBv2 (application load balancers): the API on the wire, and each listener a real loopback HTTP proxy. */
export function createElbv2(cloud: Cloud): SimModule {
  const store = new Elbv2Store(cloud);
  const registry = new TargetRegistry(cloud, (group) => store.isInUse(group.arn));
  const proxies = new ListenerProxies(cloud, store);
  const ctx: Elbv2Context = { cloud, store, registry, syncListeners: () => proxies.sync() };
  cloud.elb = elbApi(ctx);
  return {
    name: 'elasticloadbalancing',
    protocol: 'awsQuery',
    namespace: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
    actions: {
      ...targetGroupActions(ctx),
      ...targetActions(ctx),
      ...loadBalancerActions(ctx),
      ...listenerActions(ctx),
      ...ruleActions(ctx),
      ...tagActions(ctx),
    },
    snapshot: () => store.snapshot(),
    async restore(data) {
      store.restore(Elbv2Snapshot.parse(data));
    },
    async start() {
      registry.resume(store.targetGroups.values());
      await proxies.sync();
    },
    async stop() {
      registry.stop();
      await proxies.close();
    },
    local: () => ({
      listeners: [...store.listeners.values()].map((l) => ({
        listenerArn: l.arn,
        loadBalancerArn: l.loadBalancerArn,
        port: l.port,
        url: l.localPort === undefined ? undefined : `http://127.0.0.1:${l.localPort}`,
      })),
    }),
  };
}
