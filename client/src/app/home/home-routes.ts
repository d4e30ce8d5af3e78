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
  {
    path: 'patching',
    loadChildren: () => import('../patching/patching-routes').then((m) => m.patchingRoutes),
  },
  {
    path: 'feature-toggles',
    loadChildren: () => import('../toggles/toggle-routes').then((m) => m.toggleRoutes),
  },
  {
    path: 'freeze-windows',
    loadChildren: () => import('../freeze-windows/freeze-window-routes').then((m) => m.freezeWindowRoutes),
  },
  {
    path: 'catalogue',
    loadChildren: () => import('../catalogue/catalogue-routes').then((m) => m.catalogueRoutes),
  },
  {
    path: 'compare',
    loadChildren: () => import('../compare/compare-routes').then((m) => m.compareRoutes),
  },
  {
    path: 'audit',
    loadChildren: () => import('../audit/audit-routes').then((m) => m.auditRoutes),
  },
  {
    path: 'configuration',
    loadChildren: () => import('../configuration/configuration-routes').then((m) => m.configurationRoutes),
  },
  {
    path: 'account',
    loadChildren: () => import('../account/account-routes').then((m) => m.accountRoutes),
  },
];
