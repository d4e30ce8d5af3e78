import { z } from 'zod';
import { Name } from '@shared/catalogue/names';
import { ProtectedActionName } from '@shared/catalogue/environment-type';
import {
  DeployLock,
  DeployLockUpdate,
  MaintenanceUpdate,
  OpsEnvironment,
} from '@shared/environments/ops-state';
import type { AuthorizedEnvironmentOperations } from '../authorization/authorized-environment-operations';
import { route, type Route } from '../http/route';
import { etag } from '../http/versioning';
import { problemResponses } from './problem-responses';

const ByName = z.strictObject({ name: Name });

/** The environments' operations routes: list, get, deploy lock, maintenance, protected actions. */
export function environmentRoutes(ops: AuthorizedEnvironmentOperations): Route[] {
  return [
    route({
      method: 'get',
      path: '/environments',
      summary: 'List environments with their operations state',
      tags: ['Environments'],
      auth: 'signed-in',
      responses: {
        200: { description: 'The environments', schema: z.array(OpsEnvironment) },
        ...problemResponses(401),
      },
      handle: async () => ({ status: 200, body: await ops.list() }),
    }),
    route<{ name: string }>({
      method: 'get',
      path: '/environments/{name}',
      summary: 'Get an environment with its operations state',
      tags: ['Environments'],
      auth: 'signed-in',
      params: ByName,
      responses: {
        200: { description: 'The environment', schema: OpsEnvironment },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params }) => {
        const env = await ops.get(params.name);
        return { status: 200, body: env, headers: { ETag: etag(env.Version) } };
      },
    }),
    route<{ name: string }>({
      method: 'get',
      path: '/environments/{name}/deploy-lock',
      summary: 'Whether deployments to the environment are locked, and by whom, when and why',
      tags: ['Environments'],
      auth: 'signed-in',
      params: ByName,
      responses: {
        200: { description: 'The lock', schema: DeployLock },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params }) => {
        const env = await ops.get(params.name);
        const { DeploymentsLocked, LockReason, LockedBy, LockedAt } = env.Value;
        const lock: DeployLock = { DeploymentsLocked, LockReason, LockedBy, LockedAt };
        return { status: 200, body: lock, headers: { ETag: etag(env.Version) } };
      },
    }),
    route<{ name: string }, Record<string, never>, z.infer<typeof DeployLockUpdate>>({
      method: 'put',
      path: '/environments/{name}/deploy-lock',
      summary:
        'Lock deployments with a Reason, or unlock them (needs lock-environments; version of the operations state, 0 at first)',
      tags: ['Environments'],
      auth: 'signed-in',
      params: ByName,
      body: DeployLockUpdate,
      versioned: true,
      responses: {
        200: { description: 'The environment', schema: OpsEnvironment },
        ...problemResponses(400, 401, 403, 404, 409, 428),
      },
      handle: async ({ params, body, principal, actor, expectedVersion }) => {
        const env = await ops.setDeployLock(principal, actor, params.name, expectedVersion, body);
        return { status: 200, body: env, headers: { ETag: etag(env.Version) } };
      },
    }),
    route<{ name: string }>({
      method: 'get',
      path: '/environments/{name}/maintenance',
      summary: 'Whether the environment is in maintenance',
      tags: ['Environments'],
      auth: 'signed-in',
      params: ByName,
      responses: {
        200: { description: 'The maintenance flag', schema: MaintenanceUpdate },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params }) => {
        const env = await ops.get(params.name);
        return {
          status: 200,
          body: { InMaintenance: env.Value.InMaintenance },
          headers: { ETag: etag(env.Version) },
        };
      },
    }),
    route<{ name: string }, Record<string, never>, z.infer<typeof MaintenanceUpdate>>({
      method: 'put',
      path: '/environments/{name}/maintenance',
      summary: 'Put the environment in or out of maintenance (needs lock-environments)',
      tags: ['Environments'],
      auth: 'signed-in',
      params: ByName,
      body: MaintenanceUpdate,
      versioned: true,
      responses: {
        200: { description: 'The environment', schema: OpsEnvironment },
        ...problemResponses(400, 401, 403, 404, 409, 428),
      },
      handle: async ({ params, body, principal, actor, expectedVersion }) => {
        const env = await ops.setMaintenance(
          principal,
          actor,
          params.name,
          expectedVersion,
          body.InMaintenance,
        );
        return { status: 200, body: env, headers: { ETag: etag(env.Version) } };
      },
    }),
    route<{ name: string }, { action: string }>({
      method: 'get',
      path: '/environments/{name}/protected',
      summary: "Whether the environment's type protects an action",
      tags: ['Environments'],
      auth: 'signed-in',
      params: ByName,
      query: z.strictObject({ action: ProtectedActionName }),
      responses: {
        200: { description: 'Protected or not', schema: z.strictObject({ isProtected: z.boolean() }) },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params, query }) => ({
        status: 200,
        body: { isProtected: await ops.isProtected(params.name, query.action) },
      }),
    }),
  ];
}
