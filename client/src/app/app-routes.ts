import { Routes } from '@angular/router';
import { signedInGuard } from './core/signed-in-guard';
import { signedOutGuard } from './core/signed-out-guard';

/** Top-level routes: the sign-in page, and the signed-in shell whose features load lazily. */
export const appRoutes: Routes = [
  {
    path: 'sign-in',
    title: 'Sign in · Environment Manager',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./sign-in/sign-in-page').then((m) => m.SignInPage),
  },
  {
    path: '',
    canActivate: [signedInGuard],
    loadComponent: () => import('./shell/shell').then((m) => m.Shell),
    loadChildren: () => import('./home/home-routes').then((m) => m.homeRoutes),
  },
  { path: '**', redirectTo: '' },
];
