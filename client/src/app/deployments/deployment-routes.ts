import { Routes } from '@angular/router';

/** The deployments feature: the history, and one deployment followed live. */
export const deploymentRoutes: Routes = [
  {
    path: '',
    title: 'Deployments · Environment Manager',
    loadComponent: () => import('./deployment-history-page').then((m) => m.DeploymentHistoryPage),
  },
  {
    path: ':id',
    title: 'Deployment · Environment Manager',
    loadComponent: () => import('./deployment-page').then((m) => m.DeploymentPage),
  },
];
