import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture } from '@angular/core/testing';
import type { Grant } from '@shared/auth/permission';
import { Confirmation } from '../../core/confirmation';
import { settle } from '../../core/settle';
import { openTestPage } from '../../core/test-page';
import { adminGrant } from '../../core/test-sign-in';
import { ImportExportPage } from './import-export-page';
import { flushProblem } from '../../core/test-problem';

const teams = [
  { ClusterName: 'Tango', Value: { ShortName: 'tan' }, Version: 2 },
  { ClusterName: 'Infra', Value: { ShortName: 'INF' }, Version: 1 },
  { ClusterName: 'Kilo', Value: { ShortName: 'kil' } },
];

describe('ImportExportPage', () => {
  let fixture: ComponentFixture<ImportExportPage>;
  let page: HTMLElement;
  let http: HttpTestingController;
  let ask: jasmine.Spy;

  async function open(grants: Grant[]): Promise<void> {
    ask = jasmine.createSpy('ask').and.resolveTo(true);
    ({ fixture, page, http } = await openTestPage(ImportExportPage, {
      grants,
      providers: [{ provide: Confirmation, useValue: { ask } }],
    }));
  }

  afterEach(() => http.verify());

  async function chooseFile(resource: string, content: string, name = `${resource}.json`): Promise<void> {
    const input = page.querySelector<HTMLInputElement>(`input[type="file"][data-resource="${resource}"]`)!;
    const files = new DataTransfer();
    files.items.add(new File([content], name, { type: 'application/json' }));
    input.files = files.files;
    input.dispatchEvent(new Event('change'));
    // The page reads the file with Blob.text(), which no fixed number of turns is sure to outlast on a
    // busy machine: wait until it has taken the file or refused it (the change clears both at once).
    const screen = fixture.componentInstance;
    for (let turn = 0; turn < 50 && screen.pending() === null && screen.fileProblem() === null; turn++) {
      await settle(fixture);
    }
  }
  const click = (css: string) => page.querySelector<HTMLButtonElement>(css)!.click();

  it('disables Export and Import with the reason for a user without admin', async () => {
    await open([{ Action: 'edit-environments', Clusters: 'all', EnvironmentTypes: 'all' }]);

    const exports = Array.from(page.querySelectorAll('button.export'));
    expect(exports.length).toBe(7);
    expect(exports.every((b) => b.getAttribute('aria-disabled') === 'true')).toBeTrue();
    expect(
      Array.from(page.querySelectorAll<HTMLInputElement>('input[type="file"]')).every((i) => i.disabled),
    ).toBeTrue();
    expect(page.querySelector('#transfer-read-only')?.textContent).toContain('Needs the "admin" permission');
    click('button.export');
    await settle(fixture);
    http.expectNone(() => true);
  });

  it('downloads an export as a JSON file named for the resource', async () => {
    await open([adminGrant]);
    const createObjectURL = spyOn(URL, 'createObjectURL').and.returnValue('blob:export');
    spyOn(URL, 'revokeObjectURL');
    let downloaded: { name: string; href: string } | undefined;
    spyOn(HTMLAnchorElement.prototype, 'click').and.callFake(function (this: HTMLAnchorElement) {
      downloaded = { name: this.download, href: this.href };
    });

    click('button.export[data-resource="clusters"]');
    await settle(fixture);
    http.expectOne('/api/v1/config/export/clusters').flush(teams);
    await settle(fixture);

    expect(downloaded).toEqual({ name: 'clusters.json', href: 'blob:export' });
    const blob = createObjectURL.calls.mostRecent().args[0] as Blob;
    expect(JSON.parse(await blob.text())).toEqual(teams);
  });

  it('counts the records of the chosen file and refuses a file that is not a JSON array', async () => {
    await open([adminGrant]);

    await chooseFile('clusters', '{"ClusterName": "Tango"}', 'one.json');
    expect(page.querySelector('[role="alert"]')?.textContent).toContain(
      'one.json must hold a JSON array of records, as Export writes.',
    );
    expect(page.querySelector('button.import')).toBeNull();

    await chooseFile('clusters', JSON.stringify(teams));
    expect(page.querySelector('.count')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'clusters.json holds 3 records.',
    );
  });

  it('imports after confirmation in the chosen mode and shows what changed', async () => {
    await open([adminGrant]);
    await chooseFile('clusters', JSON.stringify(teams));
    page.querySelectorAll<HTMLInputElement>('mat-radio-button input')[1]!.click();
    await settle(fixture);

    click('button.import');
    await settle(fixture);

    expect(ask).toHaveBeenCalledWith(
      jasmine.objectContaining({
        title: 'Import 3 teams?',
        message: jasmine.stringContaining('deletes every one the file does not hold'),
      }),
    );
    const request = http.expectOne('/api/v1/config/import/clusters?mode=replace');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual(teams);
    request.flush({ created: ['Kilo'], updated: ['Infra'], unchanged: ['Tango'], deleted: ['Old'] });
    await settle(fixture);

    expect(page.querySelector('.result .created')?.textContent?.trim()).toBe('1: Kilo');
    expect(page.querySelector('.result .deleted')?.textContent?.trim()).toBe('1: Old');
  });

  it('sends nothing when the import is not confirmed', async () => {
    await open([adminGrant]);
    ask.and.resolveTo(false);
    await chooseFile('clusters', JSON.stringify(teams));

    click('button.import');
    await settle(fixture);

    http.expectNone(() => true);
  });

  it('lists the refused fields by record number and key', async () => {
    await open([adminGrant]);
    await chooseFile('clusters', JSON.stringify(teams));

    click('button.import');
    await settle(fixture);
    flushProblem(http.expectOne('/api/v1/config/import/clusters?mode=merge'), {
      title: 'Bad request',
      status: 400,
      detail: 'invalid body: body.1.Value.ShortName must be 2 to 4 lower-case letters',
      errors: [
        {
          field: 'body.1.Value.ShortName',
          message: 'must be 2 to 4 lower-case letters (used in ASG names)',
        },
        { field: 'body.2.Value.ADMembershipGroup', message: 'Group nobody does not exist' },
      ],
    });
    await settle(fixture);

    const items = Array.from(page.querySelectorAll('.field-errors li')).map((li) => li.textContent?.trim());
    expect(items).toEqual([
      'Record 2 (Infra), Value.ShortName: must be 2 to 4 lower-case letters (used in ASG names)',
      'Record 3 (Kilo), Value.ADMembershipGroup: Group nobody does not exist',
    ]);
    expect(page.querySelector('app-config-problem')?.textContent).toContain('invalid body');
    expect(page.querySelector('.count')).not.toBeNull();
  });
});
