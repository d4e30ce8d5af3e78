import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { AuthSession } from '../core/auth-session';
import { testSessionUser } from '../core/test-session-user';
import { configureTestPage } from '../core/test-page';
import { SignInPage } from './sign-in-page';

describe('SignInPage', () => {
  let fixture: ComponentFixture<SignInPage>;
  let page: HTMLElement;
  let http: HttpTestingController;
  let navigateByUrl: jasmine.Spy;

  beforeEach(async () => {
    http = configureTestPage(SignInPage);
    navigateByUrl = spyOn(TestBed.inject(Router), 'navigateByUrl').and.resolveTo(true);
    fixture = TestBed.createComponent(SignInPage);
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  function type(label: 'username' | 'password', value: string): void {
    const input = page.querySelector<HTMLInputElement>(`input[name="${label}"]`);
    if (!input) {
      throw new Error(`no ${label} input`);
    }
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  function submitButton(): HTMLButtonElement {
    const button = page.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (!button) {
      throw new Error('no submit button');
    }
    return button;
  }

  function text(selector: string): string {
    return page.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }

  const invalidCredentials = {
    body: { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Invalid username or password' },
    init: {
      status: 401,
      statusText: 'Unauthorized',
      headers: { 'Content-Type': 'application/problem+json' },
    },
  };

  it('labels both fields for screen readers', () => {
    const labels = Array.from(page.querySelectorAll('mat-label')).map((label) => label.textContent?.trim());
    expect(labels).toEqual(['Username', 'Password']);
    expect(page.querySelector('input[name="password"]')?.getAttribute('type')).toBe('password');
  });

  it('asks for both fields and sends nothing when submitted empty', async () => {
    submitButton().click();
    await fixture.whenStable();

    const errors = Array.from(page.querySelectorAll('mat-error')).map((error) => error.textContent?.trim());
    expect(errors).toEqual(['Enter your username.', 'Enter your password.']);
    http.expectNone('/api/v1/login');
  });

  it('asks only for the missing password when the username is filled in', async () => {
    type('username', 'ada');
    submitButton().click();
    await fixture.whenStable();

    const errors = Array.from(page.querySelectorAll('mat-error')).map((error) => error.textContent?.trim());
    expect(errors).toEqual(['Enter your password.']);
    http.expectNone('/api/v1/login');
  });

  it('checks the username against the same rule as the server', async () => {
    type('username', 'ada lovelace');
    type('password', 'secret');
    submitButton().click();
    await fixture.whenStable();

    const errors = Array.from(page.querySelectorAll('mat-error')).map((error) => error.textContent?.trim());
    expect(errors).toEqual([jasmine.stringMatching(/^The username may contain only letters, digits/)]);
    http.expectNone('/api/v1/login');
  });

  it('signs in and goes on to the page the user asked for', async () => {
    fixture.componentRef.setInput('returnUrl', '/deployments');
    type('username', 'ada');
    type('password', 'secret');
    submitButton().click();

    const request = http.expectOne('/api/v1/login');
    expect(request.request.body).toEqual({ username: 'ada', password: 'secret' });
    request.flush(testSessionUser());
    await fixture.whenStable();

    expect(TestBed.inject(AuthSession).isSignedIn()).toBeTrue();
    expect(navigateByUrl).toHaveBeenCalledWith('/deployments');
  });

  it('ignores a return address on another site', async () => {
    fixture.componentRef.setInput('returnUrl', '//evil.example/steal');
    await fixture.componentInstance.form.setValue({ username: 'ada', password: 'secret' });
    const signingIn = fixture.componentInstance.signIn();
    http.expectOne('/api/v1/login').flush(testSessionUser());
    await signingIn;

    expect(navigateByUrl).toHaveBeenCalledWith('/');
  });

  it('shows the server reason when the credentials are refused, and clears the password', async () => {
    type('username', 'ada');
    type('password', 'wrong');
    submitButton().click();

    http.expectOne('/api/v1/login').flush(invalidCredentials.body, invalidCredentials.init);
    await fixture.whenStable();

    expect(text('[role="alert"]')).toBe('Invalid username or password');
    expect(page.querySelector<HTMLInputElement>('input[name="password"]')?.value).toBe('');
    expect(page.querySelector<HTMLInputElement>('input[name="username"]')?.value).toBe('ada');
    expect(navigateByUrl).not.toHaveBeenCalled();
  });

  it('shows how long to wait after too many attempts and only then allows another', async () => {
    jasmine.clock().install();
    jasmine.clock().mockDate(new Date('2026-01-01T00:00:00Z'));
    try {
      fixture.componentInstance.form.setValue({ username: 'ada', password: 'wrong' });
      const signingIn = fixture.componentInstance.signIn();
      http.expectOne('/api/v1/login').flush(
        {
          type: 'about:blank',
          title: 'Too Many Requests',
          status: 429,
          detail: 'Too many failed sign-in attempts',
        },
        { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '30' } },
      );
      await signingIn;
      fixture.detectChanges();

      expect(text('[role="alert"]')).toBe('Too many failed sign-in attempts');
      expect(text('[data-testid="sign-in-wait"]')).toBe('You can try again in 30 seconds.');
      expect(submitButton().disabled).toBeTrue();

      jasmine.clock().tick(29_000);
      fixture.detectChanges();
      expect(text('[data-testid="sign-in-wait"]')).toBe('You can try again in 1 second.');
      expect(submitButton().disabled).toBeTrue();

      jasmine.clock().tick(1_000);
      fixture.detectChanges();
      expect(page.querySelector('[data-testid="sign-in-wait"]')).toBeNull();
      expect(submitButton().disabled).toBeFalse();
    } finally {
      jasmine.clock().uninstall();
    }
  });
});
