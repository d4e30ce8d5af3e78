import { z } from 'zod';
import { Name } from '@shared/catalogue/names';
import { Group, GroupUpdate, NewUser, PasswordReset, User, UserUpdate } from '@shared/auth/user';
import { hashPassword } from '../auth/password-hasher';
import type { AuthorizedCatalogue } from '../authorization/authorized-catalogue';
import { groupDefinition, userDefinition } from '../catalogue/definitions';
import type { StoredRecord, Write } from '../catalogue/record-store';
import { ConflictError } from '../errors/domain-errors';
import { route, type Route } from '../http/route';
import { etag } from '../http/versioning';
import { problemResponses } from './problem-responses';

function userToApi(rec: StoredRecord<'User'>): User {
  const v = rec.value;
  return {
    Username: rec.key,
    ...(v.DisplayName ? { DisplayName: v.DisplayName } : {}),
    ...(v.Email ? { Email: v.Email } : {}),
    Groups: v.Groups,
    Disabled: v.Disabled,
    Version: rec.version,
  };
}

function groupToApi(rec: StoredRecord<'Group'>): Group {
  return { ...rec.value, Version: rec.version };
}

function withSecret(writes: Write[], secret: string): Write[] {
  const [first, ...rest] = writes;
  if (first?.op !== 'put') throw new Error('expected the record write first');
  return [{ ...first, secret }, ...rest];
}

const ByName = z.strictObject({ name: Name });
const GroupBody = Group.omit({ Version: true });

/** Users and groups (changes need `admin` everywhere): create, list, disable, set groups, reset password. */
export function userRoutes(catalogue: AuthorizedCatalogue): Route[] {
  return [
    route({
      method: 'get',
      path: '/users',
      summary: 'List users',
      tags: ['Users and groups'],
      auth: 'signed-in',
      responses: { 200: { description: 'The users', schema: z.array(User) }, ...problemResponses(401) },
      handle: async () => ({ status: 200, body: (await catalogue.list(userDefinition)).map(userToApi) }),
    }),
    route<Record<string, never>, Record<string, never>, NewUser>({
      method: 'post',
      path: '/users',
      summary: 'Create a user',
      tags: ['Users and groups'],
      auth: 'signed-in',
      body: NewUser,
      responses: { 201: { description: 'The user', schema: User }, ...problemResponses(400, 401, 403, 409) },
      handle: async ({ body, principal, actor }) => {
        const group = await catalogue.list(groupDefinition);
        if (group.some((g) => g.key === body.Username))
          throw new ConflictError(`a group is already named ${body.Username}`);
        const { Password, ...profile } = body;
        const value = { ...profile, Disabled: false, PasswordChangedAt: new Date().toISOString() };
        const writes = await catalogue.planCreate(userDefinition, principal, body.Username, value);
        await catalogue.commit(withSecret(writes, await hashPassword(Password)), actor);
        const rec = await catalogue.get(userDefinition, body.Username);
        return {
          status: 201,
          body: userToApi(rec),
          headers: { Location: `/api/v1/users/${rec.key}`, ETag: etag(rec.version) },
        };
      },
    }),
    route<{ name: string }>({
      method: 'get',
      path: '/users/{name}',
      summary: 'Get a user',
      tags: ['Users and groups'],
      auth: 'signed-in',
      params: ByName,
      responses: { 200: { description: 'The user', schema: User }, ...problemResponses(400, 401, 404) },
      handle: async ({ params }) => {
        const rec = await catalogue.get(userDefinition, params.name);
        return { status: 200, body: userToApi(rec), headers: { ETag: etag(rec.version) } };
      },
    }),
    route<{ name: string }, Record<string, never>, UserUpdate>({
      method: 'put',
      path: '/users/{name}',
      summary: "Update a user's profile, groups or disabled flag (a disabled user is refused at once)",
      tags: ['Users and groups'],
      auth: 'signed-in',
      params: ByName,
      body: UserUpdate,
      versioned: true,
      responses: {
        200: { description: 'The user', schema: User },
        ...problemResponses(400, 401, 403, 404, 409, 428),
      },
      handle: async ({ params, body, principal, actor, expectedVersion }) => {
        const rec = await catalogue.update(
          userDefinition,
          principal,
          actor,
          params.name,
          expectedVersion,
          (cur) => ({
            PasswordChangedAt: cur.value.PasswordChangedAt,
            ...body,
          }),
        );
        return { status: 200, body: userToApi(rec), headers: { ETag: etag(rec.version) } };
      },
    }),
    route<{ name: string }, Record<string, never>, z.infer<typeof PasswordReset>>({
      method: 'put',
      path: '/users/{name}/password',
      summary: "Reset a user's password",
      tags: ['Users and groups'],
      auth: 'signed-in',
      params: ByName,
      body: PasswordReset,
      versioned: true,
      responses: {
        200: { description: 'The user', schema: User },
        ...problemResponses(400, 401, 403, 404, 409, 428),
      },
      handle: async ({ params, body, principal, actor, expectedVersion }) => {
        const current = await catalogue.get(userDefinition, params.name);
        const writes = await catalogue.planUpdate(userDefinition, principal, current, expectedVersion, {
          ...current.value,
          PasswordChangedAt: new Date().toISOString(),
        });
        await catalogue.commit(withSecret(writes, await hashPassword(body.Password)), actor);
        const rec = await catalogue.get(userDefinition, params.name);
        return { status: 200, body: userToApi(rec), headers: { ETag: etag(rec.version) } };
      },
    }),
    route({
      method: 'get',
      path: '/groups',
      summary: 'List groups',
      tags: ['Users and groups'],
      auth: 'signed-in',
      responses: { 200: { description: 'The groups', schema: z.array(Group) }, ...problemResponses(401) },
      handle: async () => ({ status: 200, body: (await catalogue.list(groupDefinition)).map(groupToApi) }),
    }),
    route<Record<string, never>, Record<string, never>, z.infer<typeof GroupBody>>({
      method: 'post',
      path: '/groups',
      summary: 'Create a group',
      tags: ['Users and groups'],
      auth: 'signed-in',
      body: GroupBody,
      responses: {
        201: { description: 'The group', schema: Group },
        ...problemResponses(400, 401, 403, 409),
      },
      handle: async ({ body, principal, actor }) => {
        const users = await catalogue.list(userDefinition);
        if (users.some((u) => u.key === body.GroupName))
          throw new ConflictError(`a user is already named ${body.GroupName}`);
        const rec = await catalogue.create(groupDefinition, principal, actor, body.GroupName, body);
        return {
          status: 201,
          body: groupToApi(rec),
          headers: { Location: `/api/v1/groups/${rec.key}`, ETag: etag(rec.version) },
        };
      },
    }),
    route<{ name: string }, Record<string, never>, GroupUpdate>({
      method: 'put',
      path: '/groups/{name}',
      summary: "Update a group's description",
      tags: ['Users and groups'],
      auth: 'signed-in',
      params: ByName,
      body: GroupUpdate,
      versioned: true,
      responses: {
        200: { description: 'The group', schema: Group },
        ...problemResponses(400, 401, 403, 404, 409, 428),
      },
      handle: async ({ params, body, principal, actor, expectedVersion }) => {
        const rec = await catalogue.update(
          groupDefinition,
          principal,
          actor,
          params.name,
          expectedVersion,
          (cur) => {
            const { Description: _old, ...rest } = cur.value;
            return body.Description === undefined ? rest : { ...rest, Description: body.Description };
          },
        );
        return { status: 200, body: groupToApi(rec), headers: { ETag: etag(rec.version) } };
      },
    }),
    route<{ name: string }>({
      method: 'delete',
      path: '/groups/{name}',
      summary: 'Delete a group (refused while users or clusters refer to it)',
      tags: ['Users and groups'],
      auth: 'signed-in',
      params: ByName,
      versioned: true,
      responses: {
        200: { description: 'The group as it was', schema: Group },
        ...problemResponses(400, 401, 403, 404, 409, 428),
      },
      handle: async ({ params, principal, actor, expectedVersion }) => ({
        status: 200,
        body: groupToApi(
          await catalogue.remove(groupDefinition, principal, actor, params.name, expectedVersion),
        ),
      }),
    }),
  ];
}
