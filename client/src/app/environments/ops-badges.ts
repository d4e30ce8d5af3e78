import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID } from '@angular/core';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { OpsEnvironment } from '@shared/environments/ops-state';
import { lockSummary } from './lock-summary';

/**
 * Badges that say plainly whether deployments are locked and whether the environment is in maintenance;
 * the lock's who, when and why are in its tooltip, and in hidden text for screen readers.
 */
@Component({
  selector: 'app-ops-badges',
  imports: [MatTooltipModule],
  template: `
    @if (environment().Value.DeploymentsLocked) {
      <span class="badge locked" [matTooltip]="lockState() ?? ''"
        >Deployments locked<span class="visually-hidden">. {{ lockState() }}</span></span
      >
    }
    @if (environment().Value.InMaintenance) {
      <span class="badge maintenance">In maintenance</span>
    }
    @if (!environment().Value.DeploymentsLocked && !environment().Value.InMaintenance) {
      <span class="badge open">Open</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      gap: 0.5rem;
      flex-wrap: wrap;
    }
    .badge {
      padding: 0.125rem 0.5rem;
      border-radius: 1rem;
      font: var(--mat-sys-label-medium);
    }
    .locked {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .maintenance {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .open {
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OpsBadges {
  private readonly locale = inject(LOCALE_ID);

  /** The environment whose state is shown. */
  readonly environment = input.required<OpsEnvironment>();
  /** Who locked deployments, when and why, while they are locked. */
  readonly lockState = computed(() => lockSummary(this.environment(), this.locale));
}
