/** The server endpoints the client calls; relative, so the XSRF header is added and the proxy applies. */
export const apiPaths = {
  login: '/api/v1/login',
  logout: '/api/v1/logout',
  me: '/api/v1/me',
  healthcheck: '/api/v1/diagnostics/healthcheck',
  environments: '/api/v1/environments',
  environment: (name: string) => `/api/v1/environments/${encodeURIComponent(name)}`,
  environmentServers: (name: string) => `/api/v1/environments/${encodeURIComponent(name)}/servers`,
  runningServices: '/api/v1/services',
  environmentDeployLock: (name: string) => `/api/v1/environments/${encodeURIComponent(name)}/deploy-lock`,
  environmentMaintenance: (name: string) => `/api/v1/environments/${encodeURIComponent(name)}/maintenance`,
  deployments: '/api/v1/deployments',
  deployment: (id: string) => `/api/v1/deployments/${encodeURIComponent(id)}`,
  userTokens: '/api/v1/user/tokens',
  userToken: (id: string) => `/api/v1/user/tokens/${encodeURIComponent(id)}`,
  deploymentEvents: (id: string) => `/api/v1/deployments/${encodeURIComponent(id)}/events`,
} as const;
