import { Routes } from '@angular/router';

/** The catalogue feature: the searchable list, one service, and its create and edit forms. */
export const catalogueRoutes: Routes = [
  {
    path: '',
    title: 'Service catalogue · Environment Manager',
    loadComponent: () => import('./catalogue-list-page').then((m) => m.CatalogueListPage),
  },
  {
    path: 'new',
    title: 'New service · Environment Manager',
    loadComponent: () => import('./service-form-page').then((m) => m.ServiceFormPage),
  },
  {
    path: ':name',
    title: 'Service · Environment Manager',
    loadComponent: () => import('./service-page').then((m) => m.ServicePage),
  },
  {
    path: ':name/edit',
    title: 'Edit service · Environment Manager',
    loadComponent: () => import('./service-form-page').then((m) => m.ServiceFormPage),
  },
];
