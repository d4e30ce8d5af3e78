import { Routes } from '@angular/router';

/** Deployment maps, users, groups and permissions (being built). */
export const accessRoutes: Routes = [];
