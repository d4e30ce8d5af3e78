import { z } from 'zod';
import { route, type Route } from '../http/route';

const Healthcheck = z.strictObject({ OK: z.boolean(), Version: z.string() }).meta({ id: 'Healthcheck' });

/** `GET /diagnostics/healthcheck` (anonymous) and the OpenAPI document. */
export function diagnosticsRoutes(version: string, document: () => unknown): Route[] {
  return [
    route({
      method: 'get',
      path: '/diagnostics/healthcheck',
      summary: 'Version and status',
      tags: ['Status'],
      auth: 'anonymous',
      responses: { 200: { description: 'Up', schema: Healthcheck } },
      handle: async () => ({ status: 200, body: { OK: true, Version: version } }),
    }),
    route({
      method: 'get',
      path: '/openapi.json',
      summary: 'This API as an OpenAPI 3.1 document, generated from its schemas',
      tags: ['Status'],
      auth: 'anonymous',
      responses: { 200: { description: 'The document' } },
      handle: async () => ({ status: 200, body: document() }),
    }),
  ];
}
