/** The server endpoints the client calls; relative, so the XSRF header is added and the proxy applies. */
export const apiPaths = {
  login: '/api/v1/login',
  logout: '/api/v1/logout',
  me: '/api/v1/me',
  healthcheck: '/api/v1/diagnostics/healthcheck',
} as const;
