import { Routes } from '@angular/router';

/** Deployment maps, users, groups and permissions: who may do what, and where services run. */
export const accessRoutes: Routes = [
  {
    path: 'deployment-maps',
    title: 'Deployment maps · Environment Manager',
    loadComponent: () =>
      import('./deployment-maps/deployment-map-list-page').then((m) => m.DeploymentMapListPage),
  },
  {
    path: 'deployment-maps/new',
    title: 'New deployment map · Environment Manager',
    loadComponent: () => import('./deployment-maps/deployment-map-page').then((m) => m.DeploymentMapPage),
  },
  {
    path: 'deployment-maps/:name',
    title: 'Deployment map · Environment Manager',
    loadComponent: () => import('./deployment-maps/deployment-map-page').then((m) => m.DeploymentMapPage),
  },
  {
    path: 'users',
    title: 'Users · Environment Manager',
    loadComponent: () => import('./users/user-list-page').then((m) => m.UserListPage),
  },
  {
    path: 'users/new',
    title: 'New user · Environment Manager',
    loadComponent: () => import('./users/user-create-page').then((m) => m.UserCreatePage),
  },
  {
    path: 'users/:name',
    title: 'User · Environment Manager',
    loadComponent: () => import('./users/user-page').then((m) => m.UserPage),
  },
  {
    path: 'groups',
    title: 'Groups · Environment Manager',
    loadComponent: () => import('./groups/group-list-page').then((m) => m.GroupListPage),
  },
  {
    path: 'permissions',
    title: 'Permissions · Environment Manager',
    loadComponent: () => import('./permissions/permission-list-page').then((m) => m.PermissionListPage),
  },
  {
    path: 'permissions/new',
    title: 'New permission record · Environment Manager',
    loadComponent: () => import('./permissions/permission-page').then((m) => m.PermissionPage),
  },
  {
    path: 'permissions/:name',
    title: 'Permission record · Environment Manager',
    loadComponent: () => import('./permissions/permission-page').then((m) => m.PermissionPage),
  },
];
