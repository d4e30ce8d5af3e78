import { HttpClient, HttpParams, type HttpResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { AuditEntry } from '@shared/audit/audit-entry';
import { firstValueFrom } from 'rxjs';
import { z } from 'zod';
import { parseReply } from '../core/parse-reply';
import { auditQueryParams, type AuditFilter } from './audit-filter';
import { nextPageLink } from '../core/next-page-link';

const auditPath = '/api/v1/audit';

/**
 * A page of the audit trail and the URL of the next one. The server filters after it reads, so a page
 * may be short, or empty, and still have a next page.
 */
export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  readonly next?: string;
}

/** The audit endpoints: the filtered trail, page by page, and one entry. */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  /** The first page of entries matching the filter, newest first. */
  async list(filter: AuditFilter, perPage = 50): Promise<AuditPage> {
    const params = new HttpParams({ fromObject: { ...auditQueryParams(filter), per_page: perPage } });
    return this.page(
      await firstValueFrom(this.http.get<unknown>(auditPath, { params, observe: 'response' })),
    );
  }

  /** The page a previous page's `next` points to. */
  async more(next: string): Promise<AuditPage> {
    return this.page(await firstValueFrom(this.http.get<unknown>(next, { observe: 'response' })));
  }

  /** One entry by its AuditID. */
  async get(auditId: string): Promise<AuditEntry> {
    const reply = await firstValueFrom(this.http.get<unknown>(`${auditPath}/${encodeURIComponent(auditId)}`));
    return parseReply(AuditEntry, reply, 'an audit entry');
  }

  private page(response: HttpResponse<unknown>): AuditPage {
    return {
      entries: parseReply(z.array(AuditEntry), response.body, 'an audit page'),
      next: nextPageLink(response.headers.get('Link'), auditPath),
    };
  }
}
