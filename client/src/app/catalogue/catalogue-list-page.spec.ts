import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { Grant } from '@shared/auth/permission';
import { AuthSession } from '../core/auth-session';
import { settle } from '../core/settle';
import { testSessionUser } from '../core/test-session-user';
import { configureTestPage } from '../core/test-page';
import { CatalogueListPage } from './catalogue-list-page';
import { generatedServices, testService } from './test-catalogue';
import { flushProblem } from '../core/test-problem';

describe('CatalogueListPage', () => {
  let fixture: ComponentFixture<CatalogueListPage>;
  let page: HTMLElement;
  let http: HttpTestingController;
  let navigate: jasmine.Spy;

  async function open(options: { grants?: Grant[]; query?: Record<string, string> } = {}): Promise<void> {
    http = configureTestPage(CatalogueListPage);
    const signingIn = TestBed.inject(AuthSession).signIn({ username: 'ada', password: 'secret' });
    http.expectOne('/api/v1/login').flush(testSessionUser({ grants: options.grants ?? [] }));
    await signingIn;
    navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);

    fixture = TestBed.createComponent(CatalogueListPage);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      fixture.componentRef.setInput(name, value);
    }
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  }

  async function answer(count = 300): Promise<void> {
    http.expectOne('/api/v1/config/services').flush(generatedServices(count).reverse());
    await rendered();
  }

  /** The virtual viewport measures itself and renders on later frames. */
  async function rendered(): Promise<void> {
    await settle(fixture);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await settle(fixture);
  }

  afterEach(() => http.verify());

  const count = () => page.querySelector('.count')?.textContent?.trim();
  const rowNames = () => Array.from(page.querySelectorAll('.row .name')).map((n) => n.textContent?.trim());

  function type(text: string): void {
    const input = page.querySelector<HTMLInputElement>('input[name="search"]')!;
    input.value = text;
    input.dispatchEvent(new Event('input'));
  }

  function choose(name: string, value: string): void {
    const select = page.querySelector<HTMLSelectElement>(`select[name="${name}"]`)!;
    select.value = value;
    select.dispatchEvent(new Event('change'));
  }

  it('shows the count and renders only a window of the rows, each a link to its service, by name', async () => {
    await open();
    await answer(300);

    expect(count()).toBe('300 of 300 services');
    const rows = page.querySelectorAll('.row');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(60);
    expect(rowNames().slice(0, 3)).toEqual(['svc-000', 'svc-001', 'svc-002']);
    expect(page.querySelector('.row a')?.getAttribute('href')).toBe('/catalogue/svc-000');
    expect(rows[0]!.getAttribute('aria-setsize')).toBe('300');
  });

  it('filters as the user types and keeps the search in the URL', async () => {
    await open();
    await answer(300);

    type('ledger 25');
    await rendered();

    expect(count()).toBe('1 of 300 services');
    expect(rowNames()).toEqual(['svc-250']);
    expect(navigate).toHaveBeenCalledWith(
      [],
      jasmine.objectContaining({
        queryParams: { q: 'ledger 25', team: null, lifecycle: null, tag: null, deleted: null },
        replaceUrl: true,
      }),
    );
  });

  it('filters by team, lifecycle and tag from the selects', async () => {
    await open();
    await answer(300);

    choose('team', 'Search');
    await rendered();
    expect(count()).toBe('75 of 300 services');

    choose('lifecycle', 'production');
    choose('tag', 'eu');
    await rendered();
    // i % 4 === 2, i % 3 === 1 and i % 5 === 4: i % 60 === 34
    expect(count()).toBe('5 of 300 services');
    expect(rowNames()).toEqual(['svc-034', 'svc-094', 'svc-154', 'svc-214', 'svc-274']);
    expect(navigate.calls.mostRecent().args[1].queryParams).toEqual({
      q: null,
      team: 'Search',
      lifecycle: 'production',
      tag: 'eu',
      deleted: null,
    });
  });

  it('starts from the filters in a linked URL', async () => {
    await open({ query: { q: 'svc-1', team: 'Infra' } });
    await answer(300);

    expect(page.querySelector<HTMLInputElement>('input[name="search"]')!.value).toBe('svc-1');
    expect(page.querySelector<HTMLSelectElement>('select[name="team"]')!.value).toBe('Infra');
    // svc-100 to svc-199 whose index is a multiple of 4
    expect(count()).toBe('25 of 300 services');
    expect(rowNames()[0]).toBe('svc-100');
  });

  it('asks for deleted services too when "Show deleted" is on, and marks them', async () => {
    await open();
    await answer(3);

    page.querySelector<HTMLButtonElement>('mat-slide-toggle button')!.click();
    await settle(fixture);
    const request = http.expectOne((r) => r.url === '/api/v1/config/services');
    expect(request.request.params.get('include_deleted')).toBe('true');
    request.flush([testService({ name: 'old-one', deleted: true }), testService({ name: 'live' })]);
    await rendered();

    expect(count()).toBe('2 of 2 services');
    expect(page.querySelector('.row .deleted')?.closest('.row')?.querySelector('.name')?.textContent).toBe(
      'old-one',
    );
    expect(navigate.calls.mostRecent().args[1].queryParams.deleted).toBe('true');
  });

  it('moves focus between rows with the arrow keys', async () => {
    await open();
    await answer(300);
    const first = page.querySelector<HTMLAnchorElement>('[data-index="0"]')!;
    first.focus();

    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    await rendered();

    expect(document.activeElement?.getAttribute('data-index')).toBe('1');
  });

  it('disables New service with the reason for a user without edit-catalogue anywhere', async () => {
    await open({ grants: [{ Action: 'deploy', Clusters: 'all', EnvironmentTypes: 'all' }] });
    await answer(3);

    const create = page.querySelector<HTMLButtonElement>('button.create')!;
    expect(create.getAttribute('aria-disabled')).toBe('true');
    expect(page.querySelector('#create-blocker')?.textContent).toContain('You may not edit the catalogue');
    create.click();
    expect(navigate).not.toHaveBeenCalledWith(['/catalogue/new']);
  });

  it('enables New service for a user who may edit the catalogue in one team', async () => {
    await open({ grants: [{ Action: 'edit-catalogue', Clusters: ['Tango'], EnvironmentTypes: 'all' }] });
    await answer(3);

    const create = page.querySelector<HTMLButtonElement>('button.create')!;
    expect(create.getAttribute('aria-disabled')).not.toBe('true');
    create.click();
    expect(navigate).toHaveBeenCalledWith(['/catalogue/new']);
  });

  it('shows the server problem instead of the list when the catalogue cannot be loaded', async () => {
    await open();
    flushProblem(http.expectOne('/api/v1/config/services'), {
      status: 503,
      detail: 'DynamoDB is unavailable',
    });
    await settle(fixture);

    expect(page.querySelector('[role="alert"]')?.textContent).toContain('DynamoDB is unavailable');
    expect(page.querySelector('cdk-virtual-scroll-viewport')).toBeNull();
  });
});
