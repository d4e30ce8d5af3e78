import { z } from 'zod';
import { AuditEntry, ChangeType } from '@shared/audit/audit-entry';
import { Name } from '@shared/catalogue/names';
import type { AuthorizedAuditLog } from '../authorization/authorized-audit-log';
import { NotFoundError } from '../errors/domain-errors';
import { route, type Route } from '../http/route';
import { nextLink, timeWindow } from '../http/time-window';
import { problemResponses } from './problem-responses';

const AuditQuery = z.strictObject({
  since: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
  until: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
  per_page: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(2000).optional(),
  'Entity.Type': Name.optional(),
  'Entity.Key': z
    .string()
    .max(200, 'must be at most 200 characters')
    .regex(
      /^[A-Za-z0-9_-][A-Za-z0-9._/-]*$/,
      'may contain only letters, digits, ".", "_", "-" and "/" (a toggle setting is service/name/environment; a token id may start with "_" or "-")',
    )
    .optional(),
  ChangeType: ChangeType.optional(),
  ChangedBy: Name.optional().describe('only changes made by this user'),
});
type AuditQuery = z.infer<typeof AuditQuery>;

const DAY = 86_400_000;

/** `GET /audit` (newest first, paged with a cursor and `Link: rel="next"`) and `GET /audit/{key}`. */
export function auditRoutes(log: AuthorizedAuditLog): Route[] {
  return [
    route<Record<string, never>, AuditQuery>({
      method: 'get',
      path: '/audit',
      summary:
        "Audit entries, newest first. Defaults as the original: since yesterday, until now (notification settings' webhook URLs masked unless you may edit them)",
      tags: ['Audit'],
      auth: 'signed-in',
      query: AuditQuery,
      responses: {
        200: { description: 'A page of entries', schema: z.array(AuditEntry) },
        ...problemResponses(400, 401),
      },
      handle: async ({ query, http, principal }) => {
        const window = timeWindow(query, DAY);
        const page = await log.list(principal, {
          ...window,
          entityType: query['Entity.Type'],
          entityKey: query['Entity.Key'],
          changeType: query.ChangeType,
          changedBy: query.ChangedBy,
          limit: query.per_page,
          cursor: query.cursor,
        });
        const headers = nextLink('/api/v1/audit', http.req, window, page.next);
        return { status: 200, body: page.entries, headers };
      },
    }),
    route<{ key: string }>({
      method: 'get',
      path: '/audit/{key}',
      summary: 'One audit entry',
      tags: ['Audit'],
      auth: 'signed-in',
      params: z.strictObject({ key: z.string().regex(/^[0-9A-Z]{26}$/, 'must be an AuditID') }),
      responses: {
        200: { description: 'The entry', schema: AuditEntry },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params, principal }) => {
        const entry = await log.get(principal, params.key);
        if (!entry) throw new NotFoundError(`no audit entry ${params.key}`);
        return { status: 200, body: entry };
      },
    }),
  ];
}
