import type { Cloud, SimModule } from '../cloud';
import type { ActionHandlers } from './action-handler';
import { AutoScalingStore } from './auto-scaling-store';
import { groupActions } from './group-actions';
import { InstanceLifecycle } from './instance-lifecycle';
import { instanceActions } from './instance-actions';
import { ReconcileLoop } from './reconcile-loop';
import { Reconciler } from './reconciler';
import { scheduleActions } from './schedule-actions';
import { standbyActions } from './standby';
import { tagActions } from './tag-actions';
import { targetGroupActions } from './target-group-actions';

/** The handlers (all synchronous), each call that may change something followed by a prompt reconcile. */
function nudging(actions: ActionHandlers, loop: ReconcileLoop): ActionHandlers {
  return Object.fromEntries(
    Object.entries(actions).map(([name, handler]) => [
      name,
      name.startsWith('Describe')
        ? handler
        : (p) => {
            try {
              return handler(p);
            } finally {
              loop.nudge();
            }
          },
    ]),
  );
}

/** Auto Scaling: groups kept at their desired capacity through `cloud.ec2` and `cloud.elb`. */
export function createAutoScaling(cloud: Cloud): SimModule {
  const store = new AutoScalingStore(cloud);
  const lifecycle = new InstanceLifecycle(cloud, store);
  const reconciler = new Reconciler(cloud, store, lifecycle);
  const loop = new ReconcileLoop(cloud.clock, () => reconciler.tick());
  // an instance that booted comes into service, and a drained or shut down one leaves, with no tick's wait
  cloud.ec2.onStateChange(() => loop.nudge());
  cloud.elb.onDrained(() => loop.nudge());
  return {
    name: 'autoscaling',
    protocol: 'awsQuery',
    namespace: 'http://autoscaling.amazonaws.com/doc/2011-01-01/',
    actions: nudging(
      {
        ...groupActions(cloud, store, lifecycle),
        ...instanceActions(cloud, store, lifecycle),
        ...tagActions(cloud, store),
        ...targetGroupActions(cloud, store, lifecycle),
        ...scheduleActions(cloud, store),
        ...standbyActions(cloud, store, lifecycle),
      },
      loop,
    ),
    snapshot: () => store.snapshot(),
    restore: async (data) => store.restore(data),
    async start() {
      loop.start();
    },
    async stop() {
      loop.stop();
    },
    local: () => ({
      now: new Date(store.now()).toISOString(),
      groups: [...store.groups.values()].map((g) => ({
        name: g.name,
        desiredCapacity: g.desiredCapacity,
        instances: g.instances.map((i) => ({ instanceId: i.instanceId, lifecycleState: i.lifecycleState })),
      })),
    }),
  };
}
