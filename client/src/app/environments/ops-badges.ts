import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { OpsEnvironment } from '@shared/environments/ops-state';

/** Badges that say plainly whether deployments are locked and whether the environment is in maintenance. */
@Component({
  selector: 'app-ops-badges',
  template: `
    @if (environment().Value.DeploymentsLocked) {
      <span class="badge locked">Deployments locked</span>
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
  /** The environment whose state is shown. */
  readonly environment = input.required<OpsEnvironment>();
}
