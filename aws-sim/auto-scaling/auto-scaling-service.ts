import type { Cloud, SimModule } from '../cloud';
import { AutoScalingStore } from './auto-scaling-store';
import { groupActions } from './group-actions';
import { InstanceLifecycle } from './instance-lifecycle';
import { instanceActions } from './instance-actions';
import { Reconciler } from './reconciler';
import { scheduleActions } from './schedule-actions';
import { tagActions } from './tag-actions';
import { targetGroupActions } from './target-group-actions';

/** How often (AWS seconds) groups are reconciled. */
const TICK_SECONDS = 1;

/** Auto Scaling: groups kept at their desired capacity through `cloud.ec2` and `cloud.elb`. */
export function createAutoScaling(cloud: Cloud): SimModule {
  const store = new AutoScalingStore(cloud);
  const lifecycle = new InstanceLifecycle(cloud, store);
  const reconciler = new Reconciler(cloud, store, lifecycle);
  let timer: NodeJS.Timeout | undefined;
  return {
    name: 'autoscaling',
    protocol: 'awsQuery',
    namespace: 'http://autoscaling.amazonaws.com/doc/2011-01-01/',
    actions: {
      ...groupActions(cloud, store, lifecycle),
      ...instanceActions(cloud, store, lifecycle),
      ...tagActions(cloud, store),
      ...targetGroupActions(cloud, store, lifecycle),
      ...scheduleActions(cloud, store),
    },
    snapshot: () => store.snapshot(),
    restore: async (data) => store.restore(data),
    async start() {
      timer = cloud.clock.every(TICK_SECONDS, () => {
        try {
          reconciler.tick();
        } catch (e) {
          // one bad tick must not stop the loop; the next tick retries
          process.stderr.write(
            `aws-sim: autoscaling reconcile failed: ${e instanceof Error ? e.stack : String(e)}\n`,
          );
        }
      });
    },
    async stop() {
      if (timer) cloud.clock.cancel(timer);
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
