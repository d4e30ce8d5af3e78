import { Routes } from '@angular/router';

/** The freeze windows of an environment or an environment type. */
export const freezeWindowRoutes: Routes = [
  {
    path: 'environments/:name',
    title: 'Freeze windows · Environment Manager',
    data: { owner: 'environments' },
    loadComponent: () => import('./freeze-windows-page').then((m) => m.FreezeWindowsPage),
  },
  {
    path: 'environment-types/:name',
    title: 'Freeze windows · Environment Manager',
    data: { owner: 'environment-types' },
    loadComponent: () => import('./freeze-windows-page').then((m) => m.FreezeWindowsPage),
  },
];
