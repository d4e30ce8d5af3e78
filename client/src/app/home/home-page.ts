import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import type { Deployment } from '@shared/deployments/deployment';
import type { ApiProblem } from '../core/api-problem';
import { AuthSession } from '../core/auth-session';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { ServerHealth } from '../core/server-health';
import { DeploymentsApi } from '../deployments/deployments-api';
import { awaitingYourApproval } from './home-deployments';

/** How far back the home page looks for deployments. */
const LOOK_BACK_MS = 30 * 86_400_000;

/** The landing page after sign-in: what waits for you, your recent deployments, and where to start. */
@Component({
  selector: 'app-home-page',
  imports: [DatePipe, MatCardModule, ProblemBanner, RouterLink],
  templateUrl: './home-page.html',
  styleUrl: './home-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HomePage implements OnInit {
  private readonly deployments = inject(DeploymentsApi);

  /** The signed-in user. */
  readonly user = inject(AuthSession).user;
  /** The server's version, once known. */
  readonly serverVersion = inject(ServerHealth).version;
  /** Deployments waiting for an approval the user may give; null while loading. */
  readonly toApprove = signal<readonly Deployment[] | null>(null);
  /** The user's own deployments of the last 30 days, newest first; null while loading. */
  readonly mine = signal<readonly Deployment[] | null>(null);
  /** Why the deployments could not be loaded. */
  readonly problem = signal<ApiProblem | null>(null);

  ngOnInit(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    const user = this.user();
    if (!user) {
      return;
    }
    const since = new Date(Date.now() - LOOK_BACK_MS).toISOString();
    try {
      const [waiting, mine] = await Promise.all([
        this.deployments.list({ status: 'Awaiting Approval', since }, 100),
        this.deployments.list({ user: user.username, since }, 10),
      ]);
      this.toApprove.set(awaitingYourApproval(waiting, user));
      this.mine.set(mine);
    } catch (error: unknown) {
      this.problem.set(problemOf(error, 'Your deployments could not be loaded.'));
    }
  }
}
