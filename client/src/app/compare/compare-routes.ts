import { Routes } from '@angular/router';

/** The compare feature's routes (being built). */
export const compareRoutes: Routes = [];
