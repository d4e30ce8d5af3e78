import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { Environment } from '@shared/catalogue/environment';
import type { ToggleToken } from '@shared/toggles/toggle-token';
import { testDeploymentMap, testService } from '../../catalogue/test-catalogue';
import { Confirmation } from '../../core/confirmation';
import { settle } from '../../core/settle';
import { chooseIn, fieldErrors, sentBody, tooltipOf, typeInto } from '../../core/test-form';
import { openTestPage } from '../../core/test-page';
import { flushProblem } from '../../core/test-problem';
import { ToggleTokensPage } from './toggle-tokens-page';

const tokensUrl = '/api/v1/feature-toggles/tokens';

/** Builds a listed token for specs; pass only what the spec is about. */
function aToken(options: Partial<ToggleToken> = {}): ToggleToken {
  return {
    id: 'tok1',
    service: 'checkout',
    environment: 'int1',
    description: 'checkout web, int1',
    createdBy: 'grace',
    createdAt: '2026-11-02T09:30:00.000Z',
    lastUsedAt: null,
    ...options,
  };
}

function anEnvironment(name: string, type: string, map: string): Environment {
  return {
    EnvironmentName: name,
    Value: { EnvironmentType: type, OwningCluster: 'Infra', DeploymentMap: map },
    Version: 1,
  };
}

describe('ToggleTokensPage', () => {
  let fixture: ComponentFixture<ToggleTokensPage>;
  let page: HTMLElement;
  let http: HttpTestingController;
  let confirm: jasmine.Spy;

  async function open(tokens: ToggleToken[], inputs: Record<string, unknown> = {}): Promise<void> {
    confirm = jasmine.createSpy('ask').and.resolveTo(true);
    ({ fixture, page, http } = await openTestPage(ToggleTokensPage, {
      grants: [{ Action: 'manage-feature-toggles', Clusters: ['Payments'], EnvironmentTypes: ['Staging'] }],
      inputs,
      providers: [{ provide: Confirmation, useValue: { ask: confirm } }],
      replies: (mock) => {
        mock.expectOne(tokensUrl).flush(tokens);
        mock
          .expectOne('/api/v1/config/services')
          .flush([
            testService({ name: 'checkout', team: 'Payments' }),
            testService({ name: 'search', team: 'Search' }),
          ]);
        mock
          .expectOne('/api/v1/config/environments')
          .flush([
            anEnvironment('int1', 'Staging', 'web'),
            anEnvironment('int2', 'Staging', 'web'),
            anEnvironment('pr1', 'Production', 'web'),
            anEnvironment('lab', 'Staging', 'lab'),
          ]);
        mock
          .expectOne('/api/v1/config/deployment-maps')
          .flush([testDeploymentMap('web', ['checkout', 'search']), testDeploymentMap('lab', ['search'])]);
      },
    }));
  }

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  function rows(): string[][] {
    return Array.from(page.querySelectorAll('tbody tr')).map((tr) =>
      Array.from(tr.querySelectorAll('td'))
        .slice(0, 6)
        .map((td) => td.textContent?.trim() ?? ''),
    );
  }

  async function pick(service: string): Promise<void> {
    const query = page.querySelector<HTMLInputElement>('input.service-query')!;
    query.value = service;
    query.dispatchEvent(new Event('input'));
    await settle(fixture);
    query.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await settle(fixture);
  }

  function environmentOptions(): string[] {
    return Array.from(page.querySelectorAll<HTMLOptionElement>('select[name="environment"] option'))
      .map((o) => o.value)
      .filter(Boolean);
  }

  it('lists each token with its service, environment, description, who made it and when, and its last use', async () => {
    await open([aToken(), aToken({ id: 'tok2', service: 'search', lastUsedAt: '2026-11-30T12:00:00.000Z' })]);
    const [first, second] = rows();
    expect(first!.slice(0, 4)).toEqual(['checkout', 'int1', 'checkout web, int1', 'grace']);
    expect(first![4]).toContain('2026');
    expect(first![5]).toBe('Never');
    expect(second![0]).toBe('search');
    expect(second![5]).toContain('Nov 30, 2026');
    expect(page.textContent).not.toContain('emt_');
  });

  it('filters by service, keeping the choice in the URL', async () => {
    await open([aToken(), aToken({ id: 'tok2', service: 'search' })]);
    const navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
    chooseIn(page, 'service', 'search');
    await settle(fixture);
    expect(rows().map((r) => r[0])).toEqual(['search']);
    expect(navigate).toHaveBeenCalledWith([], { queryParams: { service: 'search' }, replaceUrl: true });
  });

  it('opens on the service in the URL', async () => {
    await open([aToken(), aToken({ id: 'tok2', service: 'search' })], { service: 'checkout' });
    expect(rows().map((r) => r[0])).toEqual(['checkout']);
  });

  it('makes a token for a service in an environment hosting it and shows its secret once, with Copy', async () => {
    await open([]);
    expect(page.querySelector('.empty')?.textContent).toContain('No feature toggle tokens yet.');
    await pick('checkout');
    expect(environmentOptions()).toEqual(['int1', 'int2', 'pr1']);
    chooseIn(page, 'environment', 'int2');
    typeInto(page, 'description', '  checkout web, int2 ');
    page.querySelector<HTMLButtonElement>('button.create-token')!.click();
    await settle(fixture);

    const post = http.expectOne(tokensUrl);
    expect(post.request.method).toBe('POST');
    expect(sentBody(post)).toEqual({
      service: 'checkout',
      environment: 'int2',
      description: 'checkout web, int2',
    });
    post.flush({
      ...aToken({ id: 'tok9', environment: 'int2', description: 'checkout web, int2', createdBy: 'ada' }),
      token: 'emt_secret123',
    });
    await settle(fixture);

    const secret = page.querySelector('app-new-token-secret')!;
    expect(secret.querySelector('.value')?.textContent).toBe('emt_secret123');
    expect(secret.textContent).toContain('It will not be shown again');
    expect(secret.querySelector('button.copy')?.textContent?.trim()).toBe('Copy');
    expect(rows()).toEqual([['checkout', 'int2', 'checkout web, int2', 'ada', jasmine.any(String), 'Never']]);

    page.querySelector<HTMLButtonElement>('app-new-token-secret button.dismiss')!.click();
    await settle(fixture);
    expect(page.querySelector('app-new-token-secret')).toBeNull();
    expect(page.textContent).not.toContain('emt_secret123');
  });

  it('offers only the environments hosting the service picked', async () => {
    await open([]);
    await pick('search');
    expect(environmentOptions()).toEqual(['int1', 'int2', 'lab', 'pr1']);
  });

  it('disables Create where the user may not manage the toggles, saying which permission it needs', async () => {
    await open([]);
    await pick('checkout');
    chooseIn(page, 'environment', 'pr1');
    typeInto(page, 'description', 'checkout web, pr1');
    await settle(fixture);
    const create = page.querySelector<HTMLButtonElement>('button.create-token')!;
    expect(create.getAttribute('aria-disabled')).toBe('true');
    const reason =
      'Needs the "manage-feature-toggles" permission for team Payments and environment type Production.';
    expect(tooltipOf(fixture, 'button.create-token')).toBe(reason);
    expect(page.querySelector('#create-token-blocker')?.textContent).toBe(reason);
    create.click();
    await settle(fixture);
    http.expectNone(tokensUrl);
  });

  it('asks for the service, environment and description before sending anything', async () => {
    await open([]);
    page.querySelector<HTMLButtonElement>('button.create-token')!.click();
    await settle(fixture);
    http.expectNone(tokensUrl);
    expect(page.querySelector('.field-problem')?.textContent).toContain('Choose the service');
    expect(fieldErrors(page)).toEqual([
      'Choose the environment the token reads the toggles in.',
      'Say what uses the token.',
    ]);
  });

  it("shows the server's 400 under its field", async () => {
    await open([]);
    await pick('checkout');
    chooseIn(page, 'environment', 'int1');
    typeInto(page, 'description', 'checkout web');
    page.querySelector<HTMLButtonElement>('button.create-token')!.click();
    await settle(fixture);
    flushProblem(http.expectOne(tokensUrl), {
      status: 400,
      detail: 'The request is not valid.',
      errors: [{ field: 'body.description', message: 'must be at most 200 characters' }],
    });
    await settle(fixture);
    expect(fieldErrors(page)).toEqual(['The description must be at most 200 characters.']);
    expect(page.querySelector('app-token-form app-problem-banner')).toBeNull();
  });

  it("shows the server's 403 in words", async () => {
    await open([]);
    await pick('checkout');
    chooseIn(page, 'environment', 'int1');
    typeInto(page, 'description', 'checkout web');
    page.querySelector<HTMLButtonElement>('button.create-token')!.click();
    await settle(fixture);
    flushProblem(http.expectOne(tokensUrl), {
      status: 403,
      detail: 'ada may not manage-feature-toggles for team Payments in Staging',
    });
    await settle(fixture);
    expect(page.querySelector('app-token-form [role="alert"]')?.textContent).toContain(
      'ada may not manage-feature-toggles for team Payments in Staging',
    );
    expect(page.querySelector('app-new-token-secret')).toBeNull();
  });

  it('revokes a token once confirmed', async () => {
    await open([aToken(), aToken({ id: 'tok2', environment: 'int2' })]);
    page.querySelector<HTMLButtonElement>('tr[data-token="tok1"] button.revoke')!.click();
    await settle(fixture);
    expect(confirm).toHaveBeenCalledWith(
      jasmine.objectContaining({ title: 'Revoke the token "checkout web, int1"?', confirmLabel: 'Revoke' }),
    );
    const revoke = http.expectOne(`${tokensUrl}/tok1`);
    expect(revoke.request.method).toBe('DELETE');
    revoke.flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);
    expect(rows().map((r) => r[1])).toEqual(['int2']);
  });

  it('keeps the token when the confirmation is declined', async () => {
    await open([aToken()]);
    confirm.and.resolveTo(false);
    page.querySelector<HTMLButtonElement>('button.revoke')!.click();
    await settle(fixture);
    http.expectNone(`${tokensUrl}/tok1`);
    expect(rows().length).toBe(1);
  });

  it('disables Revoke where the user may not manage the toggles, saying why', async () => {
    await open([aToken({ environment: 'pr1' })]);
    const revoke = page.querySelector<HTMLButtonElement>('button.revoke')!;
    expect(revoke.getAttribute('aria-disabled')).toBe('true');
    expect(tooltipOf(fixture, 'button.revoke')).toBe(
      'Needs the "manage-feature-toggles" permission for team Payments and environment type Production.',
    );
    revoke.click();
    await settle(fixture);
    expect(confirm).not.toHaveBeenCalled();
  });

  it("shows a refused revoke's 403 in words and keeps the token", async () => {
    await open([aToken()]);
    page.querySelector<HTMLButtonElement>('button.revoke')!.click();
    await settle(fixture);
    flushProblem(http.expectOne(`${tokensUrl}/tok1`), {
      status: 403,
      detail: 'ada may not manage-feature-toggles for team Payments in Staging',
    });
    await settle(fixture);
    expect(page.querySelector('.tokens [role="alert"]')?.textContent).toContain(
      'ada may not manage-feature-toggles for team Payments in Staging',
    );
    expect(rows().length).toBe(1);
  });
});
