import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { Me } from '@shared/auth/user';
import type { Credentials } from '@shared/auth/user';
import { firstValueFrom } from 'rxjs';
import { ApiProblem, isApiProblem } from './api-problem';
import { apiPaths } from './api-paths';

/** The signed-in user of this browser tab, kept in step with the server's session cookie. */
@Injectable({ providedIn: 'root' })
export class AuthSession {
  private readonly http = inject(HttpClient);
  private readonly current = signal<Me | null>(null);
  private restoring: Promise<void> | undefined;

  /** The signed-in user, or null. */
  readonly user = this.current.asReadonly();
  /** Whether someone is signed in. */
  readonly isSignedIn = computed(() => this.current() !== null);

  /** Asks the server once who is signed in (`GET /me`); later calls wait for that same answer. */
  restore(): Promise<void> {
    this.restoring ??= this.fetchCurrentUser();
    return this.restoring;
  }

  /** Signs in with a username and password; rejects with an `ApiProblem` when the server refuses. */
  async signIn(credentials: Credentials): Promise<Me> {
    const reply = await firstValueFrom(this.http.post<unknown>(apiPaths.login, credentials));
    const user = parseSessionUser(reply);
    this.current.set(user);
    return user;
  }

  /** Ends the session on the server; the user is forgotten here even if that call fails. */
  async signOut(): Promise<void> {
    try {
      await firstValueFrom(this.http.post(apiPaths.logout, null));
    } finally {
      this.current.set(null);
    }
  }

  /** Forgets the user without asking the server, when it has already said the session is over. */
  forget(): void {
    this.current.set(null);
  }

  private async fetchCurrentUser(): Promise<void> {
    try {
      const reply = await firstValueFrom(this.http.get<unknown>(apiPaths.me));
      this.current.set(parseSessionUser(reply));
    } catch (error: unknown) {
      // 401 is the ordinary "not signed in"; anything else also leaves us signed out, but is worth a trace.
      if (!isApiProblem(error, 401)) {
        console.warn('Could not restore the session', error);
      }
      this.current.set(null);
    }
  }
}

function parseSessionUser(reply: unknown): Me {
  const parsed = Me.safeParse(reply);
  if (!parsed.success) {
    throw new ApiProblem({
      type: 'about:blank',
      title: 'Unexpected reply',
      status: 502,
      detail: 'The server sent a sign-in reply this page does not understand.',
    });
  }
  return parsed.data;
}
