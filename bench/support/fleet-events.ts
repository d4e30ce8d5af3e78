import { ensureFleetEventQueue } from '../../server/adapters/aws/aws-fleet-event-rule';

/** The `--fleet-events on|off` option of the benches that run deployments on aws-sim (on by default). */
export const FLEET_EVENTS_OPTION = { type: 'string', default: 'on' } as const;

/**
 * The portal's environment for `--fleet-events`: on, a queue in aws-sim that an EventBridge rule sends
 * Auto Scaling's lifecycle events to (as the sandbox makes, and as the README asks of an AWS account),
 * long-polled by the engine; off, the engine's poll alone.
 */
export async function fleetEventsEnv(simEndpoint: string, option: string): Promise<Record<string, string>> {
  if (option !== 'on' && option !== 'off') throw new Error('--fleet-events must be on or off');
  if (option === 'off') return { EM_FLEET_EVENTS_QUEUE_URL: 'off' };
  return { EM_FLEET_EVENTS_QUEUE_URL: await ensureFleetEventQueue('eu-west-1', simEndpoint) };
}

/** A count of AWS calls by `service:Action`, split: the fleet's (Auto Scaling, EC2, ELBv2) and the event queue's (SQS). */
export function splitCalls(calls: Record<string, number>): {
  fleet: Record<string, number>;
  queue: Record<string, number>;
} {
  const entries = Object.entries(calls);
  return {
    fleet: Object.fromEntries(entries.filter(([k]) => !k.startsWith('sqs:'))),
    queue: Object.fromEntries(entries.filter(([k]) => k.startsWith('sqs:'))),
  };
}
