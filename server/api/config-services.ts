import { z } from 'zod';
import { Name } from '@shared/catalogue/names';
import { NewService, Service, ServiceValue } from '@shared/catalogue/service';
import type { Principal } from '../auth/principal';
import type { AuthorizedCatalogue } from '../authorization/authorized-catalogue';
import { serviceDefinition } from '../catalogue/definitions';
import type { Actor, StoredRecord } from '../catalogue/record-store';
import { NotFoundError } from '../errors/domain-errors';
import { route, type LeanContext, type Reply, type Route } from '../http/route';
import { withFieldsFrom } from '../http/rebase-fields';
import { serializedOnce } from '../http/serialized-json';
import { etag } from '../http/versioning';
import { problemResponses } from './problem-responses';

/** A stored service in the API's shape. */
export function serviceToApi(rec: StoredRecord<'Service'>): Service {
  return {
    ...rec.value,
    Version: rec.version,
    ...(rec.deleted ? { Deleted: true } : {}),
  };
}

const ByName = z.strictObject({ name: Name });
const ByNameAndCluster = z.strictObject({ name: Name, cluster: Name });
const CreateBody = NewService.extend({ Version: z.number().int().optional() });
type CreateBody = z.infer<typeof CreateBody>;

/** The service catalogue routes, with the original's paths (`/config/services`, `/config/service/{name}`). */
export function serviceRoutes(catalogue: AuthorizedCatalogue): Route[] {
  const def = serviceDefinition;
  const owned = async (name: string, cluster: string) => {
    const rec = await catalogue.get(def, name);
    if (rec.value.OwningCluster !== cluster) {
      throw new NotFoundError(`service ${name} is not owned by cluster ${cluster}`);
    }
    return rec;
  };
  const remove = async (
    ctx: { principal: Principal; actor: Actor; expectedVersion: number },
    name: string,
  ) => {
    const rec = await catalogue.remove(def, ctx.principal, ctx.actor, name, ctx.expectedVersion);
    return { status: 200, body: { ...serviceToApi(rec), Version: rec.version + 1, Deleted: true } };
  };
  const list = async ({
    query,
  }: LeanContext<{ cluster?: string; include_deleted?: 'true' | 'false' }>): Promise<Reply> => {
    const all = await catalogue.list(def, { includeDeleted: query.include_deleted === 'true' });
    if (query.cluster) {
      const owned = all.filter((r) => r.value.OwningCluster === query.cluster).map(serviceToApi);
      return { status: 200, json: JSON.stringify(owned) };
    }
    return { status: 200, json: serializedOnce(all, () => all.map(serviceToApi)) };
  };
  return [
    route<Record<string, never>, { cluster?: string; include_deleted?: 'true' | 'false' }>({
      method: 'get',
      path: '/config/services',
      summary: 'List services',
      tags: ['Services'],
      auth: 'signed-in',
      query: z.strictObject({
        cluster: Name.optional(),
        include_deleted: z.enum(['true', 'false']).optional(),
      }),
      responses: {
        200: { description: 'The services', schema: z.array(Service) },
        ...problemResponses(400, 401),
      },
      handle: list,
      // scripts list the catalogue often: a bearer caller's list is answered ahead of Express
      lean: list,
    }),
    route<Record<string, never>, Record<string, never>, CreateBody>({
      method: 'post',
      path: '/config/services',
      summary: 'Create a service (restores a deleted one of the same name, which keeps its ports)',
      tags: ['Services'],
      auth: 'signed-in',
      body: CreateBody,
      responses: {
        201: { description: 'The created service', schema: Service },
        ...problemResponses(400, 401, 403, 409, 413),
      },
      handle: async ({ body, principal, actor }) => {
        const { Version: _ignored, ...value } = body;
        const rec = await catalogue.create(def, principal, actor, body.ServiceName, value);
        return {
          status: 201,
          body: serviceToApi(rec),
          headers: {
            Location: `/api/v1/config/service/${encodeURIComponent(body.ServiceName)}`,
            ETag: etag(rec.version),
          },
        };
      },
    }),
    route<{ name: string }>({
      method: 'get',
      path: '/config/service/{name}',
      summary: 'Get a service',
      tags: ['Services'],
      auth: 'signed-in',
      params: ByName,
      responses: { 200: { description: 'The service', schema: Service }, ...problemResponses(400, 401, 404) },
      handle: async ({ params }) => {
        const rec = await catalogue.get(def, params.name);
        return { status: 200, body: serviceToApi(rec), headers: { ETag: etag(rec.version) } };
      },
    }),
    route<{ name: string }>({
      method: 'delete',
      path: '/config/service/{name}',
      summary: 'Delete a service (soft: its name and ports stay reserved)',
      tags: ['Services'],
      auth: 'signed-in',
      params: ByName,
      versioned: true,
      responses: {
        200: { description: 'The deleted service', schema: Service },
        ...problemResponses(400, 401, 403, 404, 409, 428),
      },
      handle: (ctx) => remove(ctx, ctx.params.name),
    }),
    route<{ name: string; cluster: string }>({
      method: 'get',
      path: '/config/services/{name}/{cluster}',
      summary: 'Get a service by name and owning cluster',
      tags: ['Services'],
      auth: 'signed-in',
      params: ByNameAndCluster,
      responses: { 200: { description: 'The service', schema: Service }, ...problemResponses(400, 401, 404) },
      handle: async ({ params }) => {
        const rec = await owned(params.name, params.cluster);
        return { status: 200, body: serviceToApi(rec), headers: { ETag: etag(rec.version) } };
      },
    }),
    route<{ name: string; cluster: string }, Record<string, never>, z.infer<typeof ServiceValue>>({
      method: 'put',
      path: '/config/services/{name}/{cluster}',
      summary: 'Update a service; new ports are claimed, old ones stay reserved',
      tags: ['Services'],
      auth: 'signed-in',
      params: ByNameAndCluster,
      body: ServiceValue,
      versioned: true,
      responses: {
        200: { description: 'The updated service', schema: Service },
        ...problemResponses(400, 401, 403, 404, 409, 413, 428),
      },
      handle: async ({ params, body, principal, actor, expectedVersion }) => {
        await owned(params.name, params.cluster);
        const rec = await withFieldsFrom('Value', () =>
          catalogue.update(def, principal, actor, params.name, expectedVersion, (cur) => ({
            ...cur.value,
            Value: body,
          })),
        );
        return { status: 200, body: serviceToApi(rec), headers: { ETag: etag(rec.version) } };
      },
    }),
    route<{ name: string; cluster: string }>({
      method: 'delete',
      path: '/config/services/{name}/{cluster}',
      summary: 'Delete a service by name and owning cluster (soft)',
      tags: ['Services'],
      auth: 'signed-in',
      params: ByNameAndCluster,
      versioned: true,
      responses: {
        200: { description: 'The deleted service', schema: Service },
        ...problemResponses(400, 401, 403, 404, 409, 428),
      },
      handle: async (ctx) => {
        await owned(ctx.params.name, ctx.params.cluster);
        return remove(ctx, ctx.params.name);
      },
    }),
  ];
}
