import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { DeploymentPlan } from '@shared/deployments/deployment';
import type { PlannedToggleChange } from '@shared/deployments/deployment-toggles';
import { stateText, targetingText } from '../toggles/toggle-summary';

/** What a dry run says of the toggles: each change with the setting now and what success does, and the canary toggle per step. */
@Component({
  selector: 'app-planned-toggles',
  template: `
    @if (plan().featureToggles; as changes) {
      <h4>Feature toggles</h4>
      <ul class="planned-toggles">
        @for (change of changes; track change.name) {
          <li>
            <strong>{{ change.name }}</strong>: {{ nowText(change.current) }} → {{ stateText(change) }}
            @for (line of targetingText(change); track line) {
              · {{ line }}
            }
            —
            <span class="on-success">{{
              change.onSuccess === 'applied'
                ? 'applied on success'
                : 'will wait for approval (the environment type protects toggle changes)'
            }}</span>
          </li>
        }
      </ul>
    }
    @if (plan().canaryToggle; as canary) {
      <h4>Canary toggle</h4>
      <p class="planned-canary">
        <strong>{{ canary.name }}</strong> (now {{ nowText(canary.current) }}) follows the traffic; back as it
        was on a rollback:
      </p>
      <ol class="canary-steps">
        @for (step of canarySteps(); track $index) {
          <li>{{ step.weight }}% of traffic: {{ step.toggle }}</li>
        }
      </ol>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlannedToggles {
  /** The dry run's plan. */
  readonly plan = input.required<DeploymentPlan>();

  /** Each canary step's traffic weight beside the toggle's percentage then. */
  readonly canarySteps = computed(() => {
    const plan = this.plan();
    return (plan.canaryToggle?.percentages ?? []).map((percentage, i) => ({
      weight: plan.canarySteps[i] ?? percentage,
      toggle: percentage >= 100 ? 'on' : `${percentage}%`,
    }));
  });

  /** A change's setting in words. */
  readonly stateText = stateText;
  /** Who a change lists, in words. */
  readonly targetingText = targetingText;

  /** The setting now in words; never set there: off. */
  nowText(current: PlannedToggleChange['current']): string {
    return current ? stateText(current) : 'off (never set here)';
  }
}
