import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { z } from 'zod';
import { parseReply } from '../../core/parse-reply';
import { ImportResult, type ImportMode } from '@shared/api/import-result';

const Records = z.array(z.unknown());

/** Export and import of a whole config resource (`/api/v1/config/export|import/{resource}`; admin only). */
@Injectable({ providedIn: 'root' })
export class ConfigTransferApi {
  private readonly http = inject(HttpClient);

  /** Every record of the resource, in the shape import accepts. */
  async exportRecords(resource: string): Promise<unknown[]> {
    const reply = await firstValueFrom(
      this.http.get<unknown>(`/api/v1/config/export/${encodeURIComponent(resource)}`),
    );
    return parseReply(Records, reply, `an export of ${resource}`);
  }

  /** Imports the records; the server checks them all first, so a refused import changes nothing. */
  async importRecords(
    resource: string,
    mode: ImportMode,
    records: readonly unknown[],
  ): Promise<ImportResult> {
    const reply = await firstValueFrom(
      this.http.put<unknown>(`/api/v1/config/import/${encodeURIComponent(resource)}`, records, {
        params: new HttpParams({ fromObject: { mode } }),
      }),
    );
    return parseReply(ImportResult, reply, `an import answer`);
  }
}
