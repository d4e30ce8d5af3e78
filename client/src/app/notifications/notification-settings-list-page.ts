import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { allowsEverywhere } from '@shared/auth/permission';
import type { NotificationSettings } from '@shared/notifications/notification-settings';
import type { ApiProblem } from '../core/api-problem';
import { AuthSession } from '../core/auth-session';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { NotificationsApi } from './notifications-api';

/** Every notification settings record, with its webhooks and where it sends mail; New for admins. */
@Component({
  selector: 'app-notification-settings-list-page',
  imports: [RouterLink, MatButtonModule, ProblemBanner],
  templateUrl: './notification-settings-list-page.html',
  styleUrl: './notification-settings-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationSettingsListPage {
  private readonly api = inject(NotificationsApi);
  private readonly user = inject(AuthSession).user;

  readonly records = signal<NotificationSettings[] | null>(null);
  readonly problem = signal<ApiProblem | null>(null);
  /** Settings are changed by admins (everywhere). */
  readonly mayEdit = computed(() => allowsEverywhere(this.user()?.grants ?? [], 'admin'));

  constructor() {
    void this.load();
  }

  /** A record's webhooks in words: their addresses and events. */
  webhooksOf(record: NotificationSettings): string {
    const hooks = record.Value.Webhooks ?? [];
    return hooks.length === 0 ? 'none' : hooks.map((w) => `${w.Url} (${w.Events.join(', ')})`).join('; ');
  }

  private async load(): Promise<void> {
    try {
      const all = await this.api.list();
      this.records.set(all.sort((a, b) => a.NotificationSettingsId.localeCompare(b.NotificationSettingsId)));
    } catch (error: unknown) {
      this.problem.set(problemOf(error, 'The notification settings could not be loaded.'));
    }
  }
}
