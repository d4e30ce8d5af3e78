import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { z } from 'zod';
import { parseReply } from './parse-reply';

/** The generic config resources under `/api/v1/config/{resource}`. */
export type ConfigResourcePath =
  'clusters' | 'environment-types' | 'environments' | 'deployment-maps' | 'accounts' | 'permissions';

const base = (resource: ConfigResourcePath) => `/api/v1/config/${resource}`;
const item = (resource: ConfigResourcePath, key: string) => `${base(resource)}/${encodeURIComponent(key)}`;
/** The version a change expects, as the ETag the server handed out. */
const ifMatch = (version: number) => new HttpHeaders({ 'If-Match': `"${version}"` });

/** One typed client for the config resources: list, get, create, versioned update and delete. */
@Injectable({ providedIn: 'root' })
export class ConfigApi {
  private readonly http = inject(HttpClient);

  /** Every record of the resource, optionally filtered by the resource's query parameters. */
  async list<T extends z.ZodType>(
    resource: ConfigResourcePath,
    record: T,
    query: Record<string, string> = {},
  ): Promise<z.infer<T>[]> {
    const reply = await firstValueFrom(
      this.http.get<unknown>(base(resource), { params: new HttpParams({ fromObject: query }) }),
    );
    return parseReply(z.array(record), reply, `a ${resource} list`) as z.infer<T>[];
  }

  /** One record by its key. */
  async get<T extends z.ZodType>(resource: ConfigResourcePath, key: string, record: T): Promise<z.infer<T>> {
    const reply = await firstValueFrom(this.http.get<unknown>(item(resource, key)));
    return parseReply(record, reply, `a ${resource} record`);
  }

  /** Creates a record; the server answers with it at version 1. */
  async create<T extends z.ZodType>(
    resource: ConfigResourcePath,
    body: unknown,
    record: T,
  ): Promise<z.infer<T>> {
    const reply = await firstValueFrom(this.http.post<unknown>(base(resource), body));
    return parseReply(record, reply, `a ${resource} record`);
  }

  /** Replaces a record's value, if it is still at the version last read (else 409). */
  async update<T extends z.ZodType>(
    resource: ConfigResourcePath,
    key: string,
    version: number,
    body: unknown,
    record: T,
  ): Promise<z.infer<T>> {
    const reply = await firstValueFrom(
      this.http.put<unknown>(item(resource, key), body, { headers: ifMatch(version) }),
    );
    return parseReply(record, reply, `a ${resource} record`);
  }

  /** Deletes a record, if it is still at the version last read (else 409; 409 also when still referenced). */
  async remove(resource: ConfigResourcePath, key: string, version: number): Promise<void> {
    await firstValueFrom(this.http.delete<unknown>(item(resource, key), { headers: ifMatch(version) }));
  }
}

/** The `If-Match` header for a versioned change to any record (services, users, groups too). */
export function versionHeaders(version: number): HttpHeaders {
  return ifMatch(version);
}
