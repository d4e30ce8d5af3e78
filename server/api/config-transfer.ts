import { z } from 'zod';
import type { Catalogue } from '../catalogue/catalogue';
import type { ConfigImport } from '../catalogue/config-import';
import { serviceDefinition } from '../catalogue/definitions';
import { ImportMode, ImportResult } from '@shared/api/import-result';
import { NewService, Service } from '@shared/catalogue/service';
import { authorize } from '../governance/authorize';
import { route, type Route } from '../http/route';
import { parseInput } from '../http/parse-input';
import type { ConfigResource } from './config-resource';
import { configResources } from './config-resources';
import { serviceToApi } from './config-services';
import { problemResponses } from './problem-responses';

type Transfer = Pick<
  ConfigResource<unknown, unknown>,
  'def' | 'createBody' | 'fromCreate' | 'toApi' | 'record'
>;

const services: Transfer = {
  def: serviceDefinition,
  record: Service,
  createBody: NewService.extend({ Version: z.number().int().optional(), Deleted: z.boolean().optional() }),
  fromCreate: (b) => {
    const {
      Version: _v,
      Deleted: _d,
      ...value
    } = b as z.infer<typeof NewService> & { Version?: number; Deleted?: boolean };
    return { key: value.ServiceName, value };
  },
  toApi: serviceToApi,
};

/** The resources that export and import handle, by the original's names. */
const transfers: Record<string, Transfer> = {
  accounts: configResources.accounts as Transfer,
  clusters: configResources.clusters as Transfer,
  deploymentmaps: configResources.deploymentMaps as Transfer,
  environments: configResources.environments as Transfer,
  environmenttypes: configResources.environmentTypes as Transfer,
  permissions: configResources.permissions as Transfer,
  services,
};

const Resource = z.enum(Object.keys(transfers) as [string, ...string[]], {
  error: `must be one of ${Object.keys(transfers).join(', ')}`,
});

/** `GET /config/export/{resource}` and `PUT /config/import/{resource}?mode=merge|replace`. */
export function transferRoutes(catalogue: Catalogue, importer: ConfigImport): Route[] {
  return [
    route<{ resource: string }>({
      method: 'get',
      path: '/config/export/{resource}',
      summary: 'Export every record of a resource, in the shape import accepts (needs admin)',
      tags: ['Import and export'],
      auth: 'signed-in',
      params: z.strictObject({ resource: Resource }),
      responses: {
        200: { description: 'The records', schema: z.array(z.unknown()) },
        ...problemResponses(400, 401, 403),
      },
      handle: async ({ params, principal }) => {
        await authorize(principal, { action: 'admin', everywhere: true });
        const t = transfers[params.resource]!;
        return { status: 200, body: (await catalogue.list(t.def)).map((r) => t.toApi(r)) };
      },
    }),
    route<{ resource: string }, { mode: 'merge' | 'replace' }, unknown[]>({
      method: 'put',
      path: '/config/import/{resource}',
      summary:
        'Import records: merge creates and updates, replace also deletes what is missing (needs admin)',
      tags: ['Import and export'],
      auth: 'signed-in',
      params: z.strictObject({ resource: Resource }),
      query: z.strictObject({ mode: ImportMode }),
      body: z.array(z.unknown()).max(20_000),
      bodyLimit: '20mb',
      responses: {
        200: {
          description: 'What changed',
          schema: ImportResult,
        },
        ...problemResponses(400, 401, 403, 409, 413),
      },
      handle: async ({ params, query, body, principal, actor }) => {
        await authorize(principal, { action: 'admin', everywhere: true });
        const t = transfers[params.resource]!;
        const items = parseInput(z.array(t.createBody), body, 'body').map((b) => t.fromCreate(b));
        return { status: 200, body: await importer.run(t.def, items, query.mode, principal, actor) };
      },
    }),
  ];
}
