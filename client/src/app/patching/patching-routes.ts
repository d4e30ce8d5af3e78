import { Routes } from '@angular/router';

/** The patching feature: images, plans, running patches and their history. */
export const patchingRoutes: Routes = [
  {
    path: '',
    title: 'Patching · Environment Manager',
    loadComponent: () => import('./patching-page').then((m) => m.PatchingPage),
  },
];
