import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Grant } from '@shared/auth/permission';
import { problemInterceptor } from '../../core/problem-interceptor';
import { settle } from '../../core/settle';
import { adminGrant, testSignIn } from '../config-kit/test-sign-in';
import { ConfigurationLandingPage } from './configuration-landing-page';

describe('ConfigurationLandingPage', () => {
  let fixture: ComponentFixture<ConfigurationLandingPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  async function open(grants: Grant[]): Promise<void> {
    TestBed.configureTestingModule({
      imports: [ConfigurationLandingPage],
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([problemInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await testSignIn(http, grants);
    fixture = TestBed.createComponent(ConfigurationLandingPage);
    page = fixture.nativeElement as HTMLElement;
    await settle(fixture);
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
      '/configuration/environments',
      '/configuration/deployment-maps',
      '/configuration/users',
      '/configuration/groups',
      '/configuration/permissions',
      '/configuration/import-export',
    ]);
    expect(page.textContent).toContain('Changed by: edit-environments for the environment’s team and type.');
  });

  it('tells a team member what they may change, and an admin that they may change everything', async () => {
    await open([{ Action: 'edit-environments', Clusters: ['Tango'], EnvironmentTypes: 'all' }]);
    expect(cards().map((c) => c.yours)).toEqual([
      'You may read it.',
      'You may read it.',
      'You may change it.',
      'You may change it.',
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
