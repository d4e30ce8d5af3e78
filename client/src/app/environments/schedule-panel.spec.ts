import { settle } from '../core/settle';
import { flushProblem } from '../core/test-problem';
import { manageSchedules, openSchedulePanel, type OpenSchedulePanel } from './test-schedule-panel';

describe('SchedulePanel', () => {
  let panel: OpenSchedulePanel;

  afterEach(() => panel.http.verify());

  it("shows the next on and off in the viewer's zone and the schedule's, across a daylight-saving change", async () => {
    panel = await openSchedulePanel({
      now: '2026-03-07T15:00:00Z', // Saturday
      value: {
        ScheduleAutomatically: true,
        DefaultSchedule: 'Start: 0 8 * * 1-5; Stop: 0 18 * * 1-5 | America/New_York',
      },
    });
    const { text } = panel;

    expect(text('.text')).toContain('Start: 0 8 * * 1-5; Stop: 0 18 * * 1-5 | America/New_York');
    expect(text('.status')).toBe('Off');
    // Monday 9 March: New York is on summer time (EDT) since Sunday, London not yet (GMT)
    const on = text('.next-on');
    expect(on).toMatch(/12:00.*GMT.*your time/);
    expect(on).toMatch(/08:00.*EDT.*America\/New_York/);
    const off = text('.next-off');
    expect(off).toMatch(/22:00.*GMT/);
    expect(off).toMatch(/18:00.*EDT/);
  });

  it('shows an environment on by hand as always on, and the groups whose own schedule wins', async () => {
    panel = await openSchedulePanel({
      now: '2026-12-01T12:00:00Z',
      groups: [
        { name: 'st1-inf-web', schedule: 'off', cluster: 'Infra' },
        { name: 'st1-inf-api', schedule: '', cluster: 'Infra' },
        {
          name: 'st1-inf-batch',
          schedule: 'Start: 0 7 * * *; Stop: 0 1 * * * | Europe/London',
          cluster: 'Infra',
        },
      ],
      value: { ManualScheduleUp: true },
    });
    const { page, text } = panel;

    expect(text('.schedule-view .text')).toContain('always on');
    expect(text('.schedule-view .status')).toBe('On');
    const overrides = [...page.querySelectorAll('.override')];
    expect(overrides.map((o) => text('strong', o))).toEqual(['st1-inf-web', 'st1-inf-batch']);
    expect(text('.text', overrides[0])).toContain('always off');
    expect(text('.status', overrides[0])).toBe('Off');
    // its stop is past midnight: the next off is 01:00 the next night
    expect(text('.next-off', overrides[1])).toMatch(/01:00/);
    expect(text('.status', overrides[1])).toBe('On');
  });

  it('says when the schedule cannot be read', async () => {
    panel = await openSchedulePanel({ now: '2026-12-01T12:00:00Z' });
    flushProblem(panel.http.expectOne('/api/v1/environments/st1/schedule'), {
      status: 404,
      detail: 'environment st1 does not exist',
    });
    await settle(panel.fixture);
    expect(panel.text('app-problem-banner')).toContain('environment st1 does not exist');
    expect(panel.page.querySelector('.schedule-view')).toBeNull();
    expect(panel.page.querySelector('.edit-schedule')).toBeNull();
  });

  it('says why a user without manage-schedules there cannot change a schedule, and offers no changes', async () => {
    panel = await openSchedulePanel({
      now: '2026-12-01T12:00:00Z',
      // manage-schedules, but for another cluster; and another action here
      grants: [
        manageSchedules('Tango'),
        { Action: 'lock-environments', Clusters: ['Infra'], EnvironmentTypes: 'all' },
      ],
      groups: [
        { name: 'st1-inf-web', schedule: 'off', cluster: 'Infra' },
        { name: 'st1-inf-api', schedule: '', cluster: 'Infra' },
      ],
      value: { ManualScheduleUp: true },
    });
    const { page, text } = panel;

    expect(text('.schedule-blocker')).toBe(
      'Changing schedules needs manage-schedules on Staging environments of Infra.',
    );
    expect(page.querySelectorAll('button').length).toBe(0);
    expect(page.querySelector('app-environment-schedule-form')).toBeNull();
    // only the group with its own schedule is listed, as it is shown to anyone
    expect([...page.querySelectorAll('.group')].map((g) => text('strong', g))).toEqual(['st1-inf-web']);
  });

  it("offers a group's schedule only where the user holds manage-schedules for its role's cluster", async () => {
    panel = await openSchedulePanel({
      now: '2026-12-01T12:00:00Z',
      grants: [manageSchedules('Tango')],
      groups: [
        { name: 'st1-inf-web', schedule: '', cluster: 'Infra' },
        { name: 'st1-tg-batch', schedule: '', cluster: 'Tango' },
      ],
      value: {},
    });
    const { page, text } = panel;

    const [web, batch] = [...page.querySelectorAll('.group')];
    expect(text('.group-blocker', web)).toBe(
      'Changing schedules needs manage-schedules on Staging environments of Infra.',
    );
    expect(web!.querySelector('button')).toBeNull();
    expect(text('.follows', batch)).toBe("Follows the environment's schedule.");
    expect(batch!.querySelector('.group-blocker')).toBeNull();
    expect(text('button.edit-group-schedule', batch)).toBe('Give it its own schedule: st1-tg-batch');
  });

  it('offers no change where the environment type protects its schedules (SCHEDULE_ENVIRONMENT), as the server refuses them all', async () => {
    panel = await openSchedulePanel({
      now: '2026-12-01T12:00:00Z',
      grants: [manageSchedules('Infra')],
      groups: [{ name: 'st1-inf-web', schedule: 'off', cluster: 'Infra' }],
      value: { ManualScheduleUp: true },
      protectedActions: ['SCHEDULE_ENVIRONMENT'],
    });
    const { page, text } = panel;
    const why =
      'Staging protects its schedules (SCHEDULE_ENVIRONMENT): no one may change them in its environments.';
    expect(text('.schedule-blocker')).toBe(why);
    // no group can be given a schedule either: only the one with its own is shown, with no change offered
    expect([...page.querySelectorAll('.group')].map((g) => text('strong', g))).toEqual(['st1-inf-web']);
    expect(page.querySelectorAll('button').length).toBe(0);
  });
});
