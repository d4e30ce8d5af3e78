import type { Cloud, SimModule } from '../cloud';

/** PLACEHOLDER: replaced by the real service. */
export function createAutoScaling(cloud: Cloud): SimModule {
  void cloud;
  return {
    name: 'autoscaling',
    protocol: 'awsQuery',
    namespace: 'http://autoscaling.amazonaws.com/doc/2011-01-01/',
    actions: {},
    snapshot: () => ({}),
    restore: async () => undefined,
    start: async () => undefined,
    stop: async () => undefined,
    local: () => ({}),
  };
}
