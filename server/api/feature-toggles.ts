import { z } from 'zod';
import { Name, Text } from '@shared/catalogue/names';
import {
  FeatureToggle,
  NewFeatureToggle,
  StaleToggles,
  ToggleChange,
  ToggleDefinitions,
  ToggleName,
} from '@shared/toggles/feature-toggle';
import type { AuthorizedFeatureToggles } from '../authorization/authorized-feature-toggles';
import type { ToggleEvaluation } from '../toggles/feature-toggles';
import { route, type LeanContext, type Reply, type Route } from '../http/route';
import { SerializedJson } from '../http/serialized-json';
import { etag } from '../http/versioning';
import { problemResponses } from './problem-responses';

const ByToggle = z.strictObject({ service: Name, name: ToggleName });
const ByToggleInEnvironment = z.strictObject({ service: Name, name: ToggleName, environment: Name });
const ListQuery = z.strictObject({
  service: Name.optional().describe("only this service's toggles"),
  archived: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .transform((v) => v === 'true')
    .optional()
    .describe('true: archived toggles too'),
});
const ServiceInEnvironment = z.strictObject({
  service: Name.describe('the catalogue service whose toggles these are'),
  environment: Name.describe('the environment they are evaluated in'),
});
const EvaluateQuery = ServiceInEnvironment.extend({
  userId: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('the stickiness key: a user is in or out of a percentage by it (none: a random bucket)'),
  groups: z
    .string()
    .max(4000)
    .optional()
    .describe("the user's groups, comma-separated (for the toggles' group targeting)"),
});
const KillBody = z.strictObject({
  environment: Name.optional().describe('the environment to turn it off in (none: every one it is set in)'),
  reason: Text(1000).min(1, 'say why (it is kept in the audit trail)'),
});
const StaleQuery = z.strictObject({
  days: z.coerce
    .number({ error: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(0, 'must be 0 or more')
    .max(3650)
    .default(30)
    .describe('how long a toggle has been fully on or fully off everywhere (default 30)'),
});
const Evaluation = z.record(z.string(), z.boolean()).meta({ id: 'ToggleEvaluation' });

/** Each name list's JSON keys (`"name":`, a comma before all but the first), kept while the rules are. */
const jsonKeys = new WeakMap<readonly string[], readonly string[]>();

/** An evaluation as the `{name: boolean}` object it answers, without building that object. */
function evaluationJson({ names, on }: ToggleEvaluation): string {
  let keys = jsonKeys.get(names);
  if (keys === undefined) {
    keys = names.map((n, i) => `${i ? ',' : ''}${JSON.stringify(n)}:`);
    jsonKeys.set(names, keys);
  }
  let json = '{';
  for (let i = 0; i < keys.length; i++) json += keys[i]! + (on[i] ? 'true' : 'false');
  return json + '}';
}

/** The feature toggle routes: definitions, settings per environment, the kill switch, evaluation. */
export function featureToggleRoutes(toggles: AuthorizedFeatureToggles): Route[] {
  // the evaluation routes answer the same ahead of Express (lean) as through it
  const evaluate = async ({
    query,
    principal,
  }: LeanContext<z.infer<typeof EvaluateQuery>>): Promise<Reply> => {
    const groups = (query.groups ?? '')
      .split(',')
      .map((g) => g.trim())
      .filter(Boolean);
    const result = await toggles.evaluate(principal, query.service, query.environment, {
      ...(query.userId !== undefined ? { userId: query.userId } : {}),
      groups,
    });
    return {
      status: 200,
      json: evaluationJson(result),
      headers: {
        'X-EM-Bucketing': query.userId === undefined ? 'random' : 'userId',
        'Cache-Control': 'no-store',
      },
    };
  };
  const definitions = async ({
    query,
    principal,
  }: LeanContext<z.infer<typeof ServiceInEnvironment>>): Promise<Reply> => ({
    status: 200,
    json: new SerializedJson(
      JSON.stringify(await toggles.definitions(principal, query.service, query.environment)),
    ),
  });
  return [
    route<Record<string, never>, Record<string, never>, z.infer<typeof NewFeatureToggle>>({
      method: 'post',
      path: '/feature-toggles',
      summary:
        "Create a feature toggle of a catalogue service, off everywhere (needs manage-feature-toggles for the service's team; a name is never reused)",
      tags: ['Feature toggles'],
      auth: 'signed-in',
      body: NewFeatureToggle,
      responses: {
        201: { description: 'The toggle', schema: FeatureToggle },
        ...problemResponses(400, 401, 403, 404, 409),
      },
      handle: async ({ body, principal, actor }) => {
        const toggle = await toggles.create(principal, actor, body);
        return {
          status: 201,
          body: toggle,
          headers: { Location: `/api/v1/feature-toggles/${toggle.service}/${toggle.name}` },
        };
      },
    }),
    route<Record<string, never>, z.infer<typeof ListQuery>>({
      method: 'get',
      path: '/feature-toggles',
      summary:
        'The feature toggles (of one service), each with its setting in every environment it is set in',
      tags: ['Feature toggles'],
      auth: 'signed-in',
      query: ListQuery,
      responses: {
        200: { description: 'The toggles', schema: z.array(FeatureToggle) },
        ...problemResponses(400, 401),
      },
      handle: async ({ query }) => ({ status: 200, body: await toggles.list(query.service, query.archived) }),
    }),
    route<Record<string, never>, z.infer<typeof EvaluateQuery>>({
      method: 'get',
      path: '/feature-toggles/evaluate',
      summary:
        'Every toggle of the service, on or off for this user in the environment (`{name: boolean}`); without userId a percentage draws a random bucket per call (header X-EM-Bucketing: random). A signed-in user, or a feature toggle token of this service and environment',
      tags: ['Feature toggles'],
      auth: 'signed-in-or-toggle-token',
      query: EvaluateQuery,
      responses: {
        200: { description: 'On or off, by toggle name', schema: Evaluation },
        ...problemResponses(400, 401, 403, 404),
      },
      handle: evaluate,
      lean: evaluate,
    }),
    route<Record<string, never>, z.infer<typeof ServiceInEnvironment>>({
      method: 'get',
      path: '/feature-toggles/definitions',
      summary:
        "The service's toggles in the environment with the documented bucketing, to evaluate locally; an ETag, and 304 to If-None-Match while nothing changed. A signed-in user, or a feature toggle token of this service and environment",
      tags: ['Feature toggles'],
      auth: 'signed-in-or-toggle-token',
      query: ServiceInEnvironment,
      responses: {
        200: { description: 'The toggle definitions', schema: ToggleDefinitions },
        ...problemResponses(400, 401, 403, 404),
      },
      handle: definitions,
      lean: definitions,
    }),
    route<Record<string, never>, z.infer<typeof StaleQuery>>({
      method: 'get',
      path: '/feature-toggles/stale',
      summary:
        'Toggles ready to remove, by team: fully on (or fully off) in every environment they are set in for at least `days`',
      tags: ['Feature toggles'],
      auth: 'signed-in',
      query: StaleQuery,
      responses: {
        200: { description: 'The stale toggles by team', schema: StaleToggles },
        ...problemResponses(400, 401),
      },
      handle: async ({ query }) => ({ status: 200, body: await toggles.stale(query.days) }),
    }),
    route<z.infer<typeof ByToggle>>({
      method: 'get',
      path: '/feature-toggles/{service}/{name}',
      summary: 'A feature toggle with its setting in every environment it is set in (archived ones too)',
      tags: ['Feature toggles'],
      auth: 'signed-in',
      params: ByToggle,
      responses: {
        200: { description: 'The toggle', schema: FeatureToggle },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params }) => {
        const toggle = await toggles.get(params.service, params.name);
        return { status: 200, body: toggle, headers: { ETag: etag(toggle.version) } };
      },
    }),
    route<z.infer<typeof ByToggle>>({
      method: 'delete',
      path: '/feature-toggles/{service}/{name}',
      summary:
        "Archive a toggle: off everywhere, its history kept and its name never used again (needs manage-feature-toggles for the service's team)",
      tags: ['Feature toggles'],
      auth: 'signed-in',
      params: ByToggle,
      responses: {
        200: { description: 'The archived toggle', schema: FeatureToggle },
        ...problemResponses(400, 401, 403, 404, 409),
      },
      handle: async ({ params, principal, actor }) => ({
        status: 200,
        body: await toggles.archive(principal, actor, params.service, params.name),
      }),
    }),
    route<z.infer<typeof ByToggleInEnvironment>, Record<string, never>, z.infer<typeof ToggleChange>>({
      method: 'put',
      path: '/feature-toggles/{service}/{name}/environments/{environment}',
      summary:
        "Set a toggle in an environment: off, on or a sticky percentage, with users and groups always on (include) or off (exclude, which wins), and why (needs manage-feature-toggles for the team and the environment type; the version of its setting there, 0 for the first; 202 where the type protects toggle changes: it waits for someone else's approval)",
      tags: ['Feature toggles'],
      auth: 'signed-in',
      params: ByToggleInEnvironment,
      body: ToggleChange,
      versioned: true,
      responses: {
        200: { description: 'The toggle, changed', schema: FeatureToggle },
        202: { description: 'The toggle, with the change waiting for approval', schema: FeatureToggle },
        ...problemResponses(400, 401, 403, 404, 409, 428),
      },
      handle: async ({ params, body, principal, actor, expectedVersion }) => {
        const result = await toggles.set(principal, actor, params, body, expectedVersion);
        return { status: result.pending ? 202 : 200, body: result.toggle };
      },
    }),
    route<z.infer<typeof ByToggleInEnvironment>>({
      method: 'post',
      path: '/feature-toggles/{service}/{name}/environments/{environment}/approve',
      summary:
        'Approve the change of a toggle waiting in an environment (someone other than who asked; needs manage-feature-toggles for the team and type; the version of its setting there)',
      tags: ['Feature toggles'],
      auth: 'signed-in',
      params: ByToggleInEnvironment,
      versioned: true,
      responses: {
        200: { description: 'The toggle, changed', schema: FeatureToggle },
        ...problemResponses(400, 401, 403, 404, 409, 428),
      },
      handle: async ({ params, principal, actor, expectedVersion }) => ({
        status: 200,
        body: await toggles.approve(principal, actor, params, expectedVersion),
      }),
    }),
    route<z.infer<typeof ByToggle>, Record<string, never>, z.infer<typeof KillBody>>({
      method: 'post',
      path: '/feature-toggles/{service}/{name}/kill',
      summary:
        'The kill switch: off at once in one environment or in every one it is set in, whatever waits for approval (needs manage-feature-toggles there; audited with the reason)',
      tags: ['Feature toggles'],
      auth: 'signed-in',
      params: ByToggle,
      body: KillBody,
      responses: {
        200: { description: 'The toggle, off', schema: FeatureToggle },
        ...problemResponses(400, 401, 403, 404, 409),
      },
      handle: async ({ params, body, principal, actor }) => ({
        status: 200,
        body: await toggles.kill(principal, actor, { ...params, environment: body.environment }, body.reason),
      }),
    }),
  ];
}
