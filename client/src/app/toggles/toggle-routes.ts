import { Routes } from '@angular/router';

/** Feature toggles: the list, a new toggle, the stale report by team, the tokens services read them with, and one toggle. */
export const toggleRoutes: Routes = [
  {
    path: '',
    title: 'Feature toggles · Environment Manager',
    loadComponent: () => import('./toggle-list-page').then((m) => m.ToggleListPage),
  },
  {
    path: 'new',
    title: 'New feature toggle · Environment Manager',
    loadComponent: () => import('./toggle-create-page').then((m) => m.ToggleCreatePage),
  },
  {
    path: 'stale',
    title: 'Stale feature toggles · Environment Manager',
    loadComponent: () => import('./stale-toggles-page').then((m) => m.StaleTogglesPage),
  },
  {
    path: 'tokens',
    title: 'Feature toggle tokens · Environment Manager',
    loadComponent: () => import('./tokens/toggle-tokens-page').then((m) => m.ToggleTokensPage),
  },
  {
    path: ':service/:name',
    title: 'Feature toggle · Environment Manager',
    loadComponent: () => import('./toggle-page').then((m) => m.TogglePage),
  },
];
