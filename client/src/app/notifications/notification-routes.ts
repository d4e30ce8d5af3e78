import { Routes } from '@angular/router';

/** Notification settings: the list, and one record (`new` for a new one) with its test and delivery log. */
export const notificationRoutes: Routes = [
  {
    path: '',
    title: 'Notifications · Environment Manager',
    loadComponent: () =>
      import('./notification-settings-list-page').then((m) => m.NotificationSettingsListPage),
  },
  {
    path: ':id',
    title: 'Notification settings · Environment Manager',
    loadComponent: () => import('./notification-settings-page').then((m) => m.NotificationSettingsPage),
  },
];
