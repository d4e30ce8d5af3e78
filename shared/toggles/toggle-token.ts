import { z } from 'zod';
import { Name, Text } from '../catalogue/names';

/** `POST /feature-toggles/tokens`: a read-only token for one service's toggles in one environment. */
export const NewToggleToken = z
  .strictObject({
    service: Name.describe('the catalogue service whose toggles the token reads'),
    environment: Name.describe('the one environment it reads them in'),
    description: Text(200).min(1, 'say what uses the token (shown in the list)'),
  })
  .meta({ id: 'NewToggleToken' });
export type NewToggleToken = z.infer<typeof NewToggleToken>;

/** A feature toggle token as listed (its secret is shown once, on creation). */
export const ToggleToken = z
  .strictObject({
    id: z.string(),
    service: z.string(),
    environment: z.string(),
    description: z.string(),
    createdBy: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'ToggleToken' });
export type ToggleToken = z.infer<typeof ToggleToken>;

/** The reply to `POST /feature-toggles/tokens`: the only time the secret is shown. */
export const CreatedToggleToken = ToggleToken.extend({ token: z.string() }).meta({
  id: 'CreatedToggleToken',
});
export type CreatedToggleToken = z.infer<typeof CreatedToggleToken>;
