import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { Grant } from '@shared/auth/permission';
import type { EnvironmentScheduleValue } from '@shared/schedules/environment-schedule';
import { settle } from '../core/settle';
import { configureTestPage } from '../core/test-page';
import { testSignIn } from '../core/test-sign-in';
import { SchedulePanel, type GroupScheduleTag } from './schedule-panel';
import { flushTypeProtectionsIfAsked } from './test-type-protections';

/** The schedule panel a spec opened, with st1 (Staging of Infra) and its schedule read. */
export interface OpenSchedulePanel {
  readonly fixture: ComponentFixture<SchedulePanel>;
  readonly page: HTMLElement;
  readonly http: HttpTestingController;
  /** The trimmed text of the first element matching `css` (within `within`). */
  text(css: string, within?: ParentNode): string;
  /** Clicks the first element matching `css` and lets the panel render. */
  click(css: string, within?: ParentNode): Promise<void>;
}

/** How a spec opens the panel: the signed-in user's grants (none: not signed in), its groups and schedule. */
export interface SchedulePanelOptions {
  readonly grants?: Grant[];
  readonly groups?: GroupScheduleTag[];
  readonly now: string;
  /** The environment's schedule as read (version 3); a spec answering the read itself leaves it out. */
  readonly value?: EnvironmentScheduleValue;
  /** What Staging's ProtectedActions name, when the panel asks (none by default). */
  readonly protectedActions?: readonly string[];
}

/** A grant of manage-schedules on Staging environments of these clusters. */
export const manageSchedules = (...clusters: string[]): Grant => ({
  Action: 'manage-schedules',
  Clusters: clusters,
  EnvironmentTypes: ['Staging'],
});

/** Opens st1's schedule panel as the environment page shows it. */
export async function openSchedulePanel(options: SchedulePanelOptions): Promise<OpenSchedulePanel> {
  const http = configureTestPage(SchedulePanel);
  if (options.grants) await testSignIn(http, options.grants);
  const fixture = TestBed.createComponent(SchedulePanel);
  fixture.componentRef.setInput('environment', 'st1');
  fixture.componentRef.setInput('owningCluster', 'Infra');
  fixture.componentRef.setInput('environmentType', 'Staging');
  fixture.componentRef.setInput('groups', options.groups ?? []);
  fixture.componentRef.setInput('now', new Date(options.now));
  fixture.componentRef.setInput('viewerZone', 'Europe/London');
  const page = fixture.nativeElement as HTMLElement;
  fixture.detectChanges();
  if (options.value) {
    http
      .expectOne('/api/v1/environments/st1/schedule')
      .flush({ EnvironmentName: 'st1', Value: options.value, Version: 3 });
    await settle(fixture);
  }
  // the panel asks what Staging protects once the user could change a schedule there
  if (flushTypeProtectionsIfAsked(http, 'Staging', options.protectedActions ?? [])) await settle(fixture);
  const text = (css: string, within: ParentNode = page) =>
    within.querySelector(css)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const click = async (css: string, within: ParentNode = page) => {
    within.querySelector<HTMLElement>(css)!.click();
    await settle(fixture);
  };
  return { fixture, page, http, text, click };
}
