import type { Cloud, SimModule } from '../cloud';

/** PLACEHOLDER: replaced by the real service. */
export function createElbv2(cloud: Cloud): SimModule {
  void cloud;
  return {
    name: 'elasticloadbalancing',
    protocol: 'awsQuery',
    namespace: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
    actions: {},
    snapshot: () => ({}),
    restore: async () => undefined,
    start: async () => undefined,
    stop: async () => undefined,
    local: () => ({}),
  };
}
