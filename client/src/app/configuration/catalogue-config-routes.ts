import { Routes } from '@angular/router';

/** The configuration landing page, teams, environment types, environments and import/export (being built). */
export const catalogueConfigRoutes: Routes = [];
