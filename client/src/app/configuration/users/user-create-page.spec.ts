import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatTooltip } from '@angular/material/tooltip';
import { By } from '@angular/platform-browser';
import { Router } from '@angular/router';
import type { Grant } from '@shared/auth/permission';
import { settle } from '../../core/settle';
import { openTestPage } from '../../core/test-page';
import { UserCreatePage } from './user-create-page';
import { flushProblem } from '../../core/test-problem';

describe('UserCreatePage', () => {
  let fixture: ComponentFixture<UserCreatePage>;
  let page: HTMLElement;
  let http: HttpTestingController;
  let navigate: jasmine.Spy;

  async function open(grants: Grant[]): Promise<void> {
    ({ fixture, page, http } = await openTestPage(UserCreatePage, {
      grants,
      replies: (http) => {
        http.expectOne('/api/v1/groups').flush([
          { GroupName: 'operators', Version: 1 },
          { GroupName: 'platform', Description: 'Platform team', Version: 2 },
        ]);
      },
    }));
    navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
  }

  afterEach(() => http.verify());

  const admin: Grant[] = [{ Action: 'admin', Clusters: 'all', EnvironmentTypes: 'all' }];
  const saveButton = () => page.querySelector<HTMLButtonElement>('button.save')!;

  function type(name: string, value: string): void {
    const input = page.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
  }

  async function chooseGroup(name: string): Promise<void> {
    page.querySelector<HTMLElement>('mat-select.groups .mat-mdc-select-trigger')!.click();
    await settle(fixture);
    Array.from(document.querySelectorAll<HTMLElement>('mat-option'))
      .find((o) => o.textContent?.trim() === name)!
      .click();
    await settle(fixture);
  }

  it('refuses a password shorter than the shared rule allows, at the field', async () => {
    await open(admin);
    type('Username', 'grace');
    type('Password', 'short');
    saveButton().click();
    await settle(fixture);

    http.expectNone('/api/v1/users');
    const field = page.querySelector('input[name="Password"]')!.closest('mat-form-field')!;
    expect(field.querySelector('mat-error')?.textContent).toContain('must be at least 12 characters');
  });

  it('sends the new user with their groups and opens their page', async () => {
    await open(admin);
    type('Username', 'grace');
    type('DisplayName', 'Grace Hopper');
    type('Email', 'grace@example.com');
    await chooseGroup('platform');
    type('Password', 'correct horse battery');
    saveButton().click();
    await settle(fixture);

    const request = http.expectOne('/api/v1/users');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      Username: 'grace',
      DisplayName: 'Grace Hopper',
      Email: 'grace@example.com',
      Groups: ['platform'],
      Password: 'correct horse battery',
    });
    request.flush(
      {
        Username: 'grace',
        DisplayName: 'Grace Hopper',
        Email: 'grace@example.com',
        Groups: ['platform'],
        Disabled: false,
        Version: 1,
      },
      { status: 201, statusText: 'Created' },
    );
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith(['/configuration/users', 'grace']);
  });

  it("shows the server's refusal of a username at that field", async () => {
    await open(admin);
    type('Username', 'grace');
    type('Password', 'correct horse battery');
    saveButton().click();
    await settle(fixture);
    flushProblem(http.expectOne('/api/v1/users'), {
      title: 'Bad request',
      status: 400,
      detail: 'invalid',
      errors: [{ field: 'body.Groups.0', message: 'names a group that does not exist' }],
    });
    await settle(fixture);

    const field = page.querySelector('mat-select.groups')!.closest('mat-form-field')!;
    expect(field.querySelector('mat-error')?.textContent).toContain('names a group that does not exist');
  });

  it('disables Create with the reason for a user who is not an administrator', async () => {
    await open([{ Action: 'admin', Clusters: ['Infra'], EnvironmentTypes: 'all' }]);

    expect(saveButton().getAttribute('aria-disabled')).toBe('true');
    const tooltip = fixture.debugElement.query(By.css('button.save')).injector.get(MatTooltip);
    expect(tooltip.message).toBe('Needs the "admin" permission for all teams and environment types.');
    type('Username', 'grace');
    type('Password', 'correct horse battery');
    saveButton().click();
    await settle(fixture);
    http.expectNone('/api/v1/users');
  });
});
