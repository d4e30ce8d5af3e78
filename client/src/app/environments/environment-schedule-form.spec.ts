import { settle } from '../core/settle';
import { typeInto, sentBody } from '../core/test-form';
import { flushProblem } from '../core/test-problem';
import { manageSchedules, openSchedulePanel, type OpenSchedulePanel } from './test-schedule-panel';

const path = '/api/v1/environments/st1/schedule';

describe("Changing an environment's schedule (EnvironmentScheduleForm)", () => {
  let panel: OpenSchedulePanel;

  afterEach(() => panel.http.verify());

  async function openForm(): Promise<void> {
    panel = await openSchedulePanel({
      now: '2026-12-01T12:00:00Z',
      grants: [manageSchedules('Infra')],
      value: { ManualScheduleUp: true },
    });
    await panel.click('button.edit-schedule');
  }

  async function saveOff(): Promise<ReturnType<OpenSchedulePanel['http']['expectOne']>> {
    await panel.click('.manual-up input');
    await panel.click('.automatically input');
    typeInto(panel.page, 'DefaultSchedule', 'Start: 0 8 * * 1-5; Stop: 0 18 * * 1-5 | Europe/London');
    await panel.click('button.save-schedule');
    return panel.http.expectOne({ method: 'PUT', url: path });
  }

  it('sends the three fields with the version read, and shows the schedule the server answers', async () => {
    await openForm();
    expect(panel.page.querySelector<HTMLInputElement>('.manual-up input')!.checked).toBeTrue();

    const put = await saveOff();
    expect(put.request.headers.get('expected-version')).toBe('3');
    expect(sentBody(put)).toEqual({
      ManualScheduleUp: false,
      ScheduleAutomatically: true,
      DefaultSchedule: 'Start: 0 8 * * 1-5; Stop: 0 18 * * 1-5 | Europe/London',
    });
    put.flush({ EnvironmentName: 'st1', Value: sentBody(put), Version: 4 });
    await settle(panel.fixture);

    expect(panel.page.querySelector('app-environment-schedule-form')).toBeNull();
    expect(panel.text('.text')).toContain('Start: 0 8 * * 1-5; Stop: 0 18 * * 1-5 | Europe/London');
    expect(panel.text('.status')).toBe('On'); // Tuesday 12:00 in London
  });

  it("shows the server's refusal of a field under that field, not again in the banner", async () => {
    await openForm();
    flushProblem(await saveOff(), {
      status: 400,
      detail: 'the request is not valid',
      errors: [{ field: 'body.DefaultSchedule', message: '"Europe/Londn" is not an IANA time zone' }],
    });
    await settle(panel.fixture);

    expect(panel.text('.field-problem')).toBe(
      'The default schedule "Europe/Londn" is not an IANA time zone.',
    );
    expect(panel.text('app-problem-banner')).not.toContain('Europe/Londn');
    expect(panel.page.querySelector('app-environment-schedule-form')).not.toBeNull();
  });

  it('checks a schedule with the shared reader before sending it', async () => {
    await openForm();
    typeInto(panel.page, 'DefaultSchedule', 'Start: 0 25 * * *');
    await panel.click('button.save-schedule');
    expect(panel.text('.field-problem')).toContain('not a valid cron expression');
    // nothing was sent: verify() finds no PUT
  });

  it('says plainly when the environment type protects its schedule (403)', async () => {
    await openForm();
    flushProblem(await saveOff(), {
      status: 403,
      detail: 'the environment type of st1 protects SCHEDULE_ENVIRONMENT: its schedules cannot be changed',
    });
    await settle(panel.fixture);

    expect(panel.text('app-problem-banner')).toBe(
      'the environment type of st1 protects SCHEDULE_ENVIRONMENT: its schedules cannot be changed',
    );
    expect(panel.text('.text')).toContain('247'); // unchanged
  });

  it('reloads a schedule someone else changed (409), says so, and sends the new version next', async () => {
    await openForm();
    flushProblem(await saveOff(), { status: 409, detail: 'st1 is at version 4, not 3' });
    await settle(panel.fixture);
    panel.http.expectOne({ method: 'GET', url: path }).flush({
      EnvironmentName: 'st1',
      Value: { ManualScheduleUp: false, ScheduleAutomatically: false },
      Version: 4,
    });
    await settle(panel.fixture);

    expect(panel.text('.reloaded')).toContain('Someone else changed the schedule of st1');
    expect(panel.text('.text')).toContain('always off');
    const manual = panel.page.querySelector<HTMLInputElement>('.manual-up input')!;
    expect(manual.checked).toBeFalse();
    expect(panel.page.querySelector<HTMLInputElement>('[name="DefaultSchedule"]')!.value).toBe('');

    await panel.click('.manual-up input');
    await panel.click('button.save-schedule');
    const again = panel.http.expectOne({ method: 'PUT', url: path });
    expect(again.request.headers.get('expected-version')).toBe('4');
    expect(sentBody(again)).toEqual({ ManualScheduleUp: true, ScheduleAutomatically: false });
    again.flush({ EnvironmentName: 'st1', Value: sentBody(again), Version: 5 });
    await settle(panel.fixture);
    expect(panel.text('.text')).toContain('always on');
  });
});
