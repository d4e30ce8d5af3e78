import { z } from 'zod';
import { Text } from './names';

/**
 * The bookkeeping the original kept on each record and gave in its exports (`exposeAudit: 'full'`): who
 * changed it last, when, in which transaction, and its version there. An import checks it and drops it:
 * the import is audited here, and each record's `Version` starts again at 1.
 */
export const OriginalAudit = z
  .strictObject({
    LastChanged: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
    TransactionID: Text(200).optional(),
    User: Text(200).optional(),
    Version: z.number().int().min(0).optional(),
  })
  .meta({ id: 'OriginalAudit' });
export type OriginalAudit = z.infer<typeof OriginalAudit>;
