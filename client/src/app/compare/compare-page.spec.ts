import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { Router } from '@angular/router';
import { settle } from '../core/settle';
import { configureTestPage } from '../core/test-page';
import { testEnvironment } from '../environments/test-fleet';
import { ComparePage } from './compare-page';
import { testRunningService } from './test-running-service';
import { flushProblem } from '../core/test-problem';

describe('ComparePage', () => {
  let fixture: ComponentFixture<ComparePage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  beforeEach(() => {
    http = configureTestPage(ComparePage);
    fixture = TestBed.createComponent(ComparePage);
    page = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => http.verify());

  function servicesOf(environment: string): TestRequest {
    return http.expectOne((r) => r.url === '/api/v1/services' && r.params.get('environment') === environment);
  }

  function answerEnvironments(): void {
    http
      .expectOne('/api/v1/environments')
      .flush([
        testEnvironment({ name: 'st1' }),
        testEnvironment({ name: 'pr1' }),
        testEnvironment({ name: 'pr2' }),
      ]);
  }

  function headers(): string[] {
    return Array.from(page.querySelectorAll('thead th')).map((th) =>
      th.textContent!.replace(/\s+/g, ' ').trim(),
    );
  }

  function rows(): string[][] {
    return Array.from(page.querySelectorAll('tbody tr')).map((row) =>
      Array.from(row.querySelectorAll('th, td')).map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim()),
    );
  }

  async function compareTwo(): Promise<void> {
    fixture.componentRef.setInput('env', ['st1', 'pr1']);
    fixture.detectChanges();
    answerEnvironments();
    servicesOf('st1').flush([
      testRunningService('checkout', [
        { Version: '2.9.0', Slice: 'blue', InstanceCount: 2 },
        { Version: '2.8.1', Slice: 'green', InstanceCount: 2 },
      ]),
      testRunningService('search', ['1.4.0']),
      testRunningService('audit-feed', ['0.3.0']),
    ]);
    servicesOf('pr1').flush([
      testRunningService('checkout', ['2.8.1']),
      testRunningService('search', ['1.4.0'], { role: 'Api' }),
    ]);
    await settle(fixture);
  }

  it('builds one table from the environments chosen in the URL: a row per service, a column each', async () => {
    await compareTwo();

    expect(headers()).toEqual(['Service', 'st1', 'pr1']);
    expect(rows()).toEqual([
      ['audit-feed, differs', '0.3.0', 'not deployed'],
      ['checkout, differs', '2.9.0 (blue, 2) / 2.8.1 (green, 2)', '2.8.1'],
      ['search', '1.4.0', '1.4.0'],
    ]);
    expect(page.querySelector('thead a')?.getAttribute('href')).toBe('/environments/st1');
    expect(page.querySelector('tbody th a')?.getAttribute('href')).toBe('/catalogue/audit-feed');
  });

  it('marks the rows whose versions differ with colour and words', async () => {
    await compareTwo();

    const marked = Array.from(page.querySelectorAll('tbody tr.differs th a')).map((a) =>
      a.textContent!.trim(),
    );
    expect(marked).toEqual(['audit-feed', 'checkout']);
    expect(page.querySelectorAll('.differs-marker').length).toBe(2);
    expect(page.querySelector('.summary')?.textContent).toContain('3 services, 2 with versions that differ');
  });

  it('shows only the differences when asked, and filters by service name', async () => {
    await compareTwo();

    page.querySelector<HTMLInputElement>('mat-checkbox input')!.click();
    await settle(fixture);
    expect(rows().map((row) => row[0])).toEqual(['audit-feed, differs', 'checkout, differs']);

    const name = page.querySelector<HTMLInputElement>('input[name="service"]')!;
    name.value = 'CHECK';
    name.dispatchEvent(new Event('input'));
    await settle(fixture);
    expect(rows().map((row) => row[0])).toEqual(['checkout, differs']);

    name.value = 'search';
    name.dispatchEvent(new Event('input'));
    await settle(fixture);
    expect(rows()).toEqual([['No service matches these filters.']]);
  });

  it('shows an environment that fails in its column header, and the others still', async () => {
    fixture.componentRef.setInput('env', ['st1', 'pr1']);
    fixture.detectChanges();
    answerEnvironments();
    servicesOf('st1').flush([testRunningService('search', ['1.4.0'])]);
    flushProblem(servicesOf('pr1'), { status: 503, detail: 'AWS is unavailable' });
    await settle(fixture);

    expect(headers()[2]).toContain('AWS is unavailable');
    expect(page.querySelector('thead th:nth-child(3) [role="alert"]')).not.toBeNull();
    expect(rows()).toEqual([['search', '1.4.0', 'not deployed']]);
    expect(page.querySelectorAll('tbody tr.differs').length).toBe(0);

    Array.from(page.querySelectorAll<HTMLButtonElement>('thead button'))
      .find((b) => b.textContent?.includes('Retry'))!
      .click();
    servicesOf('pr1').flush([testRunningService('search', ['1.5.0'])]);
    await settle(fixture);
    expect(rows()).toEqual([['search, differs', '1.4.0', '1.5.0']]);
  });

  it('puts the chosen environments in the URL', async () => {
    fixture.detectChanges();
    answerEnvironments();
    await settle(fixture);
    expect(page.textContent).toContain('Choose the environments to compare');
    const navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);

    const select = await TestbedHarnessEnvironment.loader(fixture).getHarness(MatSelectHarness);
    await select.open();
    await select.clickOptions({ text: 'pr2' });

    expect(navigate).toHaveBeenCalledWith(['/compare'], { queryParams: { env: ['pr2'] } });
  });

  it('pages a long list of services', async () => {
    fixture.componentRef.setInput('env', 'st1');
    fixture.detectChanges();
    answerEnvironments();
    servicesOf('st1').flush(
      Array.from({ length: 120 }, (_, i) =>
        testRunningService(`svc-${String(i).padStart(3, '0')}`, ['1.0.0']),
      ),
    );
    await settle(fixture);

    expect(rows().length).toBe(50);
    expect(rows()[0]![0]).toBe('svc-000');
    expect(page.querySelector('mat-paginator')).not.toBeNull();
    page.querySelector<HTMLButtonElement>('button[aria-label="Next page"]')!.click();
    await settle(fixture);
    expect(rows()[0]![0]).toBe('svc-050');
  });
});
