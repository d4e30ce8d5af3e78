import { TestBed } from '@angular/core/testing';
import type { Grant } from '@shared/auth/permission';
import { GrantsTable } from './grants-table';

describe('GrantsTable', () => {
  async function render(grants: readonly Grant[]): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(GrantsTable);
    fixture.componentRef.setInput('grants', grants);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('lists each grant with its clusters and environment types', async () => {
    const table = await render([
      { Action: 'deploy', Clusters: ['Infra', 'Tango'], EnvironmentTypes: 'all' },
      { Action: 'toggle-slices', Clusters: 'all', EnvironmentTypes: ['Sandbox'] },
    ]);

    const rows = Array.from(table.querySelectorAll('tr')).map((row) =>
      Array.from(row.querySelectorAll('th, td')).map((cell) => cell.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['Action', 'Clusters', 'Environment types'],
      ['deploy', 'Infra, Tango', 'All'],
      ['toggle-slices', 'All', 'Sandbox'],
    ]);
    expect(table.querySelector('table')?.getAttribute('aria-label')).toBe('Your grants');
  });

  it('says so when the user has no grants', async () => {
    const table = await render([]);

    expect(table.querySelector('table')).toBeNull();
    expect(table.textContent).toContain('You have no grants yet');
  });
});
