import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { Grant } from '@shared/auth/permission';
import type { Cluster } from '@shared/catalogue/cluster';
import { settle } from '../../core/settle';
import { fieldErrors, tooltipOf, typeInto } from '../../core/test-form';
import { openTestPage } from '../../core/test-page';
import { adminGrant } from '../../core/test-sign-in';
import { TeamEditPage } from './team-edit-page';
import { flushProblem } from '../../core/test-problem';

const tango: Cluster = {
  ClusterName: 'Tango',
  Value: { ShortName: 'tan', ADMembershipGroup: 'team-tango', SchemaVersion: 2 },
  Version: 4,
};

describe('TeamEditPage', () => {
  let fixture: ComponentFixture<TeamEditPage>;
  let page: HTMLElement;
  let http: HttpTestingController;
  let navigate: jasmine.Spy;

  async function open(options: { grants: Grant[]; name?: string }): Promise<void> {
    ({ fixture, page, http } = await openTestPage(TeamEditPage, {
      grants: options.grants,
      inputs: { name: options.name },
      replies: (http) => {
        if (options.name) {
          http.expectOne(`/api/v1/config/clusters/${options.name}`).flush(tango);
        }
      },
    }));
    navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
  }

  afterEach(() => http.verify());

  const save = () => page.querySelector<HTMLButtonElement>('button.save')!.click();

  it('disables Save with the reason for a user without admin', async () => {
    await open({ grants: [{ Action: 'edit-catalogue', Clusters: ['Tango'], EnvironmentTypes: 'all' }] });

    const button = page.querySelector<HTMLButtonElement>('button.save')!;
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(tooltipOf(fixture, 'button.save')).toContain('Needs the "admin" permission');
    save();
    await settle(fixture);
    http.expectNone('/api/v1/config/clusters');
  });

  it('checks the short name as the server does before sending', async () => {
    await open({ grants: [adminGrant] });
    typeInto(page, 'ClusterName', 'Tango');
    typeInto(page, 'ShortName', 'TANGO');
    save();
    await settle(fixture);

    http.expectNone('/api/v1/config/clusters');
    expect(fieldErrors(page)).toContain(
      'The short name must be 2 to 4 lower-case letters (used in ASG names).',
    );
  });

  it('creates a team with its key and Value, leaving out empty optional fields', async () => {
    await open({ grants: [adminGrant] });
    typeInto(page, 'ClusterName', 'Tango');
    typeInto(page, 'ShortName', 'tan');
    typeInto(page, 'GroupEmailAddress', 'tango@example.com');
    save();
    await settle(fixture);

    const request = http.expectOne('/api/v1/config/clusters');
    expect(request.request.method).toBe('POST');
    expect(JSON.parse(JSON.stringify(request.request.body))).toEqual({
      ClusterName: 'Tango',
      Value: { ShortName: 'tan', GroupEmailAddress: 'tango@example.com' },
    });
    request.flush({ ...tango, Version: 1 });
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith(['/configuration/teams']);
  });

  it('shows a server field error at its field', async () => {
    await open({ grants: [adminGrant] });
    typeInto(page, 'ClusterName', 'Tango');
    typeInto(page, 'ShortName', 'tan');
    typeInto(page, 'ADMembershipGroup', 'nobody');
    save();
    await settle(fixture);

    flushProblem(http.expectOne('/api/v1/config/clusters'), {
      title: 'Bad request',
      status: 400,
      detail: 'Group nobody does not exist',
      errors: [{ field: 'body.Value.ADMembershipGroup', message: 'Group nobody does not exist' }],
    });
    await settle(fixture);

    expect(fieldErrors(page)).toEqual(['The membership group Group nobody does not exist.']);
    expect(page.querySelector('app-problem-banner')?.textContent).toContain('Group nobody does not exist');
    expect(page.querySelector('app-problem-banner li')).toBeNull();
    expect(navigate).not.toHaveBeenCalled();
  });

  it('updates the Value with If-Match, keeping fields the form does not show', async () => {
    await open({ grants: [adminGrant], name: 'Tango' });
    expect(page.querySelector<HTMLInputElement>('[name="ClusterName"]')!.disabled).toBeTrue();
    typeInto(page, 'ShortName', 'tgo');
    save();
    await settle(fixture);

    const request = http.expectOne('/api/v1/config/clusters/Tango');
    expect(request.request.method).toBe('PUT');
    expect(request.request.headers.get('If-Match')).toBe('"4"');
    expect(JSON.parse(JSON.stringify(request.request.body))).toEqual({
      ShortName: 'tgo',
      ADMembershipGroup: 'team-tango',
      SchemaVersion: 2,
    });
    request.flush({ ...tango, Version: 5 });
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith(['/configuration/teams']);
  });

  it('explains a 409 on save and reloads the current version', async () => {
    await open({ grants: [adminGrant], name: 'Tango' });
    typeInto(page, 'ShortName', 'tgo');
    save();
    await settle(fixture);
    flushProblem(http.expectOne('/api/v1/config/clusters/Tango'), {
      status: 409,
      detail: 'Cluster Tango has changed: you sent version 4, the current version is 5',
    });
    await settle(fixture);

    expect(page.querySelector('app-config-problem')?.textContent).toContain('Someone else changed this');
    page.querySelector<HTMLButtonElement>('button.reload')!.click();
    await settle(fixture);
    http
      .expectOne('/api/v1/config/clusters/Tango')
      .flush({ ...tango, Value: { ShortName: 'tng' }, Version: 5 });
    await settle(fixture);

    expect(page.querySelector<HTMLInputElement>('[name="ShortName"]')!.value).toBe('tng');
    expect(page.querySelector('app-config-problem')).toBeNull();
  });
});
