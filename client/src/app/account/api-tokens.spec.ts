import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { ApiToken } from '@shared/auth/user';
import { Confirmation } from '../core/confirmation';
import { settle } from '../core/settle';
import { configureTestPage } from '../core/test-page';
import { ApiTokens } from './api-tokens';
import { flushProblem } from '../core/test-problem';
import { typeInto } from '../core/test-form';

function testToken(options: { id?: string; name?: string; expiresAt?: string | null } = {}): ApiToken {
  return {
    id: options.id ?? 'tok1',
    name: options.name ?? 'release pipeline',
    createdAt: '2026-11-20T09:00:00.000Z',
    expiresAt: options.expiresAt ?? null,
    lastUsedAt: null,
  };
}

describe('ApiTokens', () => {
  let fixture: ComponentFixture<ApiTokens>;
  let page: HTMLElement;
  let http: HttpTestingController;
  let confirm: jasmine.Spy;

  async function open(tokens: ApiToken[]): Promise<void> {
    confirm = jasmine.createSpy('ask').and.resolveTo(true);
    http = configureTestPage(ApiTokens, [{ provide: Confirmation, useValue: { ask: confirm } }]);
    fixture = TestBed.createComponent(ApiTokens);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne('/api/v1/user/tokens').flush(tokens);
    await settle(fixture);
  }

  afterEach(() => http.verify());

  const rows = () =>
    Array.from(page.querySelectorAll('tbody tr')).map((row) =>
      Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent?.trim()),
    );

  it('lists the tokens with their expiry and last use, and explains the Bearer header', async () => {
    await open([
      testToken(),
      testToken({ id: 'tok2', name: 'backup', expiresAt: '2027-01-01T00:00:00.000Z' }),
    ]);

    expect(rows().map((cells) => [cells[0], cells[2], cells[3]])).toEqual([
      ['release pipeline', 'Never', 'Never'],
      ['backup', jasmine.stringMatching(/2027/) as unknown as string, 'Never'],
    ]);
    expect(page.querySelector('.usage')?.textContent).toContain('Authorization: Bearer <token>');
    expect(page.querySelector('button.revoke')?.getAttribute('aria-label')).toBe(
      'Revoke the token release pipeline',
    );
  });

  it('creates a token with its expiry and shows the secret once, with a warning, until dismissed', async () => {
    await open([]);

    typeInto(page, 'name', 'release pipeline');
    typeInto(page, 'expiresInDays', '30');
    page.querySelector('form')!.dispatchEvent(new Event('submit'));
    await settle(fixture);
    const request = http.expectOne('/api/v1/user/tokens');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ name: 'release pipeline', expiresInDays: 30 });
    request.flush({ ...testToken(), token: 'em_secret_value' }, { status: 201, statusText: 'Created' });
    await settle(fixture);

    const panel = page.querySelector('app-new-token-secret')!;
    expect(panel.querySelector('.value')?.textContent).toBe('em_secret_value');
    expect(panel.textContent).toContain('will not be shown again');
    expect(rows()[0]?.[0]).toBe('release pipeline');
    expect(page.querySelector<HTMLInputElement>('input[name="name"]')!.value).toBe('');

    panel.querySelector<HTMLButtonElement>('button.dismiss')!.click();
    await settle(fixture);
    expect(page.querySelector('app-new-token-secret')).toBeNull();
    expect(page.textContent).not.toContain('em_secret_value');
  });

  it('leaves out the expiry when none is given, and checks the name before asking', async () => {
    await open([]);

    page.querySelector('form')!.dispatchEvent(new Event('submit'));
    await settle(fixture);
    http.expectNone('/api/v1/user/tokens');
    expect(page.querySelector('mat-error')?.textContent).toContain('Give the token a name.');

    typeInto(page, 'name', 'ci');
    page.querySelector('form')!.dispatchEvent(new Event('submit'));
    await settle(fixture);
    const request = http.expectOne('/api/v1/user/tokens');
    expect(request.request.body).toEqual({ name: 'ci' });
    request.flush({ ...testToken({ name: 'ci' }), token: 'em_x' }, { status: 201, statusText: 'Created' });
    await settle(fixture);
  });

  it("shows the server's field error at the field", async () => {
    await open([]);

    typeInto(page, 'name', 'ci');
    page.querySelector('form')!.dispatchEvent(new Event('submit'));
    await settle(fixture);
    flushProblem(http.expectOne('/api/v1/user/tokens'), {
      title: 'Bad request',
      status: 400,
      detail: 'invalid body',
      errors: [{ field: 'body.name', message: 'is already taken' }],
    });
    await settle(fixture);

    expect(page.querySelector('mat-error')?.textContent).toContain('The name is already taken.');
    expect(page.querySelector('app-new-token-secret')).toBeNull();
  });

  it('copies the secret to the clipboard, and says how to copy by hand when the browser refuses', async () => {
    await open([]);
    typeInto(page, 'name', 'ci');
    page.querySelector('form')!.dispatchEvent(new Event('submit'));
    await settle(fixture);
    http
      .expectOne('/api/v1/user/tokens')
      .flush({ ...testToken(), token: 'em_secret_value' }, { status: 201, statusText: 'Created' });
    await settle(fixture);
    const write = spyOn(navigator.clipboard, 'writeText').and.resolveTo();

    page.querySelector<HTMLButtonElement>('button.copy')!.click();
    await settle(fixture);
    expect(write).toHaveBeenCalledWith('em_secret_value');
    expect(page.querySelector('.copy-status')?.textContent).toBe('Copied to the clipboard.');

    write.and.rejectWith(new DOMException('denied', 'NotAllowedError'));
    page.querySelector<HTMLButtonElement>('button.copy')!.click();
    await settle(fixture);
    expect(page.querySelector('.copy-status')?.textContent).toContain('copy it by hand');
  });

  it('revokes a token after confirmation with DELETE on its id', async () => {
    await open([testToken(), testToken({ id: 'tok2', name: 'backup' })]);

    page.querySelectorAll<HTMLButtonElement>('button.revoke')[1]!.click();
    await settle(fixture);
    expect(confirm.calls.mostRecent().args[0].title).toBe('Revoke the token "backup"?');
    const request = http.expectOne('/api/v1/user/tokens/tok2');
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);

    expect(rows().map((cells) => cells[0])).toEqual(['release pipeline']);
  });

  it('revokes nothing when not confirmed', async () => {
    await open([testToken()]);
    confirm.and.resolveTo(false);

    page.querySelector<HTMLButtonElement>('button.revoke')!.click();
    await settle(fixture);

    http.expectNone('/api/v1/user/tokens/tok1');
    expect(rows().length).toBe(1);
  });
});
