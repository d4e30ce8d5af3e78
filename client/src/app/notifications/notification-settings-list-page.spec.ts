import type { HttpTestingController } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import type { Grant } from '@shared/auth/permission';
import { openTestPage } from '../core/test-page';
import { adminGrant } from '../core/test-sign-in';
import { NotificationSettingsListPage } from './notification-settings-list-page';

const settings = [
  {
    NotificationSettingsId: 'zeta-alerts',
    Value: { Webhooks: [] },
    Version: 1,
  },
  {
    NotificationSettingsId: 'alpha-alerts',
    Value: {
      NotificationEmail: ['alpha@example.com'],
      Webhooks: [{ Url: 'https://hooks.example.com/a', Events: ['*'], Format: 'slack', HasSecret: true }],
    },
    Version: 2,
  },
];

describe('NotificationSettingsListPage', () => {
  let fixture: ComponentFixture<NotificationSettingsListPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  async function open(grants: Grant[]): Promise<void> {
    ({ fixture, page, http } = await openTestPage(NotificationSettingsListPage, {
      grants,
      replies: (mock) => mock.expectOne('/api/v1/config/notification-settings').flush(settings),
    }));
  }

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  const rows = () =>
    Array.from(page.querySelectorAll('table.settings tbody tr')).map((row) =>
      Array.from(row.querySelectorAll('td')).map((c) => c.textContent?.trim()),
    );

  it('lists the settings by id, each with its webhooks and e-mail, linking to its page', async () => {
    await open([]);

    expect(rows()).toEqual([
      ['alpha-alerts', 'https://hooks.example.com/a (*)', 'alpha@example.com'],
      ['zeta-alerts', 'none', ''],
    ]);
    expect(page.querySelector('td.id a')?.getAttribute('href')).toBe(
      '/configuration/notification-settings/alpha-alerts',
    );
    expect(page.querySelector('a.create')).toBeNull();
  });

  it('offers New settings to an admin', async () => {
    await open([adminGrant]);
    expect(page.querySelector('a.create')?.getAttribute('href')).toBe(
      '/configuration/notification-settings/new',
    );
  });
});
