import { TestBed } from '@angular/core/testing';
import { AuthSession } from '../core/auth-session';
import { settle } from '../core/settle';
import { testSessionUser } from '../core/test-session-user';
import { configureTestPage } from '../core/test-page';
import { AccountPage } from './account-page';

describe('AccountPage', () => {
  it('shows who the user is, their grants in words and their tokens', async () => {
    const http = configureTestPage(AccountPage);
    const signingIn = TestBed.inject(AuthSession).signIn({ username: 'ada', password: 'secret' });
    http.expectOne('/api/v1/login').flush(testSessionUser());
    await signingIn;

    const fixture = TestBed.createComponent(AccountPage);
    const page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne('/api/v1/user/tokens').flush([]);
    await settle(fixture);

    expect(page.querySelector('h2#profile-heading')?.textContent).toBe('Ada Lovelace');
    expect(page.querySelector('.username')?.textContent).toBe('ada');
    expect(page.querySelector('.teams')?.textContent).toBe('Platform, Payments');
    expect(page.querySelector('.groups')?.textContent).toBe('platform-engineers');
    const grant = Array.from(
      page.querySelectorAll('app-grants-table tbody tr td, app-grants-table tr td'),
    ).map((cell) => cell.textContent?.trim());
    expect(grant).toEqual(['deploy', 'Infra', 'All']);
    expect(page.textContent).toContain('You have no API tokens.');
    http.verify();
  });
});
