import {
  FleetEventListener,
  type FleetEvent,
  type FleetEventSource,
} from '../../../server/fleet/fleet-events';
import type { Logger } from '../../../server/logger';

/**
 * The listener's loop, with a fake source (a unit spec: the SQS queue itself is covered by
 * test/server/deployments/fleet-events.spec.ts against aws-sim).
 */
describe('fleet event listener (fake source)', () => {
  const event = (group: string): FleetEvent => ({
    group,
    account: '123456789012',
    kind: 'EC2 Instance Launch Successful',
  });

  function logger(lines: string[]): Logger {
    const keep = (level: string) => (msg: string) => lines.push(`${level} ${msg}`);
    return { debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') };
  }

  it('tells of every event received and of an outage once, goes on after a failed receive (backing off, warning once an outage), and stops at once', async () => {
    const replies: (readonly FleetEvent[] | Error)[] = [
      [event('web'), event('api')],
      new Error('queue unreachable'),
      new Error('queue unreachable'),
      [event('db')],
    ];
    let receives = 0;
    let stopped!: () => void;
    const idle = new Promise<void>((resolve) => (stopped = resolve));
    const source: FleetEventSource = {
      async receive(signal) {
        receives += 1;
        const next = replies.shift();
        if (next instanceof Error) throw next;
        if (next) return next;
        // nothing more: a long poll that lasts until the listener stops
        stopped();
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
        throw new Error('aborted');
      },
    };
    const lines: string[] = [];
    const changed: string[] = [];
    const observer = {
      changed: (e: FleetEvent) => changed.push(e.group),
      lost: () => changed.push('(lost)'),
    };
    const listener = new FleetEventListener(source, observer, logger(lines), { firstMs: 5, mostMs: 10 });
    listener.start();
    await idle;
    // the observer hears of the outage once, when it starts
    expect(changed).toEqual(['web', 'api', '(lost)', 'db']);
    expect(receives).toBe(5);
    expect(lines.filter((l) => l.startsWith('warn'))).toEqual([
      'warn fleet events cannot be received: deployments look at their groups at each poll',
    ]);
    expect(lines).toContain('info fleet events are received again');
    await listener.stop();
    // stopped while a receive waited: no error logged, nothing received after
    expect(lines.filter((l) => l.startsWith('warn')).length).toBe(1);
    expect(receives).toBe(5);
  });
});
