import { z } from 'zod';
import { Name } from '@shared/catalogue/names';
import type { AuthorizedCatalogue } from '../authorization/authorized-catalogue';
import type { EntityDefinition } from '../catalogue/entity-definition';
import type { Kind, Stored, StoredRecord, StoredValue } from '../catalogue/record-store';
import { route, type Route } from '../http/route';
import { withFieldsFrom } from '../http/rebase-fields';
import { serializedOnce } from '../http/serialized-json';
import { etag } from '../http/versioning';
import { problemResponses } from './problem-responses';

/** How a config resource maps between the API's record shapes (create body C, update body U) and stored records. */
export interface ConfigResource<K extends Kind, C, U> {
  readonly def: EntityDefinition<K>;
  /** Path segment under /config, e.g. `clusters`. */
  readonly path: string;
  readonly tag: string;
  /** Singular noun for summaries. */
  readonly noun: string;
  readonly record: z.ZodType;
  readonly createBody: z.ZodType<C>;
  readonly updateBody: z.ZodType<U>;
  /** Key and stored value of a create body. */
  fromCreate(body: C): { key: string; value: StoredValue<K> };
  /** Stored value after an update body is applied to the current record. */
  fromUpdate(current: StoredRecord<K>, body: U): StoredValue<K>;
  toApi(record: StoredRecord<K>): unknown;
  /** Query filters of the list route. */
  readonly listQuery?: z.ZodType<Record<string, string | undefined>>;
  filter?(record: StoredRecord<K>, query: Record<string, string | undefined>): boolean;
  /** The part of the stored record that an update body is (`Value`, `Permissions`), to name its fields. */
  readonly updatePart?: string;
  /** Name of the path parameter, as in the original (`name`, `accountNumber`). */
  readonly keyParam?: string;
}

/** The original's Version-in-record convention: the API record carries its version. */
export function withVersion<T extends object>(record: Stored<T>): T & { Version: number } {
  return { ...record.value, Version: record.version };
}

/** The five CRUD routes of a config resource: list, create, get, update, delete. */
export function configRoutes<K extends Kind, C, U>(
  r: ConfigResource<K, C, U>,
  catalogue: AuthorizedCatalogue,
): Route[] {
  const keyParam = r.keyParam ?? 'name';
  const Params = z.strictObject({ [keyParam]: Name });
  const key = (p: Record<string, string>) => p[keyParam]!;
  const item = `/config/${r.path}/{${keyParam}}`;
  return [
    route<Record<string, never>, Record<string, string | undefined>>({
      method: 'get',
      path: `/config/${r.path}`,
      summary: `List ${r.noun}s`,
      tags: [r.tag],
      auth: 'signed-in',
      query: r.listQuery ?? z.strictObject({}),
      responses: {
        200: { description: `The ${r.noun}s`, schema: z.array(r.record) },
        ...problemResponses(400, 401),
      },
      handle: async ({ query }) => {
        const all = await catalogue.list(r.def);
        if (r.filter && Object.values(query).some((v) => v !== undefined)) {
          return { status: 200, body: all.filter((rec) => r.filter!(rec, query)).map((rec) => r.toApi(rec)) };
        }
        return { status: 200, json: serializedOnce(all, () => all.map((rec) => r.toApi(rec))) };
      },
    }),
    route<Record<string, never>, Record<string, never>, C>({
      method: 'post',
      path: `/config/${r.path}`,
      summary: `Create a ${r.noun}`,
      tags: [r.tag],
      auth: 'signed-in',
      body: r.createBody,
      responses: {
        201: { description: `The created ${r.noun}`, schema: r.record },
        ...problemResponses(400, 401, 403, 409, 413),
      },
      handle: async ({ body, principal, actor }) => {
        const { key: k, value } = r.fromCreate(body);
        const rec = await catalogue.create(r.def, principal, actor, k, value);
        return {
          status: 201,
          body: r.toApi(rec),
          headers: { Location: `/api/v1/config/${r.path}/${encodeURIComponent(k)}`, ETag: etag(rec.version) },
        };
      },
    }),
    route<Record<string, string>>({
      method: 'get',
      path: item,
      summary: `Get a ${r.noun}`,
      tags: [r.tag],
      auth: 'signed-in',
      params: Params,
      responses: {
        200: { description: `The ${r.noun}`, schema: r.record },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params }) => {
        const rec = await catalogue.get(r.def, key(params));
        return { status: 200, body: r.toApi(rec), headers: { ETag: etag(rec.version) } };
      },
    }),
    route<Record<string, string>, Record<string, never>, U>({
      method: 'put',
      path: item,
      summary: `Update a ${r.noun}`,
      tags: [r.tag],
      auth: 'signed-in',
      params: Params,
      body: r.updateBody,
      versioned: true,
      responses: {
        200: { description: `The updated ${r.noun}`, schema: r.record },
        ...problemResponses(400, 401, 403, 404, 409, 413, 428),
      },
      handle: async ({ params, body, principal, actor, expectedVersion }) => {
        const update = () =>
          catalogue.update(r.def, principal, actor, key(params), expectedVersion, (current) =>
            r.fromUpdate(current, body),
          );
        const rec = r.updatePart ? await withFieldsFrom(r.updatePart, update) : await update();
        return { status: 200, body: r.toApi(rec), headers: { ETag: etag(rec.version) } };
      },
    }),
    route<Record<string, string>>({
      method: 'delete',
      path: item,
      summary: `Delete a ${r.noun}`,
      tags: [r.tag],
      auth: 'signed-in',
      params: Params,
      versioned: true,
      responses: {
        200: { description: `The ${r.noun} as it was`, schema: r.record },
        ...problemResponses(400, 401, 403, 404, 409, 428),
      },
      handle: async ({ params, principal, actor, expectedVersion }) => {
        const rec = await catalogue.remove(r.def, principal, actor, key(params), expectedVersion);
        return { status: 200, body: r.toApi(rec) };
      },
    }),
  ];
}
