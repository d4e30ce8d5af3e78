import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Group, type GroupUpdate } from '@shared/auth/user';
import { firstValueFrom } from 'rxjs';
import { z } from 'zod';
import { versionHeaders } from '../../core/config-api';
import { parseReply } from '../../core/parse-reply';

const groups = '/api/v1/groups';
const group = (name: string) => `${groups}/${encodeURIComponent(name)}`;

/** The group endpoints: list, create, update the description and delete. */
@Injectable({ providedIn: 'root' })
export class GroupsApi {
  private readonly http = inject(HttpClient);

  /** Every group. */
  async list(): Promise<Group[]> {
    const reply = await firstValueFrom(this.http.get<unknown>(groups));
    return parseReply(z.array(Group), reply, 'a group list');
  }

  /** Every group's name, in order: the choices of a user's groups. */
  async names(): Promise<string[]> {
    return (await this.list()).map((g) => g.GroupName).sort((a, b) => a.localeCompare(b));
  }

  /** Creates a group. */
  async create(body: Omit<Group, 'Version'>): Promise<Group> {
    const reply = await firstValueFrom(this.http.post<unknown>(groups, body));
    return parseReply(Group, reply, 'a group');
  }

  /** Replaces a group's description, if it is still at the version read. */
  async update(name: string, version: number, body: GroupUpdate): Promise<Group> {
    const reply = await firstValueFrom(
      this.http.put<unknown>(group(name), body, { headers: versionHeaders(version) }),
    );
    return parseReply(Group, reply, 'a group');
  }

  /** Deletes a group still at the version read; refused (409) while users or clusters name it. */
  async remove(name: string, version: number): Promise<void> {
    await firstValueFrom(this.http.delete<unknown>(group(name), { headers: versionHeaders(version) }));
  }
}
