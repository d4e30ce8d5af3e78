import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { AuthSession } from '../core/auth-session';
import { testSessionUser } from '../core/test-session-user';
import { configureTestPage } from '../core/test-page';
import { Shell } from './shell';

describe('Shell', () => {
  let fixture: ComponentFixture<Shell>;
  let page: HTMLElement;
  let http: HttpTestingController;
  let session: AuthSession;

  beforeEach(async () => {
    http = configureTestPage(Shell);
    session = TestBed.inject(AuthSession);
    const signingIn = session.signIn({ username: 'ada', password: 'secret' });
    http.expectOne('/api/v1/login').flush(testSessionUser({ teams: ['Platform', 'Payments'] }));
    await signingIn;
    fixture = TestBed.createComponent(Shell);
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('shows the product, the signed-in user and their teams', () => {
    const toolbar = page.querySelector('mat-toolbar')?.textContent ?? '';
    expect(toolbar).toContain('Environment Manager');
    expect(page.querySelector('.user-name')?.textContent?.trim()).toBe('Ada Lovelace');
    expect(page.querySelector('.user-teams')?.textContent?.trim()).toBe('Platform, Payments');
  });

  it('links to every feature of the portal', () => {
    const links = Array.from(page.querySelectorAll<HTMLAnchorElement>('nav a')).map((a) => [
      a.textContent?.trim(),
      a.getAttribute('href'),
    ]);
    expect(links).toEqual([
      ['Home', '/'],
      ['Environments', '/environments'],
      ['Deployments', '/deployments'],
      ['Catalogue', '/catalogue'],
      ['Compare', '/compare'],
      ['Audit', '/audit'],
      ['Configuration', '/configuration'],
    ]);
  });

  it("links the signed-in user's name to their account page", () => {
    expect(page.querySelector('a.user')?.getAttribute('href')).toBe('/account');
  });

  it('links to the server API docs with a plain anchor', () => {
    const docs = Array.from(page.querySelectorAll('a')).find((a) => a.textContent?.trim() === 'API docs');
    expect(docs?.getAttribute('href')).toBe('/docs');
  });

  it('signs out on the server and returns to the sign-in page', async () => {
    const navigateByUrl = spyOn(TestBed.inject(Router), 'navigateByUrl').and.resolveTo(true);
    const signOut = Array.from(page.querySelectorAll('button')).find(
      (b) => b.textContent?.trim() === 'Sign out',
    );
    signOut?.click();

    http.expectOne('/api/v1/logout').flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    expect(session.isSignedIn()).toBeFalse();
    expect(navigateByUrl).toHaveBeenCalledWith('/sign-in');
  });
});
