import { Routes } from '@angular/router';

/** The audit feature's routes (being built). */
export const auditRoutes: Routes = [];
