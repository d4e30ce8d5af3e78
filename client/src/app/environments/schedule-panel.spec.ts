import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { settle } from '../core/settle';
import { configureTestPage } from '../core/test-page';
import { flushProblem } from '../core/test-problem';
import { SchedulePanel, type GroupScheduleTag } from './schedule-panel';

describe('SchedulePanel', () => {
  let fixture: ComponentFixture<SchedulePanel>;
  let page: HTMLElement;
  let http: HttpTestingController;

  async function open(options: { groups?: GroupScheduleTag[]; now: string }): Promise<void> {
    http = configureTestPage(SchedulePanel);
    fixture = TestBed.createComponent(SchedulePanel);
    fixture.componentRef.setInput('environment', 'st1');
    fixture.componentRef.setInput('groups', options.groups ?? []);
    fixture.componentRef.setInput('now', new Date(options.now));
    fixture.componentRef.setInput('viewerZone', 'Europe/London');
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  }

  const answer = async (value: Record<string, unknown>) => {
    http
      .expectOne('/api/v1/environments/st1/schedule')
      .flush({ EnvironmentName: 'st1', Value: value, Version: 3 });
    await settle(fixture);
  };
  const text = (css: string, within: ParentNode = page) =>
    within.querySelector(css)?.textContent?.trim() ?? '';

  afterEach(() => http.verify());

  it("shows the next on and off in the viewer's zone and the schedule's, across a daylight-saving change", async () => {
    await open({ now: '2026-03-07T15:00:00Z' }); // Saturday
    await answer({
      ScheduleAutomatically: true,
      DefaultSchedule: 'Start: 0 8 * * 1-5; Stop: 0 18 * * 1-5 | America/New_York',
    });

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
    await open({
      now: '2026-12-01T12:00:00Z',
      groups: [
        { name: 'st1-inf-web', schedule: 'off' },
        { name: 'st1-inf-api', schedule: '' },
        { name: 'st1-inf-batch', schedule: 'Start: 0 7 * * *; Stop: 0 1 * * * | Europe/London' },
      ],
    });
    await answer({ ManualScheduleUp: true });

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
    await open({ now: '2026-12-01T12:00:00Z' });
    flushProblem(http.expectOne('/api/v1/environments/st1/schedule'), {
      status: 404,
      detail: 'environment st1 does not exist',
    });
    await settle(fixture);
    expect(text('app-problem-banner')).toContain('environment st1 does not exist');
    expect(page.querySelector('.schedule-view')).toBeNull();
  });
});
