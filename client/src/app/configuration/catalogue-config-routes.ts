import { Routes } from '@angular/router';

/** The configuration landing page, teams, environment types, AWS accounts, environments and import/export. */
export const catalogueConfigRoutes: Routes = [
  {
    path: '',
    title: 'Configuration · Environment Manager',
    loadComponent: () =>
      import('./landing/configuration-landing-page').then((m) => m.ConfigurationLandingPage),
  },
  {
    path: 'teams',
    title: 'Teams · Environment Manager',
    loadComponent: () => import('./teams/team-list-page').then((m) => m.TeamListPage),
  },
  {
    path: 'teams/new',
    title: 'New team · Environment Manager',
    loadComponent: () => import('./teams/team-edit-page').then((m) => m.TeamEditPage),
  },
  {
    path: 'teams/:name',
    title: 'Team · Environment Manager',
    loadComponent: () => import('./teams/team-edit-page').then((m) => m.TeamEditPage),
  },
  {
    path: 'environment-types',
    title: 'Environment types · Environment Manager',
    loadComponent: () =>
      import('./environment-types/environment-type-list-page').then((m) => m.EnvironmentTypeListPage),
  },
  {
    path: 'environment-types/new',
    title: 'New environment type · Environment Manager',
    loadComponent: () =>
      import('./environment-types/environment-type-edit-page').then((m) => m.EnvironmentTypeEditPage),
  },
  {
    path: 'environment-types/:name',
    title: 'Environment type · Environment Manager',
    loadComponent: () =>
      import('./environment-types/environment-type-edit-page').then((m) => m.EnvironmentTypeEditPage),
  },
  {
    path: 'aws-accounts',
    title: 'AWS accounts · Environment Manager',
    loadComponent: () => import('./aws-accounts/aws-account-list-page').then((m) => m.AwsAccountListPage),
  },
  {
    path: 'aws-accounts/new',
    title: 'New AWS account · Environment Manager',
    loadComponent: () => import('./aws-accounts/aws-account-edit-page').then((m) => m.AwsAccountEditPage),
  },
  {
    path: 'aws-accounts/:accountNumber',
    title: 'AWS account · Environment Manager',
    loadComponent: () => import('./aws-accounts/aws-account-edit-page').then((m) => m.AwsAccountEditPage),
  },
  {
    path: 'environments',
    title: 'Environments (configuration) · Environment Manager',
    loadComponent: () =>
      import('./environments/environment-config-list-page').then((m) => m.EnvironmentConfigListPage),
  },
  {
    path: 'environments/new',
    title: 'New environment · Environment Manager',
    loadComponent: () => import('./environments/environment-edit-page').then((m) => m.EnvironmentEditPage),
  },
  {
    path: 'environments/:name',
    title: 'Environment settings · Environment Manager',
    loadComponent: () => import('./environments/environment-edit-page').then((m) => m.EnvironmentEditPage),
  },
  {
    path: 'import-export',
    title: 'Import / export · Environment Manager',
    loadComponent: () => import('./import-export/import-export-page').then((m) => m.ImportExportPage),
  },
  {
    path: 'notification-settings',
    loadChildren: () => import('../notifications/notification-routes').then((m) => m.notificationRoutes),
  },
];
