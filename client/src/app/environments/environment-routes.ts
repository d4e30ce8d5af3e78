import { Routes } from '@angular/router';

/** The environments feature: the list, and one environment with its server roles. */
export const environmentRoutes: Routes = [
  {
    path: '',
    title: 'Environments · Environment Manager',
    loadComponent: () => import('./environment-list-page').then((m) => m.EnvironmentListPage),
  },
  {
    path: ':name',
    title: 'Environment · Environment Manager',
    loadComponent: () => import('./environment-page').then((m) => m.EnvironmentPage),
  },
];
