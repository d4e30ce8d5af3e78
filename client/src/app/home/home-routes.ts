import { Routes } from '@angular/router';

/** The home feature's routes, loaded inside the signed-in shell. */
export const homeRoutes: Routes = [
  {
    path: '',
    title: 'Home · Environment Manager',
    loadComponent: () => import('./home-page').then((m) => m.HomePage),
  },
  {
    path: 'environments',
    loadChildren: () => import('../environments/environment-routes').then((m) => m.environmentRoutes),
  },
  {
    path: 'deployments',
    loadChildren: () => import('../deployments/deployment-routes').then((m) => m.deploymentRoutes),
  },
];
