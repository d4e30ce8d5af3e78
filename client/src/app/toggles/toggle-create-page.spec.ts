import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { Router } from '@angular/router';
import { testService } from '../catalogue/test-catalogue';
import { settle } from '../core/settle';
import { chooseIn, fieldErrors, sentBody, tooltipOf, typeInto } from '../core/test-form';
import { openTestPage } from '../core/test-page';
import { flushProblem } from '../core/test-problem';
import { testToggle } from './test-toggle';
import { ToggleCreatePage } from './toggle-create-page';

describe('ToggleCreatePage', () => {
  let fixture: ComponentFixture<ToggleCreatePage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  beforeEach(async () => {
    ({ fixture, page, http } = await openTestPage(ToggleCreatePage, {
      grants: [{ Action: 'manage-feature-toggles', Clusters: ['Payments'], EnvironmentTypes: ['Staging'] }],
      replies: (mock) =>
        mock
          .expectOne('/api/v1/config/services')
          .flush([
            testService({ name: 'checkout', team: 'Payments' }),
            testService({ name: 'search', team: 'Search' }),
          ]),
    }));
  });

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  async function pick(service: string): Promise<void> {
    const query = page.querySelector<HTMLInputElement>('input.service-query')!;
    query.value = service;
    query.dispatchEvent(new Event('input'));
    await settle(fixture);
    query.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await settle(fixture);
  }

  it('creates a toggle of the service picked from the catalogue and opens its page', async () => {
    const navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
    await pick('checkout');
    expect(page.querySelector('.chosen')?.textContent).toContain('checkout, owned by team Payments');
    typeInto(page, 'name', 'new-cart');
    typeInto(page, 'description', 'The new cart');
    chooseIn(page, 'type', 'experiment');
    page.querySelector<HTMLButtonElement>('button.save')!.click();
    await settle(fixture);

    const post = http.expectOne('/api/v1/feature-toggles');
    expect(post.request.method).toBe('POST');
    expect(sentBody(post)).toEqual({
      service: 'checkout',
      name: 'new-cart',
      description: 'The new cart',
      type: 'experiment',
    });
    post.flush(testToggle());
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith(['/feature-toggles', 'checkout', 'new-cart']);
  });

  it('disables Create for a service of another team, saying whose permission it needs', async () => {
    await pick('search');
    expect(page.querySelector('button.save')?.getAttribute('aria-disabled')).toBe('true');
    expect(tooltipOf(fixture, 'button.save')).toBe(
      'Needs the "manage-feature-toggles" permission for team Search.',
    );
    typeInto(page, 'name', 'fuzzy');
    page.querySelector<HTMLButtonElement>('button.save')!.click();
    await settle(fixture);
    http.expectNone('/api/v1/feature-toggles');
  });

  it("checks the name as the server does, and shows the server's refusal under its field", async () => {
    await pick('checkout');
    typeInto(page, 'name', 'Has Spaces');
    page.querySelector<HTMLButtonElement>('button.save')!.click();
    await settle(fixture);
    http.expectNone('/api/v1/feature-toggles');
    expect(fieldErrors(page)[0]).toContain('The name may contain only lower-case letters');

    typeInto(page, 'name', 'taken');
    page.querySelector<HTMLButtonElement>('button.save')!.click();
    await settle(fixture);
    flushProblem(http.expectOne('/api/v1/feature-toggles'), {
      status: 400,
      detail: 'The request is not valid.',
      errors: [{ field: 'body.type', message: 'must be release, experiment, ops or permission' }],
    });
    await settle(fixture);
    expect(fieldErrors(page)).toEqual(['The type must be release, experiment, ops or permission.']);
  });
});
