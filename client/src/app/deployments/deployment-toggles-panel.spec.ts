import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { DeploymentToggles } from '@shared/deployments/deployment-toggles';
import { settle } from '../core/settle';
import { DeploymentTogglesPanel } from './deployment-toggles-panel';

describe('DeploymentTogglesPanel', () => {
  let fixture: ComponentFixture<DeploymentTogglesPanel>;
  let page: HTMLElement;

  const none = { Users: [], Groups: [] };
  const carried: DeploymentToggles = {
    Changes: [
      {
        Name: 'new-cart',
        State: 'percentage',
        Percentage: 25,
        Include: { Users: [], Groups: ['beta'] },
        Exclude: none,
      },
      { Name: 'dark-mode', State: 'on', Include: none, Exclude: none },
    ],
    CanaryToggle: 'fast-path',
  };

  async function show(toggles: DeploymentToggles, over: boolean): Promise<void> {
    TestBed.configureTestingModule({ imports: [DeploymentTogglesPanel], providers: [provideRouter([])] });
    fixture = TestBed.createComponent(DeploymentTogglesPanel);
    fixture.componentRef.setInput('toggles', toggles);
    fixture.componentRef.setInput('service', 'checkout');
    fixture.componentRef.setInput('over', over);
    page = fixture.nativeElement as HTMLElement;
    await settle(fixture);
  }

  const texts = (css: string) =>
    Array.from(page.querySelectorAll(css)).map((e) => e.textContent?.replace(/\s+/g, ' ').trim());
  const links = (css: string) =>
    Array.from(page.querySelectorAll<HTMLAnchorElement>(`${css} a`)).map((a) => a.getAttribute('href'));

  it('shows the changes it carries, each linking to its toggle, while it runs', async () => {
    await show(carried, false);

    expect(texts('.toggle-changes li')).toEqual(['new-cart: 25% · 1 group included', 'dark-mode: on']);
    expect(links('.toggle-changes')).toEqual([
      '/feature-toggles/checkout/new-cart',
      '/feature-toggles/checkout/dark-mode',
    ]);
    expect(links('.canary-toggle')).toEqual(['/feature-toggles/checkout/fast-path']);
    expect(page.querySelector('.toggle-outcome')?.textContent).toContain(
      'Applied when the deployment ends Success',
    );
  });

  it('shows each setting applied or waiting for approval once it ended Success', async () => {
    await show(
      {
        ...carried,
        Outcome: {
          Applied: true,
          Reason: 'deployment 01JX succeeded',
          Settings: [
            {
              Name: 'new-cart',
              Result: 'applied',
              SettingVersion: 4,
              Link: '/api/v1/feature-toggles/checkout/new-cart',
              Detail: '',
            },
            {
              Name: 'dark-mode',
              Result: 'pending',
              Link: '/api/v1/feature-toggles/checkout/dark-mode',
              Detail: 'Prod protects toggle changes',
            },
          ],
        },
      },
      true,
    );

    expect(page.querySelector('.toggle-outcome')?.textContent?.trim()).toBe(
      'Applied: deployment 01JX succeeded',
    );
    expect(texts('.toggle-results li')).toEqual([
      'new-cart: applied (setting version 4)',
      'dark-mode: waiting for approval on the toggle — Prod protects toggle changes',
    ]);
    expect(links('.toggle-results')).toEqual([
      '/feature-toggles/checkout/new-cart',
      '/feature-toggles/checkout/dark-mode',
    ]);
  });

  it('says why they were not applied when it did not succeed', async () => {
    await show(
      { ...carried, Outcome: { Applied: false, Reason: 'the deployment ended Rolled Back', Settings: [] } },
      true,
    );

    expect(page.querySelector('.toggle-outcome')?.textContent?.trim()).toBe(
      'Not applied: the deployment ended Rolled Back',
    );
    expect(page.querySelector('.toggle-results')).toBeNull();
  });
});
