import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Grant } from '@shared/auth/permission';
import { openTestPage } from '../../core/test-page';
import { adminGrant } from '../../core/test-sign-in';
import { ConfigurationLandingPage } from './configuration-landing-page';

describe('ConfigurationLandingPage', () => {
  let page: HTMLElement;
  let http: HttpTestingController;

  async function open(grants: Grant[]): Promise<void> {
    ({ page, http } = await openTestPage(ConfigurationLandingPage, {
      grants,
    }));
  }

  afterEach(() => http.verify());

  const cards = () =>
    Array.from(page.querySelectorAll('mat-card')).map((card) => ({
      link: card.querySelector('a')?.getAttribute('href'),
      yours: card.querySelector('.yours')?.textContent?.trim(),
    }));

  it('links every section with what changes it', async () => {
    await open([]);

    expect(cards().map((c) => c.link)).toEqual([
      '/configuration/teams',
      '/configuration/environment-types',
      '/configuration/aws-accounts',
      '/configuration/environments',
      '/configuration/deployment-maps',
      '/configuration/users',
      '/configuration/groups',
      '/configuration/permissions',
      '/configuration/notification-settings',
      '/configuration/import-export',
    ]);
    expect(page.textContent).toContain('Changed by: edit-environments for the environment’s team and type.');
  });

  it('tells a team member what they may change, and an admin that they may change everything', async () => {
    await open([{ Action: 'edit-environments', Clusters: ['Tango'], EnvironmentTypes: 'all' }]);
    expect(cards().map((c) => c.yours)).toEqual([
      'You may read it.',
      'You may read it.',
      'You may read it.',
      'You may change it.',
      'You may change it.',
      'You may read it.',
      'You may read it.',
      'You may read it.',
      'You may read it.',
      'You may read it.',
    ]);

    TestBed.resetTestingModule();
    await open([adminGrant]);
    expect(cards().every((c) => c.yours === 'You may change it.')).toBeTrue();
  });
});
