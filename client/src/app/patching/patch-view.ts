import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { DatePipe } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { allows } from '@shared/auth/permission';
import { isPatchOver, type PatchOperation } from '@shared/patches/patch';
import type { ApiProblem } from '../core/api-problem';
import { AuthSession } from '../core/auth-session';
import { Confirmation } from '../core/confirmation';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { PATCH_POLL_MS, PatchingApi } from './patching-api';

/** A running or ended patch: its status and each group's, read again every 2 s until it ends; Cancel and Approve. */
@Component({
  selector: 'app-patch-view',
  imports: [DatePipe, MatButtonModule, MatTooltipModule, ProblemBanner, RouterLink],
  templateUrl: './patch-view.html',
  styleUrl: './patch-view.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PatchView {
  private readonly api = inject(PatchingApi);
  private readonly confirmation = inject(Confirmation);
  private readonly pollMs = inject(PATCH_POLL_MS);
  private readonly user = inject(AuthSession).user;

  /** The patch as last read (from the run's reply or the history). */
  readonly patch = input.required<PatchOperation>();
  /** The patch each time it is read again or changed here, so that the lists showing it stay current. */
  readonly changed = output<PatchOperation>();

  /** The patch as it now stands. */
  readonly current = signal<PatchOperation | null>(null);
  /** The last failed call. */
  readonly problem = signal<ApiProblem | null>(null);
  /** Whether Cancel or Approve is under way. */
  readonly busy = signal(false);

  private timer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;
  /** Counts the patches shown, so a reply for one shown before is dropped. */
  private generation = 0;

  /** Whether the patch has ended. */
  readonly ended = computed(() => {
    const status = this.current()?.Status;
    return status !== undefined && isPatchOver(status);
  });

  /** Why the user cannot cancel it, or null when they can. */
  readonly cancelBlocker = computed(() => {
    const patch = this.current();
    if (!patch) {
      return null;
    }
    if (this.ended()) {
      return `The patch has ended (${patch.Status}).`;
    }
    if (patch.Status === 'Stopping') {
      return 'The patch is already stopping.';
    }
    const grants = this.user()?.grants ?? [];
    const scope = { cluster: patch.OwningCluster, environmentType: patch.EnvironmentType };
    return allows(grants, 'patch-images', scope)
      ? null
      : `Cancelling needs patch-images for ${scope.cluster} on ${scope.environmentType} environments.`;
  });

  /** Whether the user may approve it now: it waits for approval, they hold approve-deployments, it is not theirs. */
  readonly canApprove = computed(() => {
    const patch = this.current();
    const user = this.user();
    if (!patch || !user || patch.Status !== 'Awaiting Approval' || patch.User === user.username) {
      return false;
    }
    // the server's rule: approve-deployments for the patch's owning cluster and environment type
    return allows(user.grants, 'approve-deployments', {
      cluster: patch.OwningCluster,
      environmentType: patch.EnvironmentType,
    });
  });

  constructor() {
    effect(() => {
      const patch = this.patch();
      untracked(() => this.show(patch));
    });
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      clearTimeout(this.timer);
    });
  }

  private show(patch: PatchOperation): void {
    this.generation++;
    clearTimeout(this.timer);
    this.problem.set(null);
    this.current.set(patch);
    this.schedule();
  }

  /** Reads the patch again after the interval, unless it has ended or the view is gone. */
  private schedule(): void {
    const patch = this.current();
    if (this.destroyed || !patch || isPatchOver(patch.Status)) {
      return;
    }
    const generation = this.generation;
    this.timer = setTimeout(async () => {
      try {
        const next = await this.api.get(patch.PatchID);
        if (generation !== this.generation || this.destroyed) {
          return;
        }
        this.current.set(next);
        this.changed.emit(next);
        this.problem.set(null);
        this.schedule();
      } catch (error: unknown) {
        if (generation === this.generation) {
          this.problem.set(problemOf(error, 'The patch could not be read again; reload the page to retry.'));
        }
      }
    }, this.pollMs);
  }

  /** Cancels the patch after confirmation. */
  async cancel(): Promise<void> {
    const patch = this.current();
    if (!patch || this.cancelBlocker() !== null || this.busy()) {
      return;
    }
    const confirmed = await this.confirmation.ask({
      title: `Cancel patch ${patch.PatchID}?`,
      message: `No more groups of ${patch.EnvironmentName} start; the groups under way roll back.`,
      confirmLabel: 'Cancel patch',
    });
    if (confirmed) {
      await this.act(() => this.api.cancel(patch.PatchID), 'The patch could not be cancelled.');
    }
  }

  /** Approves the patch. */
  async approve(): Promise<void> {
    const patch = this.current();
    if (!patch || !this.canApprove() || this.busy()) {
      return;
    }
    await this.act(() => this.api.approve(patch.PatchID), 'The patch could not be approved.');
  }

  private async act(call: () => Promise<PatchOperation>, fallback: string): Promise<void> {
    this.busy.set(true);
    this.problem.set(null);
    try {
      const next = await call();
      this.generation++;
      clearTimeout(this.timer);
      this.current.set(next);
      this.changed.emit(next);
      this.schedule();
    } catch (error: unknown) {
      this.problem.set(problemOf(error, fallback));
    } finally {
      this.busy.set(false);
    }
  }
}
