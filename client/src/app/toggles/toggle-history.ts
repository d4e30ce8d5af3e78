import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { AuditEntry } from '@shared/audit/audit-entry';
import type { FeatureToggle } from '@shared/toggles/feature-toggle';
import { z } from 'zod';
import { AuditApi, type AuditPage } from '../audit/audit-api';
import { AuditDiff } from '../audit/audit-diff';
import { CursorPages, type CursorPage } from '../core/cursor-pages';
import { ProblemBanner } from '../core/problem-banner';

/** The audit kind of a toggle's setting in one environment (its key: `service/name/environment`). */
const SETTING_KIND = 'FeatureToggleState';

/** The part of a setting's audited value that names the deployment whose success wrote it. */
const WrittenByDeployment = z.object({ DeploymentId: z.string().min(1) });

/**
 * The history of a toggle's settings: every audited change in any environment, newest first, with who,
 * when and the old and new setting side by side (the audit trail's diff).
 */
@Component({
  selector: 'app-toggle-history',
  imports: [DatePipe, MatButtonModule, MatProgressBarModule, RouterLink, AuditDiff, ProblemBanner],
  template: `
    <section aria-labelledby="toggle-history-heading">
      <h2 id="toggle-history-heading">History</h2>
      @if (pages.loading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading the history" />
      }
      @if (pages.problem(); as problem) {
        <app-problem-banner [problem]="problem" />
      }
      @for (entry of pages.items(); track entry.AuditID) {
        <article class="change" [attr.aria-labelledby]="'change-' + entry.AuditID">
          <h3 [id]="'change-' + entry.AuditID">
            {{ environmentOf(entry) }}:
            <time [attr.datetime]="entry.ISOTimestamp">{{
              entry.Timestamp | date: 'yyyy-MM-dd HH:mm:ss'
            }}</time>
            by {{ entry.ChangedBy }}
          </h3>
          @if (deploymentOf(entry); as deploymentId) {
            <p class="by-deployment">
              Set by
              <a [routerLink]="['/deployments', deploymentId]">deployment {{ deploymentId }}</a>
              when it succeeded.
            </p>
          }
          <app-audit-diff [entry]="entry" />
        </article>
      } @empty {
        @if (!pages.loading() && !pages.problem() && !pages.next()) {
          <p class="empty">No setting of this toggle has changed yet.</p>
        }
      }
      @if (pages.next()) {
        <button
          mat-stroked-button
          type="button"
          class="more"
          [disabled]="pages.loadingMore()"
          (click)="more()"
        >
          Older changes
        </button>
      }
    </section>
  `,
  styles: `
    h3 {
      font: var(--mat-sys-title-small);
      margin: 1rem 0 0.25rem;
    }
    .by-deployment {
      margin: 0 0 0.25rem;
    }
    .change {
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ToggleHistory {
  private readonly audit = inject(AuditApi);

  /** The toggle whose settings' changes are shown. */
  readonly toggle = input.required<FeatureToggle>();
  /** Changes as the page counts them: a new count reads the history again. */
  readonly revision = input(0);

  /** The changes read so far, and whether there are older ones. */
  readonly pages = new CursorPages<AuditEntry>();

  /** Which toggle it is: a toggle read again (a new object) is the same history. */
  private readonly which = computed(() => `${this.toggle().service}/${this.toggle().name}`);

  constructor() {
    effect(() => {
      this.which();
      this.revision();
      untracked(() => void this.pages.first(() => this.read(this.toggle()), failure));
    });
  }

  /** The environment an entry changed the setting in. */
  environmentOf(entry: AuditEntry): string {
    return entry.Entity.Key.slice(this.prefix().length);
  }

  /** The deployment whose success wrote the entry's new setting, or null when a person set it. */
  deploymentOf(entry: AuditEntry): string | null {
    const parsed = WrittenByDeployment.safeParse(entry.NewValue);
    return parsed.success ? parsed.data.DeploymentId : null;
  }

  /** Reads older changes. */
  async more(): Promise<void> {
    await this.pages.more(async (next) => this.mine(await this.audit.more(next)), failure);
  }

  private prefix(): string {
    return `${this.toggle().service}/${this.toggle().name}/`;
  }

  private async read(
    toggle: Pick<FeatureToggle, 'service' | 'name' | 'createdAt'>,
  ): Promise<CursorPage<AuditEntry>> {
    // the audit query's Entity.Key takes a plain name, not `service/name/environment`: the kind is
    // asked for since the toggle was created, and its settings picked from it here
    const page = await this.audit.list({ entityType: SETTING_KIND, since: toggle.createdAt }, 100);
    return this.mine(page);
  }

  private mine(page: AuditPage): CursorPage<AuditEntry> {
    const prefix = this.prefix();
    return { items: page.entries.filter((e) => e.Entity.Key.startsWith(prefix)), next: page.next };
  }
}

const failure = 'The history of this toggle could not be read.';
