import type { z } from 'zod';
import type { Kind, StoredValue } from './record-store';

/** What the store needs to know of a kind of record: the schema its stored value is parsed with on read. */
export interface RecordDefinition<K extends Kind = Kind> {
  readonly kind: K;
  readonly schema: z.ZodType<StoredValue<K>>;
}
