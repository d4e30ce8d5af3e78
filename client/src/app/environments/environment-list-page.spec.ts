import { HttpTestingController } from '@angular/common/http/testing';
import { formatDate } from '@angular/common';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { settle } from '../core/settle';
import { configureTestPage } from '../core/test-page';
import { EnvironmentListPage } from './environment-list-page';
import { testEnvironment, testLockedAt } from './test-fleet';
import { flushProblem } from '../core/test-problem';

describe('EnvironmentListPage', () => {
  let fixture: ComponentFixture<EnvironmentListPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  beforeEach(() => {
    http = configureTestPage(EnvironmentListPage);
    fixture = TestBed.createComponent(EnvironmentListPage);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  function rows(): string[][] {
    return Array.from(page.querySelectorAll('tbody tr')).map((row) =>
      Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent?.trim() ?? ''),
    );
  }

  function choose(name: string, value: string): void {
    const select = page.querySelector<HTMLSelectElement>(`select[name="${name}"]`)!;
    select.value = value;
    select.dispatchEvent(new Event('change'));
  }

  async function answer(): Promise<void> {
    http
      .expectOne('/api/v1/environments')
      .flush([
        testEnvironment({ name: 'pr1', type: 'Production', team: 'Tango', locked: true }),
        testEnvironment({ name: 'st1', type: 'Staging', team: 'Infra', maintenance: true }),
        testEnvironment({ name: 'st2', type: 'Staging', team: 'Tango' }),
      ]);
    await settle(fixture);
  }

  it('lists each environment as a link with its type, team and a plain state badge', async () => {
    await answer();

    const lock = `Locked by alice at ${formatDate(testLockedAt, 'yyyy-MM-dd HH:mm', 'en-US')}: Release freeze for the data-centre move`;
    expect(rows()).toEqual([
      ['pr1', 'Production', 'Tango', `Deployments locked. ${lock}`],
      ['st1', 'Staging', 'Infra', 'In maintenance'],
      ['st2', 'Staging', 'Tango', 'Open'],
    ]);
    expect(page.querySelector('tbody a')?.getAttribute('href')).toBe('/environments/pr1');
    const badge = page.querySelector('.badge.locked')!;
    expect(badge.querySelector('.visually-hidden')?.textContent?.trim()).toBe(`. ${lock}`);
    badge.dispatchEvent(new MouseEvent('mouseenter'));
    await settle(fixture);
    await new Promise((resolve) => setTimeout(resolve));
    expect(document.querySelector('.mat-mdc-tooltip')?.textContent?.trim()).toBe(lock);
  });

  it('filters by type and by team in the page', async () => {
    await answer();

    choose('type', 'Staging');
    await settle(fixture);
    expect(rows().map((row) => row[0])).toEqual(['st1', 'st2']);

    choose('team', 'Tango');
    await settle(fixture);
    expect(rows().map((row) => row[0])).toEqual(['st2']);

    choose('type', 'Production');
    choose('team', 'Infra');
    await settle(fixture);
    expect(rows()).toEqual([]);
    expect(page.textContent).toContain('No environment matches these filters');
  });

  it('pages hundreds of environments and filters them by name as typed', async () => {
    http
      .expectOne('/api/v1/environments')
      .flush(
        Array.from({ length: 300 }, (_, i) =>
          testEnvironment({ name: `e${String(i).padStart(3, '0')}`, type: 'Staging', team: 'Infra' }),
        ),
      );
    await settle(fixture);
    expect(rows().length).toBe(25);
    expect(rows()[0]![0]).toBe('e000');
    expect(page.querySelector('mat-paginator')?.textContent).toContain('of 300');

    const filter = page.querySelector<HTMLInputElement>('input[name="filter"]')!;
    filter.value = 'e29';
    filter.dispatchEvent(new Event('input'));
    await settle(fixture);
    expect(rows().map((row) => row[0])).toEqual(Array.from({ length: 10 }, (_, i) => `e29${i}`));
  });

  it('shows the server problem when the list cannot be loaded', async () => {
    flushProblem(http.expectOne('/api/v1/environments'), { status: 503, detail: 'DynamoDB is unavailable' });
    await settle(fixture);

    expect(page.querySelector('[role="alert"]')?.textContent).toContain('DynamoDB is unavailable');
    expect(page.querySelector('table')).toBeNull();
  });
});
