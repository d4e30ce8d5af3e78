import type { HttpTestingController } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { testDeploymentMap } from '../catalogue/test-catalogue';
import { openTestPage } from '../core/test-page';
import { flushProblem } from '../core/test-problem';
import { settle } from '../core/settle';
import { EnvironmentToggles } from './environment-toggles';
import { testSetting, testToggle } from './test-toggle';

describe('EnvironmentToggles', () => {
  let fixture: ComponentFixture<EnvironmentToggles>;
  let page: HTMLElement;
  let http: HttpTestingController;

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();

  it("lists the toggles of its deployment map's services with their state here, linking to each", async () => {
    ({ fixture, page, http } = await openTestPage(EnvironmentToggles, {
      grants: [],
      inputs: { environment: 'st1', deploymentMap: 'Main' },
      replies: (mock) => {
        mock.expectOne('/api/v1/config/deployment-maps/Main').flush(testDeploymentMap('Main', ['checkout']));
        mock.expectOne('/api/v1/feature-toggles').flush([
          testToggle({
            environments: [
              testSetting({ environment: 'pr1', state: 'on' }),
              testSetting({ environment: 'st1', state: 'percentage', percentage: 50 }),
            ],
          }),
          testToggle({ name: 'express-pay' }),
          testToggle({
            service: 'search',
            name: 'fuzzy',
            environments: [testSetting({ environment: 'st1' })],
          }),
        ]);
      },
    }));

    const rows = Array.from(page.querySelectorAll('tbody tr')).map((r) =>
      Array.from(r.querySelectorAll('th, td')).map((c) => text(c)),
    );
    expect(rows).toEqual([
      ['express-pay', 'checkout', 'off not set'],
      ['new-cart', 'checkout', '50%'],
    ]);
    expect(page.querySelector('tbody a')?.getAttribute('href')).toBe('/feature-toggles/checkout/express-pay');
    expect(text(page.querySelector('h2'))).toBe('Feature toggles');
  });

  it('says so when its toggles cannot be read', async () => {
    ({ fixture, page, http } = await openTestPage(EnvironmentToggles, {
      grants: [],
      inputs: { environment: 'st1', deploymentMap: 'Main' },
      replies: (mock) => {
        flushProblem(mock.expectOne('/api/v1/config/deployment-maps/Main'), {
          status: 404,
          detail: 'no map Main',
        });
        mock.expectOne('/api/v1/feature-toggles').flush([]);
      },
    }));
    await settle(fixture);
    expect(text(page.querySelector('[role="alert"]'))).toBe('no map Main');
  });
});
