import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { Router } from '@angular/router';
import { settle } from '../core/settle';
import { typeInto } from '../core/test-form';
import { openTestPage } from '../core/test-page';
import { testSetting, testToggle } from './test-toggle';
import { StaleTogglesPage } from './stale-toggles-page';

describe('StaleTogglesPage', () => {
  let fixture: ComponentFixture<StaleTogglesPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  async function open(days?: string): Promise<void> {
    ({ fixture, page, http } = await openTestPage(StaleTogglesPage, {
      grants: [],
      inputs: { days },
      replies: (mock) =>
        mock.expectOne(`/api/v1/feature-toggles/stale?days=${days ?? 30}`).flush([
          {
            owner: 'Search',
            toggles: [
              testToggle({
                service: 'search',
                name: 'fuzzy',
                owner: 'Search',
                environments: [testSetting({ settledSince: '2026-09-01T00:00:00.000Z' })],
              }),
            ],
          },
          {
            owner: 'Payments',
            toggles: [
              testToggle({
                environments: [
                  testSetting({ environment: 'pr1', settledSince: '2026-08-01T00:00:00.000Z' }),
                  testSetting({ environment: 'st1', settledSince: '2026-07-01T00:00:00.000Z' }),
                ],
              }),
            ],
          },
        ]),
    }));
  }

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();

  it('groups the stale toggles by team, each with where it settled and since when', async () => {
    await open();

    expect(Array.from(page.querySelectorAll('h2')).map((h) => text(h))).toEqual(['Payments', 'Search']);
    const payments = page.querySelector('section.team')!;
    expect(text(payments.querySelector('tbody th a'))).toBe('new-cart');
    expect(payments.querySelector('tbody th a')?.getAttribute('href')).toBe(
      '/feature-toggles/checkout/new-cart',
    );
    expect(Array.from(payments.querySelectorAll('.settled li')).map((li) => text(li))).toEqual([
      'pr1: on since 2026-08-01',
      'st1: on since 2026-07-01',
    ]);
  });

  it('reads the report for the days of the URL, and asks for other days through it', async () => {
    await open('90');
    expect(page.querySelector<HTMLInputElement>('input[name="days"]')?.value).toBe('90');
    const navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);

    typeInto(page, 'days', '7');
    page.querySelector<HTMLButtonElement>('button.show')!.click();
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith([], { queryParams: { days: 7 } });
  });
});
