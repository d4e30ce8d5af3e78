import { Routes } from '@angular/router';
import { accessRoutes } from './access-routes';
import { catalogueConfigRoutes } from './catalogue-config-routes';

/**
 * The configuration feature: a landing page, then the catalogue's settings (teams, environment types,
 * AWS accounts, environments, import/export) and who may do what (deployment maps, users, groups, permissions).
 */
export const configurationRoutes: Routes = [...catalogueConfigRoutes, ...accessRoutes];
