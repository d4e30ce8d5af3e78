import { z } from 'zod';

/** What a change did to a record. */
export const ChangeType = z.enum(['Created', 'Updated', 'Deleted']);
export type ChangeType = z.infer<typeof ChangeType>;

/** One audit entry: written in the same transaction as the change it records. */
export const AuditEntry = z
  .strictObject({
    AuditID: z.string(),
    Entity: z.strictObject({ Type: z.string(), Key: z.string(), Version: z.number().int() }),
    ChangeType,
    OldValue: z.unknown().nullable(),
    NewValue: z.unknown().nullable(),
    ChangedBy: z.string(),
    TransactionID: z.string(),
    Source: z.string(),
    Timestamp: z.number().int(),
    ISOTimestamp: z.string(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;
