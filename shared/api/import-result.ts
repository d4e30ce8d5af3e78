import { z } from 'zod';

/** How an import treats the records the file lacks: `merge` keeps them, `replace` deletes them. */
export const ImportMode = z.enum(['merge', 'replace']);
export type ImportMode = z.infer<typeof ImportMode>;

/** The answer to `PUT /config/import/{resource}`: the keys created, updated, left unchanged and deleted. */
export const ImportResult = z
  .strictObject({
    created: z.array(z.string()),
    updated: z.array(z.string()),
    unchanged: z.array(z.string()),
    deleted: z.array(z.string()),
  })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.infer<typeof ImportResult>;
