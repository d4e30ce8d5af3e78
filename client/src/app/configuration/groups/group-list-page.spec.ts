import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { Grant } from '@shared/auth/permission';
import { Confirmation } from '../../core/confirmation';
import { settle } from '../../core/settle';
import { openTestPage } from '../../core/test-page';
import { GroupListPage } from './group-list-page';
import { flushProblem, listedReferrers } from '../../core/test-problem';

describe('GroupListPage', () => {
  let fixture: ComponentFixture<GroupListPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  async function open(grants: Grant[], count = 2): Promise<void> {
    ({ fixture, page, http } = await openTestPage(GroupListPage, {
      grants,
      replies: (http) => {
        const names = [
          'operators',
          'platform',
          ...Array.from({ length: count - 2 }, (_, i) => `team-${100 + i}`),
        ];
        http.expectOne('/api/v1/groups').flush(names.map((GroupName) => ({ GroupName, Version: 4 })));
      },
    }));
  }

  afterEach(() => http.verify());

  const admin: Grant[] = [{ Action: 'admin', Clusters: 'all', EnvironmentTypes: 'all' }];
  const rows = () => Array.from(page.querySelectorAll('tbody tr'));

  it('names the users and clusters still using a group when its delete is refused', async () => {
    await open(admin);
    spyOn(TestBed.inject(Confirmation), 'ask').and.resolveTo(true);

    rows()[1]!.querySelector<HTMLButtonElement>('button.delete')!.click();
    await settle(fixture);
    const request = http.expectOne('/api/v1/groups/platform');
    expect(request.request.method).toBe('DELETE');
    expect(request.request.headers.get('If-Match')).toBe('"4"');
    flushProblem(request, {
      status: 409,
      detail: 'Group platform is still referenced by Cluster:Infra, User:grace',
      referrers: ['Cluster:Infra', 'User:grace'],
    });
    await settle(fixture);

    const listed = listedReferrers(page);
    expect(listed).toEqual(['team Infra', 'user grace']);
    expect(rows().length).toBe(2);
  });

  it('creates a group with the name and description typed', async () => {
    await open(admin);
    const type = (name: string, value: string) => {
      const input = page.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    type('GroupName', 'release-managers');
    type('Description', 'Approve production deployments');
    page.querySelector<HTMLButtonElement>('button.create-group')!.click();
    await settle(fixture);

    const request = http.expectOne('/api/v1/groups');
    expect(request.request.body).toEqual({
      GroupName: 'release-managers',
      Description: 'Approve production deployments',
    });
    request.flush({ ...request.request.body, Version: 1 }, { status: 201, statusText: 'Created' });
    await settle(fixture);
    expect(rows().map((r) => r.querySelector('td')?.textContent)).toContain('release-managers');
  });

  it('pages a long list and disables changes with the reason for a non-administrator', async () => {
    await open([{ Action: 'edit-environments', Clusters: 'all', EnvironmentTypes: 'all' }], 60);

    expect(rows().length).toBe(25);
    expect(page.querySelector('mat-paginator')).not.toBeNull();
    const remove = rows()[0]!.querySelector<HTMLButtonElement>('button.delete')!;
    expect(remove.getAttribute('aria-disabled')).toBe('true');
    expect(page.querySelector('button.create-group')?.getAttribute('aria-disabled')).toBe('true');
    remove.click();
    await settle(fixture);
    http.expectNone('/api/v1/groups/operators');
  });

  it('saves an edited description with If-Match at the version listed', async () => {
    await open(admin);
    rows()[1]!.querySelector<HTMLButtonElement>('button.edit')!.click();
    await settle(fixture);
    const input = page.querySelector<HTMLInputElement>('input[name="EditDescription"]')!;
    input.value = '  Runs the platform  ';
    input.dispatchEvent(new Event('input'));
    page.querySelector<HTMLButtonElement>('button.save-description')!.click();
    await settle(fixture);

    const request = http.expectOne('/api/v1/groups/platform');
    expect(request.request.method).toBe('PUT');
    expect(request.request.headers.get('If-Match')).toBe('"4"');
    expect(request.request.body).toEqual({ Description: 'Runs the platform' });
    request.flush({ GroupName: 'platform', Description: 'Runs the platform', Version: 5 });
    await settle(fixture);

    expect(page.querySelector('input[name="EditDescription"]')).toBeNull();
    expect(rows()[1]!.textContent).toContain('Runs the platform');
  });

  it('shows the server refusing a description at the field', async () => {
    await open(admin);
    rows()[0]!.querySelector<HTMLButtonElement>('button.edit')!.click();
    await settle(fixture);
    page.querySelector<HTMLButtonElement>('button.save-description')!.click();
    await settle(fixture);

    const request = http.expectOne('/api/v1/groups/operators');
    expect(request.request.body).toEqual({});
    flushProblem(request, {
      status: 400,
      errors: [{ field: 'body.Description', message: 'is not allowed here' }],
    });
    await settle(fixture);

    expect(page.querySelector('form.describe mat-error')?.textContent).toContain('is not allowed here');
  });

  it('disables Edit with the reason for a non-administrator', async () => {
    await open([{ Action: 'edit-environments', Clusters: 'all', EnvironmentTypes: 'all' }]);

    const edit = rows()[0]!.querySelector<HTMLButtonElement>('button.edit')!;
    expect(edit.getAttribute('aria-disabled')).toBe('true');
    edit.click();
    await settle(fixture);
    expect(page.querySelector('input[name="EditDescription"]')).toBeNull();
  });
});
