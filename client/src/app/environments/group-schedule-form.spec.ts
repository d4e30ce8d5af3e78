import type { GroupSchedule } from '@shared/schedules/group-schedule';
import { settle } from '../core/settle';
import { sentBody, typeInto } from '../core/test-form';
import { flushProblem } from '../core/test-problem';
import { manageSchedules, openSchedulePanel, type OpenSchedulePanel } from './test-schedule-panel';

const path = '/api/v1/asgs/st1-inf-web/scaling-schedule?environment=st1';

const groupSchedule = (own: string | null, propagate = false): GroupSchedule => ({
  AutoScalingGroupName: 'st1-inf-web',
  EnvironmentName: 'st1',
  schedule: own,
  propagateToInstances: propagate,
  Source: own ? 'asg' : 'environment',
  EffectiveSchedule: own ?? '247',
  Status: own === 'off' ? 'OFF' : 'ON',
});

describe("Changing a group's own schedule (GroupScheduleForm)", () => {
  let panel: OpenSchedulePanel;

  afterEach(() => panel.http.verify());

  async function openForm(own: string | null, propagate = false): Promise<void> {
    panel = await openSchedulePanel({
      now: '2026-12-01T12:00:00Z',
      grants: [manageSchedules('Infra')],
      groups: [{ name: 'st1-inf-web', schedule: own ?? '', cluster: 'Infra' }],
      value: {},
    });
    await panel.click('button.edit-group-schedule');
    panel.http.expectOne({ method: 'GET', url: path }).flush(groupSchedule(own, propagate));
    await settle(panel.fixture);
  }

  it('gives a group its own schedule, keeping whether its instances carry it, and shows it as winning', async () => {
    await openForm(null);
    expect(panel.text('.applies')).toBe("Now follows the environment's schedule: 247");
    expect(panel.page.querySelector('.remove-group-schedule')).toBeNull();

    typeInto(panel.page, 'schedule', 'off');
    await panel.click('button.save-group-schedule');
    const put = panel.http.expectOne({ method: 'PUT', url: path });
    expect(sentBody(put)).toEqual({ schedule: 'off', propagateToInstances: false });
    put.flush(groupSchedule('off'));
    await settle(panel.fixture);

    const group = panel.page.querySelector('.group.override')!;
    expect(panel.text('.text', group)).toContain('always off');
    expect(group.querySelector('app-group-schedule-form')).toBeNull();
  });

  it("removes a group's own schedule with an empty one, so it follows the environment again", async () => {
    await openForm('off', true);
    expect(panel.page.querySelector<HTMLInputElement>('.propagate input')!.checked).toBeTrue();

    await panel.click('button.remove-group-schedule');
    const put = panel.http.expectOne({ method: 'PUT', url: path });
    expect(sentBody(put)).toEqual({ schedule: '' });
    put.flush(groupSchedule(null));
    await settle(panel.fixture);

    expect(panel.page.querySelector('.override')).toBeNull();
    expect(panel.text('.group .follows')).toBe("Follows the environment's schedule.");
  });

  it("shows the server's refusal of the schedule under the field", async () => {
    await openForm(null);
    typeInto(panel.page, 'schedule', 'Start: 0 8 * * * | Europe/London');
    await panel.click('button.save-group-schedule');
    flushProblem(panel.http.expectOne({ method: 'PUT', url: path }), {
      status: 400,
      detail: 'the request is not valid',
      errors: [{ field: 'body.schedule', message: 'needs a Stop: part' }],
    });
    await settle(panel.fixture);

    expect(panel.text('.field-problem')).toBe('The schedule needs a Stop: part.');
    expect(panel.text('app-problem-banner')).not.toContain('needs a Stop');
  });

  it('says plainly when the environment type protects its schedules (403)', async () => {
    await openForm(null);
    typeInto(panel.page, 'schedule', '247');
    await panel.click('button.save-group-schedule');
    flushProblem(panel.http.expectOne({ method: 'PUT', url: path }), {
      status: 403,
      detail: 'the environment type of st1 protects SCHEDULE_ENVIRONMENT: its schedules cannot be changed',
    });
    await settle(panel.fixture);

    expect(panel.text('.group app-problem-banner')).toBe(
      'the environment type of st1 protects SCHEDULE_ENVIRONMENT: its schedules cannot be changed',
    );
    expect(panel.page.querySelector('.override')).toBeNull();
  });
});
