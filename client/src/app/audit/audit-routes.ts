import { Routes } from '@angular/router';

/** The audit feature: the filtered trail, and the same page opened at one entry (`/audit/:id`). */
export const auditRoutes: Routes = [
  {
    path: '',
    title: 'Audit · Environment Manager',
    loadComponent: () => import('./audit-page').then((m) => m.AuditPage),
  },
  {
    path: ':id',
    title: 'Audit entry · Environment Manager',
    loadComponent: () => import('./audit-page').then((m) => m.AuditPage),
  },
];
