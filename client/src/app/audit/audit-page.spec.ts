import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { settle } from '../core/settle';
import { configureTestPage } from '../core/test-page';
import { AuditPage } from './audit-page';
import { testAuditEntry } from './test-audit-entry';
import { flushProblem } from '../core/test-problem';

describe('AuditPage', () => {
  let fixture: ComponentFixture<AuditPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  beforeEach(() => {
    http = configureTestPage(AuditPage);
    fixture = TestBed.createComponent(AuditPage);
    page = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => http.verify());

  function listRequest(): TestRequest {
    return http.expectOne((r) => r.url === '/api/v1/audit');
  }

  function keys(): string[] {
    return Array.from(page.querySelectorAll('tbody tr td:nth-child(5)')).map((td) => td.textContent!.trim());
  }

  function button(text: string): HTMLButtonElement | undefined {
    return Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.trim() === text);
  }

  it('asks with the URL filters, ChangedBy included, and lists the entries', async () => {
    fixture.componentRef.setInput('type', 'Service');
    fixture.componentRef.setInput('entity', 'checkout');
    fixture.componentRef.setInput('user', 'ada');
    fixture.componentRef.setInput('change', 'Updated');
    fixture.componentRef.setInput('since', '2026-11-01T00:00:00.000Z');
    fixture.detectChanges();

    const request = listRequest();
    const params = request.request.params;
    expect(params.get('Entity.Type')).toBe('Service');
    expect(params.get('Entity.Key')).toBe('checkout');
    expect(params.get('ChangedBy')).toBe('ada');
    expect(params.get('ChangeType')).toBe('Updated');
    expect(params.get('since')).toBe('2026-11-01T00:00:00.000Z');
    expect(params.has('until')).toBeFalse();
    request.flush([
      testAuditEntry({ key: 'checkout' }),
      testAuditEntry({ id: '01KB0000000000000000000000', key: 'checkout' }),
    ]);
    await settle(fixture);

    expect(keys()).toEqual(['checkout', 'checkout']);
    expect(page.querySelector<HTMLInputElement>('input[name="user"]')!.value).toBe('ada');
    expect(page.querySelector('tbody td:nth-child(5) a')?.getAttribute('href')).toBe('/catalogue/checkout');
    expect(page.textContent).toContain('2 entries: the whole range');
  });

  it('looks back seven days when the URL gives no since', async () => {
    fixture.detectChanges();
    const request = listRequest();
    const since = Date.parse(request.request.params.get('since')!);
    expect(Math.abs(Date.now() - 7 * 86_400_000 - since)).toBeLessThan(60_000);
    expect(request.request.params.has('ChangedBy')).toBeFalse();
    request.flush([]);
    await settle(fixture);
    expect(page.textContent).toContain('No change matches these filters');
  });

  it('puts the chosen filters, the user among them, in the URL', async () => {
    fixture.detectChanges();
    listRequest().flush([]);
    await settle(fixture);
    const navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);

    const user = page.querySelector<HTMLInputElement>('input[name="user"]')!;
    user.value = 'grace';
    user.dispatchEvent(new Event('input'));
    const type = page.querySelector<HTMLSelectElement>('select[name="type"]')!;
    type.value = 'Environment';
    type.dispatchEvent(new Event('change'));
    page.querySelector('form')!.dispatchEvent(new Event('submit'));

    expect(navigate).toHaveBeenCalledTimes(1);
    const queryParams = navigate.calls.mostRecent().args[1]!.queryParams!;
    expect(queryParams['user']).toBe('grace');
    expect(queryParams['type']).toBe('Environment');
    expect(queryParams['entity']).toBeNull();
    expect(typeof queryParams['since']).toBe('string');
  });

  it('refuses a user name the server would refuse, without asking', async () => {
    fixture.detectChanges();
    listRequest().flush([]);
    await settle(fixture);
    const navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);

    const user = page.querySelector<HTMLInputElement>('input[name="user"]')!;
    user.value = 'not a name';
    user.dispatchEvent(new Event('input'));
    page.querySelector('form')!.dispatchEvent(new Event('submit'));
    await settle(fixture);

    expect(navigate).not.toHaveBeenCalled();
    expect(page.querySelector('mat-error')?.textContent).toContain('The user name may contain only letters');
  });

  it("shows the server's refusal of ChangedBy at the user field", async () => {
    fixture.componentRef.setInput('user', 'ada');
    fixture.detectChanges();
    flushProblem(listRequest(), {
      title: 'Bad request',
      status: 400,
      detail: 'invalid query',
      errors: [{ field: 'query.ChangedBy', message: 'is not a user' }],
    });
    await settle(fixture);

    expect(page.querySelector('mat-error')?.textContent).toContain('The user name is not a user');
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('invalid query');
  });

  it('appends the page the Link header points to, and stops when there is none', async () => {
    fixture.componentRef.setInput('user', 'ada');
    fixture.detectChanges();
    const next =
      '/api/v1/audit?ChangedBy=ada&since=2026-11-20T00%3A00%3A00.000Z&until=2026-11-27T10%3A00%3A00.000Z&cursor=abc';
    listRequest().flush([testAuditEntry({ key: 'one' })], {
      headers: { Link: `<${next}>; rel="next"` },
    });
    await settle(fixture);
    expect(keys()).toEqual(['one']);

    button('Load more')!.click();
    const more = http.expectOne(next);
    expect(more.request.params.keys()).toEqual([]);
    more.flush([testAuditEntry({ id: '01KB0000000000000000000000', key: 'two' })]);
    await settle(fixture);

    expect(keys()).toEqual(['one', 'two']);
    expect(button('Load more')).toBeUndefined();
  });

  it('offers Load more after an empty filtered page that has a next cursor', async () => {
    fixture.detectChanges();
    listRequest().flush([], { headers: { Link: '</api/v1/audit?cursor=xyz>; rel="next"' } });
    await settle(fixture);

    expect(page.textContent).toContain('older changes may still match');
    expect(page.textContent).not.toContain('No change matches');
    button('Load more')!.click();
    http.expectOne('/api/v1/audit?cursor=xyz').flush([testAuditEntry({ key: 'found' })]);
    await settle(fixture);
    expect(keys()).toEqual(['found']);
  });

  it('opens a deep-linked entry with its removed and added lines side by side', async () => {
    fixture.componentRef.setInput('key', '01KB0000000000000000000009');
    fixture.detectChanges();
    listRequest().flush([]);
    http.expectOne('/api/v1/audit/01KB0000000000000000000009').flush(
      testAuditEntry({
        id: '01KB0000000000000000000009',
        oldValue: { Port: 8080, Name: 'checkout', Owner: 'Infra' },
        newValue: { Name: 'checkout', Owner: 'Infra', Port: 8081, Team: 'Pay' },
      }),
    );
    await settle(fixture);

    const lines = (selector: string) =>
      Array.from(page.querySelectorAll(selector)).map((cell) => cell.textContent!.trim());
    expect(lines('.diff td.removed code')).toEqual(['"Port": 8080']);
    expect(lines('.diff td.removed .marker')).toEqual(['-']);
    expect(lines('.diff td.removed .visually-hidden')).toEqual(['Removed:']);
    expect(lines('.diff td.added code')).toEqual(['"Port": 8081,', '"Team": "Pay"']);
    expect(lines('.diff td.added .marker')).toEqual(['+', '+']);
    expect(lines('.diff td.added .visually-hidden')).toEqual(['Added:', 'Added:']);
    expect(lines('.diff tr.same td.line')).toContain('"Name": "checkout",');
    expect(page.querySelector('app-audit-entry-detail h2')?.textContent).toContain(
      'Updated Service checkout',
    );
    expect(page.textContent).toContain('1 line removed, 2 lines added');
  });

  it('shows only the new value of a created record, and links an environment to its page', async () => {
    fixture.componentRef.setInput('id', '01KB0000000000000000000007');
    fixture.detectChanges();
    listRequest().flush([]);
    http
      .expectOne('/api/v1/audit/01KB0000000000000000000007')
      .flush(testAuditEntry({ change: 'Created', type: 'Environment', key: 'st1', newValue: { A: 1 } }));
    await settle(fixture);

    expect(page.querySelector('.diff')).toBeNull();
    expect(page.querySelector('pre[aria-label="New value"]')?.textContent).toBe('{\n  "A": 1\n}');
    expect(page.querySelector('app-audit-entry-detail a')?.getAttribute('href')).toBe('/environments/st1');
  });

  it('explains an entry that cannot be found', async () => {
    fixture.componentRef.setInput('key', '01KB0000000000000000000008');
    fixture.detectChanges();
    listRequest().flush([]);
    flushProblem(http.expectOne('/api/v1/audit/01KB0000000000000000000008'), {
      title: 'Not found',
      status: 404,
      detail: 'no audit entry 01KB0000000000000000000008',
    });
    await settle(fixture);

    expect(page.querySelector('[role="alert"]')?.textContent).toContain('no audit entry');
  });
});
