import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import { AuthSession } from '../../core/auth-session';
import { editBlocker } from '../config-kit/edit-blocker';
import { configurationSections } from './configuration-section';

/** The configuration areas: what each holds, who may change it, and whether the signed-in user may. */
@Component({
  selector: 'app-configuration-landing-page',
  imports: [MatCardModule, RouterLink],
  templateUrl: './configuration-landing-page.html',
  styleUrl: './configuration-landing-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfigurationLandingPage {
  private readonly user = inject(AuthSession).user;

  /** Each section with whether this user may change (some of) it. */
  readonly sections = computed(() => {
    const grants = this.user()?.grants ?? [];
    return configurationSections.map((section) => ({
      ...section,
      mayChange: editBlocker(grants, section.requirement) === null,
    }));
  });
}
