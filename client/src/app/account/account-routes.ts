import { Routes } from '@angular/router';

/** The account feature's routes: who you are, what you may do, and your API tokens. */
export const accountRoutes: Routes = [
  {
    path: '',
    title: 'Your account · Environment Manager',
    loadComponent: () => import('./account-page').then((m) => m.AccountPage),
  },
];
