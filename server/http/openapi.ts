import { z } from 'zod';
import type { Route } from './route';

type JsonSchema = Record<string, unknown>;

/** Converts a zod schema to JSON Schema 2020-12, hoisting named definitions into `components`. */
function convert(schema: z.ZodType, components: Record<string, JsonSchema>): JsonSchema {
  const json = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  const text = JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/');
  const out = JSON.parse(text) as JsonSchema;
  const defs = (out['$defs'] ?? {}) as Record<string, JsonSchema>;
  for (const [id, def] of Object.entries(defs)) components[id] ??= def;
  delete out['$defs'];
  delete out['$schema'];
  const id = (schema.meta() as { id?: string } | undefined)?.id;
  if (id) {
    components[id] ??= out;
    return { $ref: `#/components/schemas/${id}` };
  }
  return out;
}

function parameters(
  schema: z.ZodType | undefined,
  where: 'path' | 'query',
  components: Record<string, JsonSchema>,
): unknown[] {
  if (!schema) return [];
  const json = convert(schema, components);
  const props = (json['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json['required'] as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: s,
  }));
}

/** The OpenAPI 3.1 document of the routes, generated from their zod schemas. */
export function openApiDocument(routes: readonly Route[], version: string): unknown {
  const components: Record<string, JsonSchema> = {};
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const params = [...parameters(r.params, 'path', components), ...parameters(r.query, 'query', components)];
    if (r.versioned) {
      params.push(
        {
          name: 'expected-version',
          in: 'header',
          required: false,
          schema: { type: 'integer', minimum: 0 },
          description: 'The version you last read (the original header); or send If-Match',
        },
        {
          name: 'If-Match',
          in: 'header',
          required: false,
          schema: { type: 'string' },
          description: 'The ETag you last read, e.g. "3"',
        },
      );
    }
    const responses = Object.fromEntries(
      Object.entries(r.responses).map(([status, spec]) => {
        const media =
          Number(status) >= 400 ? ['application/problem+json'] : (spec.media ?? ['application/json']);
        const schema = spec.schema && convert(spec.schema, components);
        return [
          status,
          schema
            ? {
                description: spec.description,
                content: Object.fromEntries(media.map((m) => [m, { schema }])),
              }
            : { description: spec.description },
        ];
      }),
    );
    (paths[r.path] ??= {})[r.method] = {
      summary: r.summary,
      tags: r.tags,
      operationId: `${r.method}${r.path.replace(/[{}]/g, '').replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase())}`,
      ...(r.deprecated ? { deprecated: true } : {}),
      ...(params.length ? { parameters: params } : {}),
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: convert(r.body, components) } },
            },
          }
        : {}),
      responses,
      security: r.auth === 'anonymous' ? [] : [{ bearer: [] }, { session: [] }],
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Environment Manager API',
      version,
      description:
        'Self-service deployments of catalogued services. Errors are RFC 9457 problem+json naming each invalid field. ' +
        'Changes need the version you last read (`expected-version` or `If-Match`). Scripts authenticate with ' +
        '`POST /token` or a personal API token as `Authorization: Bearer <token>`.',
    },
    servers: [{ url: '/api/v1' }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'em_session' },
      },
    },
  };
}
