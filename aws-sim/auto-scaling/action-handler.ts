import type { ServiceDefinition } from '../cloud';

/** The handlers of some Auto Scaling actions, by action name. */
export type ActionHandlers = Record<string, ServiceDefinition['actions'][string]>;
