import { DatePipe } from '@angular/common';
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
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { DeploymentMap } from '@shared/catalogue/deployment-map';
import { Environment } from '@shared/catalogue/environment';
import type { FeatureToggle } from '@shared/toggles/feature-toggle';
import type { ApiProblem } from '../core/api-problem';
import { AuthSession } from '../core/auth-session';
import { ConfigApi } from '../core/config-api';
import { Confirmation } from '../core/confirmation';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { KillSwitch } from './kill-switch';
import { SettingForm } from './setting-form';
import { ToggleHistory } from './toggle-history';
import { archiveBlocker, killEverywhereBlocker } from './toggle-permission';
import { toggleRows, type ToggleRow } from './toggle-rows';
import { ToggleState } from './toggle-state';
import { stateText } from './toggle-summary';
import { TogglesApi, type ToggleChangeReply } from './toggles-api';

/** What the page last did, in words: `status` for news, `alert` for what the user must act on. */
interface Notice {
  readonly text: string;
  readonly role: 'status' | 'alert';
}

/**
 * One feature toggle: its setting in every environment that hosts its service (or where it is set), a
 * change per environment (sent with the version read), approval of a change waiting, the kill switch in
 * one environment or everywhere, archive, and the history of its settings with old and new side by side.
 */
@Component({
  selector: 'app-toggle-page',
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatProgressBarModule,
    MatTooltipModule,
    ProblemBanner,
    SettingForm,
    ToggleHistory,
    ToggleState,
  ],
  templateUrl: './toggle-page.html',
  styleUrl: './toggle-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TogglePage {
  private readonly api = inject(TogglesApi);
  private readonly config = inject(ConfigApi);
  private readonly confirmation = inject(Confirmation);
  private readonly killSwitch = inject(KillSwitch);
  private readonly user = inject(AuthSession).user;

  /** The toggle's service, from the route. */
  readonly service = input.required<string>();
  /** The toggle's name, from the route. */
  readonly name = input.required<string>();

  /** The toggle as last read or changed. */
  readonly toggle = signal<FeatureToggle | null>(null);
  private readonly environments = signal<readonly Environment[]>([]);
  private readonly maps = signal<readonly DeploymentMap[]>([]);
  /** Whether the toggle is being read. */
  readonly loading = signal(true);
  /** Why reading or the last change failed. */
  readonly problem = signal<ApiProblem | null>(null);
  /** What the last change did. */
  readonly notice = signal<Notice | null>(null);
  /** The environment whose setting is being edited. */
  readonly editing = signal<string | null>(null);
  /** Whether a kill, approval or archive is in flight. */
  readonly busy = signal(false);
  /** Counts the changes made here, so the history reads them. */
  readonly revision = signal(0);

  private readonly grants = computed(() => this.user()?.grants ?? []);

  /** Every environment the toggle matters in, with what the user may do there. */
  readonly rows = computed((): ToggleRow[] => {
    const toggle = this.toggle();
    return toggle
      ? toggleRows({
          toggle,
          environments: this.environments(),
          maps: this.maps(),
          grants: this.grants(),
          username: this.user()?.username,
        })
      : [];
  });
  /** The row being edited. */
  readonly editedRow = computed(() => this.rows().find((r) => r.environment === this.editing()) ?? null);
  /** Why the user may not turn it off everywhere, or null. */
  readonly killAllBlocker = computed(() => {
    const toggle = this.toggle();
    return toggle ? killEverywhereBlocker(this.grants(), toggle) : null;
  });
  /** Why the user may not archive it, or null. */
  readonly archiveBlocker = computed(() => {
    const toggle = this.toggle();
    return toggle ? archiveBlocker(this.grants(), toggle) : null;
  });

  constructor() {
    effect(() => {
      const service = this.service();
      const name = this.name();
      untracked(() => {
        this.problem.set(null);
        this.notice.set(null);
        this.editing.set(null);
        void this.load(service, name);
      });
    });
  }

  /** The state of a setting in words. */
  readonly stateOf = stateText;

  /** Opens the setting form of an environment, when the user may change it there. */
  edit(row: ToggleRow): void {
    if (row.changeBlocker === null) {
      this.notice.set(null);
      this.editing.set(row.environment);
    }
  }

  /** Shows what a saved change did, and closes the form. */
  showSaved(environment: string, reply: ToggleChangeReply): void {
    this.changed(reply.toggle);
    this.editing.set(null);
    const name = reply.toggle.name;
    const setting = reply.toggle.environments.find((e) => e.environment === environment);
    this.notice.set(
      reply.pending
        ? {
            text: `The change of ${name} in ${environment} is waiting for approval by someone else.`,
            role: 'status',
          }
        : {
            text: `${name} is now ${setting ? stateText(setting) : 'changed'} in ${environment}.`,
            role: 'status',
          },
    );
  }

  /** After a 409: says so, and reads the toggle again (the form follows it). */
  async reloadStale(environment: string): Promise<void> {
    await this.load(this.service(), this.name());
    this.notice.set({
      text: `Someone else changed ${this.name()} in ${environment} since you read it. It is shown now as it is: make your change again.`,
      role: 'alert',
    });
  }

  /** Approves the change waiting in an environment, at the version read. */
  async approve(row: ToggleRow): Promise<void> {
    const toggle = this.toggle();
    if (!toggle || !row.setting || row.approveBlocker !== null) return;
    await this.act(
      () => this.api.approve(toggle, row.environment, row.setting!.version),
      `The change of ${toggle.name} in ${row.environment} is approved and applied.`,
      `The change in ${row.environment} could not be approved.`,
    );
  }

  /** The kill switch: asks for a reason, then turns the toggle off in one environment or (none) everywhere. */
  async kill(environment?: string): Promise<void> {
    const toggle = this.toggle();
    const row = this.rows().find((r) => r.environment === environment);
    const blocker = environment === undefined ? this.killAllBlocker() : row ? row.killBlocker : 'Not listed.';
    if (!toggle || blocker !== null || this.busy()) return;
    const reason = await this.killSwitch.confirm({ toggle: toggle.name, environment });
    if (reason === null) return;
    const where = environment === undefined ? 'everywhere' : `in ${environment}`;
    await this.act(
      () => this.api.kill(toggle, reason, environment),
      `${toggle.name} is off ${where}.`,
      `${toggle.name} could not be turned off ${where}.`,
    );
  }

  /** Archives the toggle, once confirmed. */
  async archive(): Promise<void> {
    const toggle = this.toggle();
    if (!toggle || this.archiveBlocker() !== null || this.busy()) return;
    const confirmed = await this.confirmation.ask({
      title: `Archive ${toggle.name}?`,
      message: `${toggle.name} goes off in every environment and can no longer be changed; its history is kept and its name is never used again.`,
      confirmLabel: 'Archive',
    });
    if (!confirmed) return;
    await this.act(
      () => this.api.archive(toggle),
      `${toggle.name} is archived: off everywhere.`,
      `${toggle.name} could not be archived.`,
    );
  }

  private async act(work: () => Promise<FeatureToggle>, done: string, failed: string): Promise<void> {
    this.busy.set(true);
    this.problem.set(null);
    this.notice.set(null);
    try {
      this.changed(await work());
      this.notice.set({ text: done, role: 'status' });
    } catch (error: unknown) {
      const problem = problemOf(error, failed);
      this.problem.set(problem);
      if (problem.status === 409) {
        await this.load(this.service(), this.name());
        this.notice.set({
          text: 'It changed since you read it: it is shown now as it is. Check it, then try again.',
          role: 'alert',
        });
      }
    } finally {
      this.busy.set(false);
    }
  }

  private changed(toggle: FeatureToggle): void {
    this.toggle.set(toggle);
    this.revision.update((r) => r + 1);
  }

  private async load(service: string, name: string): Promise<void> {
    this.loading.set(true);
    try {
      const [toggle, environments, maps] = await Promise.all([
        this.api.get(service, name),
        // without the catalogue the page still shows where the toggle is set
        this.config.list('environments', Environment).catch(() => []),
        this.config.list('deployment-maps', DeploymentMap).catch(() => []),
      ]);
      this.environments.set(environments);
      this.maps.set(maps);
      this.changed(toggle);
    } catch (error: unknown) {
      this.problem.set(problemOf(error, `The toggle ${name} of ${service} could not be loaded.`));
    } finally {
      this.loading.set(false);
    }
  }
}
