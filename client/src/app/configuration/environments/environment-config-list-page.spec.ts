import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture } from '@angular/core/testing';
import { MatTooltip } from '@angular/material/tooltip';
import { By } from '@angular/platform-browser';
import type { Grant } from '@shared/auth/permission';
import type { Environment } from '@shared/catalogue/environment';
import { Confirmation } from '../../core/confirmation';
import { settle } from '../../core/settle';
import { chooseIn } from '../../core/test-form';
import { openTestPage } from '../../core/test-page';
import { EnvironmentConfigListPage } from './environment-config-list-page';
import { flushProblem } from '../../core/test-problem';

function environment(name: string, type: string, team: string, version = 1): Environment {
  return {
    EnvironmentName: name,
    Value: { EnvironmentType: type, OwningCluster: team, DeploymentMap: 'core' },
    Version: version,
  };
}
const all = [
  environment('pr1', 'Prod', 'Tango', 9),
  environment('st1', 'NonProd', 'Infra'),
  environment('st2', 'NonProd', 'Tango', 2),
];
const tangoNonProd: Grant = {
  Action: 'edit-environments',
  Clusters: ['Tango'],
  EnvironmentTypes: ['NonProd'],
};

describe('EnvironmentConfigListPage', () => {
  let fixture: ComponentFixture<EnvironmentConfigListPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  async function open(grants: Grant[]): Promise<void> {
    ({ fixture, page, http } = await openTestPage(EnvironmentConfigListPage, {
      grants,
      providers: [{ provide: Confirmation, useValue: { ask: () => Promise.resolve(true) } }],
      replies: (http) => {
        http.expectOne('/api/v1/config/environments').flush(all);
      },
    }));
  }

  afterEach(() => http.verify());

  const names = () =>
    Array.from(page.querySelectorAll('tbody tr td:first-child')).map((c) => c.textContent?.trim());
  const deleteButtons = () => Array.from(page.querySelectorAll<HTMLButtonElement>('button.delete'));

  it('filters by type and by team', async () => {
    await open([]);
    expect(names()).toEqual(['pr1', 'st1', 'st2']);

    chooseIn(page, 'type', 'NonProd');
    await settle(fixture);
    expect(names()).toEqual(['st1', 'st2']);
    chooseIn(page, 'team', 'Tango');
    await settle(fixture);
    expect(names()).toEqual(['st2']);
  });

  it('enables Delete only where the grant covers the team and type, giving the reason elsewhere', async () => {
    await open([tangoNonProd]);

    expect(page.querySelector('button.create')?.getAttribute('aria-disabled')).not.toBe('true');
    expect(deleteButtons().map((b) => b.getAttribute('aria-disabled') === 'true')).toEqual([
      true,
      true,
      false,
    ]);
    const tooltips = fixture.debugElement
      .queryAll(By.css('button.delete'))
      .map((b) => b.injector.get(MatTooltip).message);
    expect(tooltips[0]).toBe(
      'Needs the "edit-environments" permission for team Tango and environment type Prod.',
    );
  });

  it('disables New for a user with no edit-environments grant at all', async () => {
    await open([{ Action: 'deploy', Clusters: 'all', EnvironmentTypes: 'all' }]);

    expect(page.querySelector('button.create')?.getAttribute('aria-disabled')).toBe('true');
    expect(page.querySelector('#environments-read-only')?.textContent).toContain(
      'Needs the "edit-environments" permission.',
    );
  });

  it('deletes with If-Match and, after a 409, offers to reload the list', async () => {
    await open([tangoNonProd]);

    deleteButtons()[2]!.click();
    await settle(fixture);
    const request = http.expectOne('/api/v1/config/environments/st2');
    expect(request.request.method).toBe('DELETE');
    expect(request.request.headers.get('If-Match')).toBe('"2"');
    flushProblem(request, {
      status: 409,
      detail: 'Environment st2 has changed: you sent version 2, the current version is 3',
    });
    await settle(fixture);

    expect(page.querySelector('app-config-problem')?.textContent).toContain('Someone else changed this');
    page.querySelector<HTMLButtonElement>('button.reload')!.click();
    await settle(fixture);
    http.expectOne('/api/v1/config/environments').flush(all);
    await settle(fixture);
    expect(page.querySelector('app-config-problem')).toBeNull();
  });
});
