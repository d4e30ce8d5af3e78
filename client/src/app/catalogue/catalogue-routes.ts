import { Routes } from '@angular/router';

/** The catalogue feature's routes (being built). */
export const catalogueRoutes: Routes = [];
