import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { Password } from '@shared/auth/user';
import { Name } from '@shared/catalogue/names';
import { ApiProblem } from '../core/api-problem';
import { AuthSession } from '../core/auth-session';
import { schemaValidator } from '../core/schema-validator';

/** The sign-in form: username and password, the server's refusal shown in words, and any enforced wait. */
@Component({
  selector: 'app-sign-in-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
  ],
  templateUrl: './sign-in-page.html',
  styleUrl: './sign-in-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInPage {
  private readonly session = inject(AuthSession);
  private readonly router = inject(Router);
  private readonly now = signal(Date.now());
  private readonly retryAt = signal<number | null>(null);
  private ticker: ReturnType<typeof setInterval> | undefined;

  /** Where to go after signing in, from the `returnUrl` query parameter. */
  readonly returnUrl = input<string>();

  /** The form's two fields, both required. */
  readonly form = inject(NonNullableFormBuilder).group({
    username: ['', [Validators.required, schemaValidator(Name)]],
    password: ['', [Validators.required, schemaValidator(Password)]],
  });

  /** Whether a sign-in request is in flight. */
  readonly busy = signal(false);
  /** Why the last attempt failed, if it did. */
  readonly problem = signal<ApiProblem | null>(null);
  /** Seconds left before the server accepts another attempt after a 429. */
  readonly waitSeconds = computed(() => {
    const retryAt = this.retryAt();
    return retryAt === null ? 0 : Math.max(0, Math.ceil((retryAt - this.now()) / 1000));
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stopTicker());
  }

  /** Validates the form, signs in, and goes on to where the user was heading. */
  async signIn(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    if (this.busy() || this.waitSeconds() > 0) {
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    try {
      await this.session.signIn(this.form.getRawValue());
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
    } catch (error: unknown) {
      this.showFailure(error);
    } finally {
      this.busy.set(false);
    }
  }

  private showFailure(error: unknown): void {
    const problem =
      error instanceof ApiProblem
        ? error
        : new ApiProblem({
            type: 'about:blank',
            title: 'Sign-in failed',
            status: 0,
            detail: 'Sign-in failed. Please try again.',
          });
    this.problem.set(problem);
    this.form.controls.password.reset();
    if (problem.status === 429) {
      this.waitBeforeRetry(problem.retryAfterSeconds ?? 60);
    }
  }

  private waitBeforeRetry(seconds: number): void {
    this.now.set(Date.now());
    this.retryAt.set(Date.now() + seconds * 1000);
    this.stopTicker();
    this.ticker = setInterval(() => {
      this.now.set(Date.now());
      if (this.waitSeconds() === 0) {
        this.stopTicker();
        this.retryAt.set(null);
      }
    }, 1000);
  }

  private stopTicker(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
  }
}

/** Only same-site paths are followed, so a crafted link cannot send a user elsewhere after sign-in. */
function safeReturnUrl(returnUrl: string | undefined): string {
  return returnUrl?.startsWith('/') && !returnUrl.startsWith('//') && !returnUrl.startsWith('/sign-in')
    ? returnUrl
    : '/';
}
