import { Routes } from '@angular/router';

/** The account feature's routes (being built). */
export const accountRoutes: Routes = [];
