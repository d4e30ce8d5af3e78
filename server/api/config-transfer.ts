import { z } from 'zod';
import { ImportMode, ImportResult } from '@shared/api/import-result';
import { OriginalAudit } from '@shared/catalogue/original-audit';
import { NewService } from '@shared/catalogue/service';
import type { AuthorizedConfigTransfer } from '../authorization/authorized-config-transfer';
import { serviceDefinition } from '../catalogue/definitions';
import type { Kind } from '../catalogue/record-store';
import type { TransferFormat } from '../catalogue/transfer-format';
import { route, type Route } from '../http/route';
import { parseInput } from '../http/parse-input';
import type { ConfigResource } from './config-resource';
import { configResources } from './config-resources';
import { serviceToApi } from './config-services';
import { problemResponses } from './problem-responses';

/**
 * An import item: a create body, which may also carry the `Audit` that the original's exports gave each
 * record. The audit is checked (an unknown field in it is refused like any other) and dropped; every
 * other key, `__proto__` included, goes on to the strict create body.
 */
function importItem<C>(createBody: z.ZodType<C>): z.ZodType<C> {
  return z.preprocess((item, ctx) => {
    if (typeof item !== 'object' || item === null || !('Audit' in item)) return item;
    for (const issue of OriginalAudit.safeParse(item.Audit).error?.issues ?? []) {
      ctx.addIssue({ ...issue, path: ['Audit', ...issue.path] });
    }
    return Object.fromEntries(Object.entries(item).filter(([key]) => key !== 'Audit'));
  }, createBody);
}

/** A resource's records exported as its API records, imported from its create bodies. */
function transferFormat<K extends Kind, C>(
  r: Pick<ConfigResource<K, C, unknown>, 'def' | 'createBody' | 'fromCreate' | 'toApi'>,
): TransferFormat<K> {
  return {
    def: r.def,
    exported: (record) => r.toApi(record),
    items: (body) => parseInput(z.array(importItem(r.createBody)), body, 'body').map((b) => r.fromCreate(b)),
  };
}

/** Exported services carry their version and deletion flag, which an import ignores. */
const services = transferFormat({
  def: serviceDefinition,
  createBody: NewService.extend({ Version: z.number().int().optional(), Deleted: z.boolean().optional() }),
  fromCreate: ({ Version: _v, Deleted: _d, ...value }) => ({ key: value.ServiceName, value }),
  toApi: serviceToApi,
});

/** The resources that export and import handle, by the original's names. */
const transfers: Record<string, TransferFormat> = {
  accounts: transferFormat(configResources.accounts),
  clusters: transferFormat(configResources.clusters),
  deploymentmaps: transferFormat(configResources.deploymentMaps),
  environments: transferFormat(configResources.environments),
  environmenttypes: transferFormat(configResources.environmentTypes),
  permissions: transferFormat(configResources.permissions),
  services,
};

const Resource = z.enum(Object.keys(transfers) as [string, ...string[]], {
  error: `must be one of ${Object.keys(transfers).join(', ')}`,
});

/** `GET /config/export/{resource}` and `PUT /config/import/{resource}?mode=merge|replace`. */
export function transferRoutes(transfer: AuthorizedConfigTransfer): Route[] {
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
      handle: async ({ params, principal }) => ({
        status: 200,
        body: await transfer.export(principal, transfers[params.resource]!),
      }),
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
      handle: async ({ params, query, body, principal, actor }) => ({
        status: 200,
        body: await transfer.import(principal, transfers[params.resource]!, body, query.mode, actor),
      }),
    }),
  ];
}
