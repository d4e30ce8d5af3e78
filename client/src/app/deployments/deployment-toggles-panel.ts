import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type {
  DeploymentToggles,
  RecordedToggleChange,
  ToggleSettingResult,
} from '@shared/deployments/deployment-toggles';
import { stateText, targetingText } from '../toggles/toggle-summary';

const resultWords: Readonly<Record<ToggleSettingResult['Result'], string>> = {
  applied: 'applied',
  pending: 'waiting for approval on the toggle',
  refused: 'not applied',
  'left-alone': 'left alone (someone else changed it meanwhile)',
};

/**
 * The feature toggle changes a deployment carries and, once it ended, what became of them: applied,
 * not applied and why, or waiting for approval; each toggle links to its page.
 */
@Component({
  selector: 'app-deployment-toggles-panel',
  imports: [RouterLink],
  template: `
    <section aria-labelledby="toggles-heading">
      <h2 id="toggles-heading">Feature toggles</h2>
      @if (toggles().Changes.length > 0) {
        <ul class="toggle-changes">
          @for (change of toggles().Changes; track change.Name) {
            <li>
              <a [routerLink]="linkOf(change.Name)">{{ change.Name }}</a>: {{ changeText(change) }}
            </li>
          }
        </ul>
      }
      @if (toggles().CanaryToggle; as canary) {
        <p class="canary-toggle">
          Canary toggle <a [routerLink]="linkOf(canary)">{{ canary }}</a>: its percentage follows the traffic
          weights, on at 100%.
        </p>
      }
      @if (toggles().Outcome; as outcome) {
        <p class="toggle-outcome" [class.applied]="outcome.Applied">
          <strong>{{ outcome.Applied ? 'Applied' : 'Not applied' }}</strong>{{
            outcome.Reason ? ': ' + outcome.Reason : ''
          }}
        </p>
        @if (outcome.Settings.length > 0) {
          <ul class="toggle-results">
            @for (setting of outcome.Settings; track setting.Name) {
              <li [class]="setting.Result">
                <a [routerLink]="linkOf(setting.Name)">{{ setting.Name }}</a>:
                <span class="result">{{ resultText(setting) }}</span>
                @if (setting.Detail) {
                  — {{ setting.Detail }}
                }
              </li>
            }
          </ul>
        }
      } @else {
        <p class="toggle-outcome">
          {{
            over()
              ? 'The deployment ended without an outcome for its toggles.'
              : 'Applied when the deployment ends Success; left as they are otherwise.'
          }}
        </p>
      }
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeploymentTogglesPanel {
  /** What the deployment record keeps of its toggles. */
  readonly toggles = input.required<DeploymentToggles>();
  /** The deployed service, whose toggles they are. */
  readonly service = input.required<string>();
  /** Whether the deployment is over. */
  readonly over = input(false);

  private readonly base = computed(() => ['/feature-toggles', this.service()]);

  /** The toggle's page. */
  linkOf(name: string): string[] {
    return [...this.base(), name];
  }

  /** A requested change in words: the state and who it lists. */
  changeText(change: RecordedToggleChange): string {
    const setting = {
      state: change.State,
      percentage: change.Percentage,
      include: { users: change.Include.Users, groups: change.Include.Groups },
      exclude: { users: change.Exclude.Users, groups: change.Exclude.Groups },
    };
    return [stateText(setting), ...targetingText(setting)].join(' · ');
  }

  /** What became of one setting, in words. */
  resultText(setting: ToggleSettingResult): string {
    const words = resultWords[setting.Result];
    return setting.SettingVersion !== undefined && setting.Result === 'applied'
      ? `${words} (setting version ${setting.SettingVersion})`
      : words;
  }
}
