import { z } from 'zod';
import { Name, Text } from '../catalogue/names';
import { Grant } from './permission';

/** A password as accepted on sign-in (any non-empty string up to a limit) . */
export const Password = z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters');

/** A password as accepted when one is set: long enough to resist guessing. */
export const NewPassword = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(256, 'must be at most 256 characters');

/** `POST /token` and `POST /login` bodies. */
export const Credentials = z.strictObject({ username: Name, password: Password }).meta({ id: 'Credentials' });
export type Credentials = z.infer<typeof Credentials>;

/** A portal user as admins see them (never the password hash). */
export const User = z
  .strictObject({
    Username: Name,
    DisplayName: Text(100).optional(),
    Email: z.email().max(254).optional(),
    Groups: z.array(Name).max(50),
    Disabled: z.boolean(),
    Version: z.number().int().min(1),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

/** `POST /users`. */
export const NewUser = z
  .strictObject({
    Username: Name,
    DisplayName: Text(100).optional(),
    Email: z.email().max(254).optional(),
    Groups: z.array(Name).max(50).default([]),
    Password: NewPassword,
  })
  .meta({ id: 'NewUser' });
export type NewUser = z.infer<typeof NewUser>;

/** `PUT /users/{name}`: profile, groups and disabled flag. */
export const UserUpdate = z
  .strictObject({
    DisplayName: Text(100).optional(),
    Email: z.email().max(254).optional(),
    Groups: z.array(Name).max(50),
    Disabled: z.boolean(),
  })
  .meta({ id: 'UserUpdate' });
export type UserUpdate = z.infer<typeof UserUpdate>;

/** `PUT /users/{name}/password`. */
export const PasswordReset = z.strictObject({ Password: NewPassword }).meta({ id: 'PasswordReset' });

/** A group of users: permissions given to it apply to its members. */
export const Group = z
  .strictObject({
    GroupName: Name,
    Description: Text(500).optional(),
    Version: z.number().int().min(1).optional(),
  })
  .meta({ id: 'Group' });
export type Group = z.infer<typeof Group>;

/** `PUT /groups/{name}`: what a group holds besides its name. */
export const GroupUpdate = z.strictObject({ Description: Text(500).optional() }).meta({ id: 'GroupUpdate' });
export type GroupUpdate = z.infer<typeof GroupUpdate>;

/** The signed-in user as they see themselves. */
export const Me = z
  .strictObject({
    username: z.string(),
    displayName: z.string(),
    groups: z.array(z.string()),
    teams: z.array(z.string()),
    grants: z.array(Grant),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

/** A personal API token as listed (the secret is shown once, on creation). */
export const ApiToken = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof ApiToken>;

/** `POST /user/tokens`. */
export const NewApiToken = z
  .strictObject({
    name: Text(100).min(1, 'must not be empty'),
    expiresInDays: z.number().int().min(1).max(366).optional(),
  })
  .meta({ id: 'NewApiToken' });
export type NewApiToken = z.infer<typeof NewApiToken>;

/** The reply to `POST /user/tokens`: the only time the secret is shown. */
export const CreatedApiToken = ApiToken.extend({ token: z.string() }).meta({ id: 'CreatedApiToken' });
