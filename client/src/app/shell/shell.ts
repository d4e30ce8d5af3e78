import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthSession } from '../core/auth-session';
import { navEntries } from './nav-entry';

/**
 * The signed-in frame: a one-line toolbar with product, navigation, API docs, the user and Sign out (the
 * user's items, then the navigation, in menus where the width is short); the page below.
 */
@Component({
  selector: 'app-shell',
  imports: [
    MatButtonModule,
    MatMenuModule,
    MatToolbarModule,
    MatTooltipModule,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  private readonly session = inject(AuthSession);
  private readonly router = inject(Router);

  /** The navigation entries, shipped or not. */
  readonly navEntries = navEntries;
  /** The signed-in user. */
  readonly user = this.session.user;
  /** The user's teams as one readable line. */
  readonly teams = computed(() => this.user()?.teams.join(', ') || 'No team');
  /** Whether sign-out is in progress. */
  readonly signingOut = signal(false);

  /** Ends the session and returns to the sign-in page. */
  async signOut(): Promise<void> {
    this.signingOut.set(true);
    try {
      await this.session.signOut();
    } catch (error: unknown) {
      // The session is forgotten here either way; the server's cookie expires on its own.
      console.warn('Sign-out request failed', error);
    } finally {
      this.signingOut.set(false);
      await this.router.navigateByUrl('/sign-in');
    }
  }
}
