import {
  breakGlassRecordOf,
  guardedAnnouncer,
  logBreakGlass,
  type BreakGlassUsed,
} from '../../../server/governance/break-glass';
import type { Logger } from '../../../server/logger';

const window = {
  Name: 'Weekend',
  Scope: 'environment-type' as const,
  SetOn: 'Prod',
  EndsAt: '2026-11-09T08:00:00.000Z',
};
const event: BreakGlassUsed = {
  kind: 'deployment',
  id: '01JBREAKGLASS0000000000000',
  environment: 'pr1',
  environmentType: 'Prod',
  cluster: 'Checkout',
  subject: 'Basket@2.9.1',
  record: { By: 'alice', Reason: 'orders are lost', At: '2026-11-07T10:00:00.000Z', Window: window },
};

function recordingLogger(): Logger & { lines: { level: string; msg: string; fields?: object }[] } {
  const lines: { level: string; msg: string; fields?: object }[] = [];
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) =>
    void lines.push({ level, msg, fields });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('break-glass announcements', () => {
  it('logs an override by default, with who, why and the window', async () => {
    const logger = recordingLogger();
    await logBreakGlass(logger)(event);
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        msg: 'break-glass: freeze window overridden',
        fields: jasmine.objectContaining({ by: 'alice', reason: 'orders are lost', window: 'Weekend' }),
      },
    ]);
  });

  it('never fails the request for an announcer that throws: the failure is logged', async () => {
    const logger = recordingLogger();
    const announce = guardedAnnouncer(() => Promise.reject(new Error('webhook down')), logger);
    await expectAsync(announce(event)).toBeResolved();
    expect(logger.lines).toEqual([
      jasmine.objectContaining({
        level: 'error',
        fields: jasmine.objectContaining({ error: 'webhook down' }),
      }),
    ]);
  });

  it('records an override only when a window stood in the way and the request broke the glass', () => {
    const now = Date.parse('2026-11-07T10:00:00Z');
    expect(breakGlassRecordOf({ ...window, Overridden: true }, { reason: 'why' }, 'alice', now)).toEqual({
      By: 'alice',
      Reason: 'why',
      At: '2026-11-07T10:00:00.000Z',
      Window: window,
    });
    expect(breakGlassRecordOf(undefined, { reason: 'why' }, 'alice', now)).toBeUndefined();
    expect(breakGlassRecordOf({ ...window, Overridden: false }, undefined, 'alice', now)).toBeUndefined();
  });
});
