import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { User, type NewUser, type UserUpdate } from '@shared/auth/user';
import { firstValueFrom } from 'rxjs';
import { z } from 'zod';
import { versionHeaders } from '../../core/config-api';
import { parseReply } from '../../core/parse-reply';

const users = '/api/v1/users';
const user = (name: string) => `${users}/${encodeURIComponent(name)}`;

/** The user endpoints: list, get, create, update and password reset (the API has no delete). */
@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  /** Every user (never a password hash: the shared `User` has no such field and parsing drops none). */
  async list(): Promise<User[]> {
    const reply = await firstValueFrom(this.http.get<unknown>(users));
    return parseReply(z.array(User), reply, 'a user list');
  }

  /** One user. */
  async get(name: string): Promise<User> {
    return parseReply(User, await firstValueFrom(this.http.get<unknown>(user(name))), 'a user');
  }

  /** Creates a user with an initial password. */
  async create(body: NewUser): Promise<User> {
    return parseReply(User, await firstValueFrom(this.http.post<unknown>(users, body)), 'a user');
  }

  /** Replaces the profile, groups and disabled flag, if the user is still at the version read. */
  async update(name: string, version: number, body: UserUpdate): Promise<User> {
    const reply = await firstValueFrom(
      this.http.put<unknown>(user(name), body, { headers: versionHeaders(version) }),
    );
    return parseReply(User, reply, 'a user');
  }

  /** Sets a new password, if the user is still at the version read; the reply has the new version. */
  async resetPassword(name: string, version: number, password: string): Promise<User> {
    const reply = await firstValueFrom(
      this.http.put<unknown>(
        `${user(name)}/password`,
        { Password: password },
        {
          headers: versionHeaders(version),
        },
      ),
    );
    return parseReply(User, reply, 'a user');
  }
}
