import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ToggleEnvironment } from '@shared/toggles/feature-toggle';
import { toggleSummary } from './toggle-summary';

/** A toggle's setting in one environment as badges: off / on / N%, its targeting, a change waiting. */
@Component({
  selector: 'app-toggle-state',
  template: `
    <!-- the spaces keep the words apart for screen readers and in copied text -->
    <span class="state" [attr.data-state]="summary().stateName">{{ summary().state }}</span>
    @if (summary().unset) {
      {{ ' ' }}<span class="unset">not set</span>
    }
    @for (words of summary().targeting; track words) {
      {{ ' ' }}<span class="badge targeting">{{ words }}</span>
    }
    @if (summary().pending; as pending) {
      {{ ' ' }}<span class="badge pending">waiting for approval: {{ pending }}</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      align-items: baseline;
    }
    .state,
    .badge {
      padding: 0 0.5rem;
      border-radius: 0.75rem;
      white-space: nowrap;
    }
    .state {
      font-weight: 500;
      background: var(--mat-sys-surface-container-high);
    }
    .state[data-state='on'],
    .state[data-state='percentage'] {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .unset {
      color: var(--mat-sys-on-surface-variant);
      font-size: 0.875em;
    }
    .badge {
      font-size: 0.875em;
      border: 1px solid var(--mat-sys-outline-variant);
    }
    .pending {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ToggleState {
  /** The setting shown; null or undefined: none set there (off). */
  readonly setting = input<ToggleEnvironment | null | undefined>(null);

  /** The setting in words. */
  readonly summary = computed(() => toggleSummary(this.setting()));
}
