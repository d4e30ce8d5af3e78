import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { DatePipe } from '@angular/common';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router } from '@angular/router';
import { allows } from '@shared/auth/permission';
import type { OpsEnvironment } from '@shared/environments/ops-state';
import type { Image } from '@shared/fleet/image';
import type { PatchOperation, PatchPlan } from '@shared/patches/patch';
import type { ApiProblem } from '../core/api-problem';
import { AuthSession } from '../core/auth-session';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { BreakGlassOverride } from '../freeze-windows/break-glass-override';
import { imageTypes } from './image-types';
import { PatchingApi, type PatchRequest } from './patching-api';
import { PatchView } from './patch-view';

/**
 * The Patching screen: the estate's images by type, a form that plans a patch of an environment (dry run)
 * and runs it, the running patch, and the patches of the last 30 days. The patch shown is in the URL
 * (`/patching?patch=<id>`), so a link (the home page's) opens it.
 */
@Component({
  selector: 'app-patching-page',
  imports: [
    DatePipe,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatTooltipModule,
    PatchView,
    ProblemBanner,
    ReactiveFormsModule,
    BreakGlassOverride,
  ],
  templateUrl: './patching-page.html',
  styleUrl: './patching-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PatchingPage {
  private readonly api = inject(PatchingApi);
  private readonly user = inject(AuthSession).user;
  private readonly router = inject(Router);

  /** The id of the patch to show, from the query string. */
  readonly patchId = input<string>(undefined, { alias: 'patch' });

  /** The account's images. */
  readonly images = signal<Image[] | null>(null);
  readonly imagesProblem = signal<ApiProblem | null>(null);
  /** The images by type, with their latest stable. */
  readonly types = computed(() => imageTypes(this.images() ?? []));

  /** The environments to choose from. */
  readonly environments = signal<OpsEnvironment[] | null>(null);
  readonly environmentsProblem = signal<ApiProblem | null>(null);

  /** The recent patches. */
  readonly history = signal<PatchOperation[] | null>(null);
  readonly historyProblem = signal<ApiProblem | null>(null);

  readonly form = inject(NonNullableFormBuilder).group({
    environment: ['', Validators.required],
    cluster: [''],
    toImage: ['latest-stable'],
    maxParallel: [1, [Validators.required, Validators.min(1), Validators.max(50)]],
    onFailure: ['stop' as 'stop' | 'continue'],
    reason: ['', Validators.maxLength(500)],
  });

  /** The plan shown, and the request it answers (Run sends the same). */
  readonly plan = signal<PatchPlan | null>(null);
  private planned: PatchRequest | null = null;
  readonly planProblem = signal<ApiProblem | null>(null);
  readonly planning = signal(false);
  readonly running = signal(false);

  /** The patch shown below the form: the one just started, one picked in the history, or the URL's. */
  readonly shown = signal<PatchOperation | null>(null);
  /** Why the URL's patch could not be read. */
  readonly shownProblem = signal<ApiProblem | null>(null);

  /** Why Run is disabled, in words; null when it may run. */
  readonly runBlocker = computed(() => {
    const plan = this.plan();
    if (!plan) {
      return null;
    }
    if (plan.Groups.length === 0) {
      return 'The plan changes no groups, so there is nothing to run.';
    }
    const grants = this.user()?.grants ?? [];
    const environmentType = plan.EnvironmentType;
    const clusters = [...new Set(plan.Groups.map((g) => g.OwningCluster))].sort();
    if (!clusters.some((cluster) => allows(grants, 'patch-images', { cluster, environmentType }))) {
      return `Running needs patch-images on ${environmentType} environments for ${clusters.join(', ')}.`;
    }
    return null;
  });

  /**
   * The freeze window holding the patch back: the plan's (its groups left out as freeze-window), or the
   * one a run was refused for (423); null when none is.
   */
  readonly freezeWindow = computed(() => {
    const plan = this.plan();
    if (plan?.FreezeWindow && !plan.FreezeWindow.Overridden) {
      const { Overridden: _overridden, ...window } = plan.FreezeWindow;
      return window;
    }
    return this.planProblem()?.freezeWindow ?? null;
  });

  /** Whether the user holds break-glass for every cluster the window holds groups of, and the type. */
  readonly mayBreakGlass = computed(() => {
    // a run refused for a window keeps its plan: the plan says where the patch goes
    const plan = this.plan();
    if (!plan) {
      return false;
    }
    const grants = this.user()?.grants ?? [];
    const environmentType = plan.EnvironmentType;
    const frozen = plan.LeftOut.filter((g) => g.Reason === 'freeze-window');
    const clusters = [...new Set([...frozen, ...plan.Groups].map((g) => g.OwningCluster))];
    return clusters.every((cluster) => allows(grants, 'break-glass', { cluster, environmentType }));
  });

  constructor() {
    // A plan answers the form as it was: any change makes it stale.
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.plan.set(null);
      this.planned = null;
    });
    effect(() => {
      const id = this.patchId();
      untracked(() => void this.loadShown(id));
    });
    void this.loadImages();
    void this.loadEnvironments();
    void this.loadHistory();
  }

  /** Reads the URL's patch, unless it is the one shown already (picked here, then put in the URL). */
  private async loadShown(id: string | undefined): Promise<void> {
    if (!id || this.shown()?.PatchID === id) {
      return;
    }
    this.shownProblem.set(null);
    try {
      const patch = await this.api.get(id);
      if (this.patchId() === id) {
        this.shown.set(patch);
      }
    } catch (error: unknown) {
      this.shownProblem.set(problemOf(error, `The patch ${id} could not be loaded.`));
    }
  }

  /** Shows the patch and puts its id in the URL, so that the view can be shared or reloaded. */
  private show(patch: PatchOperation): void {
    this.shownProblem.set(null);
    this.shown.set(patch);
    void this.router.navigate([], { queryParams: { patch: patch.PatchID }, replaceUrl: true });
  }

  private async loadImages(): Promise<void> {
    try {
      this.images.set(await this.api.images());
    } catch (error: unknown) {
      this.imagesProblem.set(problemOf(error, 'The images could not be loaded.'));
    }
  }

  private async loadEnvironments(): Promise<void> {
    try {
      const list = await this.api.environments();
      this.environments.set([...list].sort((a, b) => a.EnvironmentName.localeCompare(b.EnvironmentName)));
    } catch (error: unknown) {
      this.environmentsProblem.set(problemOf(error, 'The environments could not be loaded.'));
    }
  }

  /** Reads the recent patches (again). */
  async loadHistory(): Promise<void> {
    this.historyProblem.set(null);
    try {
      this.history.set(await this.api.list());
    } catch (error: unknown) {
      this.historyProblem.set(problemOf(error, 'The recent patches could not be loaded.'));
    }
  }

  private request(): PatchRequest {
    const value = this.form.getRawValue();
    const cluster = value.cluster.trim();
    const reason = value.reason.trim();
    return {
      environment: value.environment,
      ...(cluster ? { cluster } : {}),
      toImage: value.toImage,
      maxParallel: Number(value.maxParallel),
      onFailure: value.onFailure,
      ...(reason ? { reason } : {}),
    };
  }

  /** Asks the server what the patch would do. */
  async makePlan(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.planning()) {
      return;
    }
    const request = this.request();
    this.planning.set(true);
    this.planProblem.set(null);
    try {
      const plan = await this.api.plan(request);
      this.plan.set(plan);
      this.planned = request;
    } catch (error: unknown) {
      this.plan.set(null);
      this.planned = null;
      this.planProblem.set(problemOf(error, 'The patch could not be planned.'));
    } finally {
      this.planning.set(false);
    }
  }

  /** Starts the planned patch and shows it. */
  async run(): Promise<void> {
    const request = this.planned;
    if (!request || this.runBlocker() !== null || this.running()) {
      return;
    }
    this.running.set(true);
    this.planProblem.set(null);
    try {
      const patch = await this.api.start(request);
      this.plan.set(null);
      this.planned = null;
      this.show(patch);
      void this.loadHistory();
    } catch (error: unknown) {
      this.planProblem.set(problemOf(error, 'The patch could not be started.'));
    } finally {
      this.running.set(false);
    }
  }

  /** Starts the planned patch inside the freeze window, with break-glass and its reason. */
  async runAnyway(reason: string): Promise<void> {
    const request = this.planned;
    if (!request || this.running()) {
      return;
    }
    this.running.set(true);
    this.planProblem.set(null);
    try {
      const patch = await this.api.start({ ...request, breakGlass: { reason } });
      this.plan.set(null);
      this.planned = null;
      this.show(patch);
      void this.loadHistory();
    } catch (error: unknown) {
      this.planProblem.set(problemOf(error, 'The patch could not be started.'));
    } finally {
      this.running.set(false);
    }
  }

  /** Puts the shown patch, as last read, in the history, so its row says where it now stands. */
  patchChanged(patch: PatchOperation): void {
    this.history.update((list) => list?.map((p) => (p.PatchID === patch.PatchID ? patch : p)) ?? null);
  }

  /** Shows a patch of the history. */
  showPatch(patch: PatchOperation): void {
    this.show(patch);
  }

  /** The image a patch goes to, in words. */
  imageLabel(toImage: string): string {
    return toImage === 'latest-stable' ? 'Latest stable of each type' : toImage;
  }
}
