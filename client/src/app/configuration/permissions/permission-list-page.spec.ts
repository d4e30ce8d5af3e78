import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture } from '@angular/core/testing';
import type { Grant } from '@shared/auth/permission';
import { openTestPage } from '../../core/test-page';
import { PermissionListPage } from './permission-list-page';

describe('PermissionListPage', () => {
  let page: HTMLElement;
  let http: HttpTestingController;
  let fixture: ComponentFixture<PermissionListPage>;

  const admin: Grant[] = [{ Action: 'admin', Clusters: 'all', EnvironmentTypes: 'all' }];

  it("lists a record's grants, and the original's rules it holds apart with the note", async () => {
    ({ fixture, page, http } = await openTestPage(PermissionListPage, {
      grants: admin,
      replies: (http) => {
        http.expectOne('/api/v1/config/permissions').flush([
          {
            Name: 'GG-Rubik-Developers',
            Permissions: [
              { Resource: '**/deploy**', Access: 'POST', Clusters: ['rubik'], EnvironmentTypes: ['cluster'] },
              { Action: 'deploy', Clusters: ['Rubik'], EnvironmentTypes: 'all' },
              { EnvironmentType: 'cluster' },
            ],
            Version: 2,
          },
          {
            Name: 'platform',
            Permissions: [{ Action: 'admin', Clusters: 'all', EnvironmentTypes: 'all' }],
            Version: 1,
          },
        ]);
      },
    }));
    expect(fixture).toBeDefined();

    const rows = Array.from(page.querySelectorAll('tbody tr'));
    expect(rows.length).toBe(2);
    const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();
    expect(Array.from(rows[0]!.querySelectorAll('ul.grants li')).map(text)).toEqual([
      'deploy on clusters Rubik, environment types all',
    ]);
    expect(text(rows[0]!.querySelector('.original-rules-note'))).toBe(
      'Rules from the original Environment Manager grant nothing here: replace them with grants.',
    );
    expect(Array.from(rows[0]!.querySelectorAll('ul.original-rules li')).map(text)).toEqual([
      'POST **/deploy**, on clusters rubik, on environment types cluster',
      'environment type cluster',
    ]);
    expect(rows[1]!.querySelector('.original-rules-note')).toBeNull();
    http.verify();
  });
});
