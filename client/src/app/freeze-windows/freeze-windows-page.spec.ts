import type { HttpTestingController } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import type { Grant } from '@shared/auth/permission';
import { settle } from '../core/settle';
import { sentBody, typeInto } from '../core/test-form';
import { openTestPage } from '../core/test-page';
import { flushProblem } from '../core/test-problem';
import { FreezeWindowsPage } from './freeze-windows-page';

const weekend = {
  Name: 'Weekend',
  Recurring: { Start: 'Fri 16:00', End: 'Mon 08:00', TimeZone: 'Europe/London' },
};
const christmas = {
  Name: 'Christmas',
  Start: '2030-12-20T00:00:00Z',
  End: '2031-01-04T08:00:00Z',
  Reason: 'peak sales',
};
const environment = {
  EnvironmentName: 'pr1',
  Value: {
    EnvironmentType: 'Prod',
    OwningCluster: 'Infra',
    DeploymentMap: 'map',
    Description: 'kept on save',
    FreezeWindows: [christmas, weekend],
  },
  Version: 4,
};

describe('FreezeWindowsPage', () => {
  let fixture: ComponentFixture<FreezeWindowsPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  const editor: Grant[] = [{ Action: 'edit-environments', Clusters: ['Infra'], EnvironmentTypes: 'all' }];

  async function open(
    grants: Grant[],
    owner: 'environments' | 'environment-types' = 'environments',
    record: object = environment,
  ): Promise<void> {
    ({ fixture, page, http } = await openTestPage(FreezeWindowsPage, {
      grants,
      inputs: { owner, name: owner === 'environments' ? 'pr1' : 'Prod' },
      replies: (mock) =>
        mock.expectOne(`/api/v1/config/${owner}/${owner === 'environments' ? 'pr1' : 'Prod'}`).flush(record),
    }));
  }

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  const rows = () =>
    Array.from(page.querySelectorAll('table.windows tbody tr')).map((row) =>
      Array.from(row.querySelectorAll('td.name, td.when, td.reason')).map((c) =>
        c.textContent?.replace(/\s+/g, ' ').trim(),
      ),
    );
  const button = (css: string) => page.querySelector<HTMLButtonElement>(`button.${css}`)!;

  it('lists one-off and recurring windows, and offers no changes to a user who may not edit', async () => {
    await open([]);

    expect(page.querySelector('h1')?.textContent).toContain('Freeze windows of environment pr1');
    expect(rows()).toEqual([
      ['Christmas', jasmine.stringMatching(/^2030-12-\d\d \d\d:\d\d to 2031-01-04 \d\d:\d\d$/), 'peak sales'],
      ['Weekend', 'Fri 16:00 to Mon 08:00 Europe/London, every week', ''],
    ]);
    expect(page.querySelector('button.remove')).toBeNull();
    expect(page.querySelector('form.add')).toBeNull();
  });

  it('adds a recurring window, keeping the rest of the record, with the version last read', async () => {
    await open(editor);

    page.querySelectorAll<HTMLInputElement>('mat-radio-button input')[1]!.click();
    await settle(fixture);
    typeInto(page, 'name', 'Nightly batch');
    typeInto(page, 'start', '22:00');
    typeInto(page, 'end', '02:00');
    typeInto(page, 'timeZone', 'America/New_York');
    button('add-window').click();
    await settle(fixture);

    const put = http.expectOne('/api/v1/config/environments/pr1');
    expect(put.request.method).toBe('PUT');
    expect(put.request.headers.get('If-Match')).toBe('"4"');
    const sent = sentBody(put);
    expect(sent.Description).toBe('kept on save');
    expect(sent.FreezeWindows).toEqual([
      christmas,
      weekend,
      { Name: 'Nightly batch', Recurring: { Start: '22:00', End: '02:00', TimeZone: 'America/New_York' } },
    ]);
    put.flush({ ...environment, Value: sent, Version: 5 });
    await settle(fixture);
    expect(rows().length).toBe(3);
  });

  it('checks a window with the shared schema before asking the server', async () => {
    await open(editor);

    page.querySelectorAll<HTMLInputElement>('mat-radio-button input')[1]!.click();
    await settle(fixture);
    typeInto(page, 'name', 'Weekend 2');
    typeInto(page, 'start', 'Fri 16:00');
    typeInto(page, 'end', 'Mon 08:00');
    typeInto(page, 'timeZone', 'Europe/Londn');
    button('add-window').click();
    await settle(fixture);

    http.expectNone('/api/v1/config/environments/pr1');
    expect(page.querySelector('.draft-problem')?.textContent).toContain(
      'Recurring.TimeZone must be an IANA time zone',
    );
  });

  it('adds a one-off window as ISO date-times, and shows a refusal in words', async () => {
    await open(editor);

    typeInto(page, 'name', 'Launch');
    typeInto(page, 'start', '2031-03-01T09:00');
    typeInto(page, 'end', '2031-03-02T09:00');
    button('add-window').click();
    await settle(fixture);

    const put = http.expectOne('/api/v1/config/environments/pr1');
    const added = sentBody(put).FreezeWindows[2];
    expect(added.Name).toBe('Launch');
    expect(Date.parse(added.End) - Date.parse(added.Start)).toBe(86_400_000);
    flushProblem(put, { status: 409, detail: 'environment pr1 is at version 5, not 4' });
    await settle(fixture);
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('is at version 5, not 4');
  });

  it('removes a window from an environment type for an admin', async () => {
    const type = { EnvironmentType: 'Prod', Value: { FreezeWindows: [weekend] }, Version: 2 };
    await open([{ Action: 'admin', Clusters: 'all', EnvironmentTypes: 'all' }], 'environment-types', type);

    expect(page.querySelector('h1')?.textContent).toContain('environment type Prod');
    button('remove').click();
    await settle(fixture);
    const put = http.expectOne('/api/v1/config/environment-types/Prod');
    expect(put.request.headers.get('If-Match')).toBe('"2"');
    expect(sentBody(put)).toEqual({});
    put.flush({ ...type, Value: {}, Version: 3 });
    await settle(fixture);
    expect(page.querySelector('.empty')?.textContent).toContain('No freeze windows.');
  });
});
