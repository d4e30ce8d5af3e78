import type { Cloud, SimModule } from '../cloud';

/** PLACEHOLDER: replaced by the real service. */
export function createEc2(cloud: Cloud): SimModule {
  void cloud;
  return {
    name: 'ec2',
    protocol: 'ec2',
    namespace: 'http://ec2.amazonaws.com/doc/2016-11-15/',
    actions: {},
    snapshot: () => ({}),
    restore: async () => undefined,
    start: async () => undefined,
    stop: async () => undefined,
    local: () => ({}),
  };
}
