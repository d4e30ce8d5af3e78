import { Routes } from '@angular/router';

/** The compare feature: service versions side by side across the environments chosen in the URL. */
export const compareRoutes: Routes = [
  {
    path: '',
    title: 'Compare · Environment Manager',
    loadComponent: () => import('./compare-page').then((m) => m.ComparePage),
  },
];
