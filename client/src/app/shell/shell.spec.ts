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
      ['Patching', '/patching'],
      ['Toggles', '/feature-toggles'],
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

  /** Lays the shell out at this width (its toolbar's breakpoints are container queries on it). */
  async function atWidth(px: number): Promise<HTMLElement> {
    page.style.display = 'flex';
    page.style.width = `${px}px`;
    fixture.detectChanges();
    await fixture.whenStable();
    return page.querySelector<HTMLElement>('mat-toolbar')!;
  }

  /** The toolbar's items that are drawn (the hidden variant of each is not). */
  function drawn(toolbar: HTMLElement): HTMLElement[] {
    return Array.from(
      toolbar.querySelectorAll<HTMLElement>(
        '.product, .nav a, .nav button, .user-items > *, .user-menu-trigger',
      ),
    ).filter((el) => el.getClientRects().length > 0);
  }

  /** Whether every drawn item shares one row: each starts above where every other ends. */
  function oneRow(items: readonly HTMLElement[]): boolean {
    const boxes = items.map((el) => el.getBoundingClientRect());
    return Math.max(...boxes.map((b) => b.top)) < Math.min(...boxes.map((b) => b.bottom));
  }

  function labels(items: readonly HTMLElement[]): string[] {
    return items.map((el) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '');
  }

  it("keeps the toolbar on one line at 1280 px, the user's items in their menu", async () => {
    const toolbar = await atWidth(1280);
    const items = drawn(toolbar);

    expect(oneRow(items)).withContext(labels(items).join(' | ')).toBeTrue();
    expect(labels(items)).toContain('Catalogue');
    expect(labels(items)).not.toContain('Sign out');
    expect(labels(items).at(-1)).toBe('Menu of Ada Lovelace ▾');
  });

  it('shows API docs, the user and Sign out in the toolbar where there is room, still one line', async () => {
    const items = drawn(await atWidth(1920));

    expect(oneRow(items)).withContext(labels(items).join(' | ')).toBeTrue();
    expect(labels(items).slice(-3)).toEqual([
      'API docs',
      'Signed in as Ada Lovelace, teams: Platform, Payments',
      'Sign out',
    ]);
  });

  it('puts the navigation in a menu too on a narrow screen, still one line', async () => {
    const items = drawn(await atWidth(800));

    expect(oneRow(items)).withContext(labels(items).join(' | ')).toBeTrue();
    expect(labels(items)).toEqual(['Environment Manager', 'Menu ▾', 'Menu of Ada Lovelace ▾']);
  });

  it("offers the account, API docs and Sign out in the user's menu, and its Sign out signs out", async () => {
    const navigateByUrl = spyOn(TestBed.inject(Router), 'navigateByUrl').and.resolveTo(true);
    const toolbar = await atWidth(1280);
    toolbar.querySelector<HTMLButtonElement>('.user-menu-trigger')!.click();
    await fixture.whenStable();

    const menu = document.querySelector<HTMLElement>('.mat-mdc-menu-panel')!;
    const items = Array.from(menu.querySelectorAll<HTMLElement>('[mat-menu-item]'));
    expect(items.map((i) => [i.innerText.replace(/\s+/g, ' ').trim(), i.getAttribute('href')])).toEqual([
      ['Your account and API tokens Teams: Platform, Payments', '/account'],
      ['API docs', '/docs'],
      ['Sign out', null],
    ]);

    items[2]!.click();
    http.expectOne('/api/v1/logout').flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(session.isSignedIn()).toBeFalse();
    expect(navigateByUrl).toHaveBeenCalledWith('/sign-in');
  });

  it('lists every feature in the navigation menu', async () => {
    const toolbar = await atWidth(800);
    toolbar.querySelector<HTMLButtonElement>('.nav-menu-trigger')!.click();
    await fixture.whenStable();

    const menu = document.querySelector<HTMLElement>('.mat-mdc-menu-panel')!;
    const links = Array.from(menu.querySelectorAll('a')).map((a) => a.getAttribute('href'));
    expect(links).toEqual([
      '/',
      '/environments',
      '/deployments',
      '/patching',
      '/feature-toggles',
      '/catalogue',
      '/compare',
      '/audit',
      '/configuration',
    ]);
  });
});
