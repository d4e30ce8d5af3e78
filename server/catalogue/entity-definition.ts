import type { ResourceScope } from '@shared/auth/permission';
import type { Action } from '@shared/auth/permission';
import type { Kind, Reference, Write } from './record-store';

/** How the generic catalogue operations treat one kind of record. */
export interface EntityDefinition {
  readonly kind: Kind;
  /** The grant needed to change a record of this kind. */
  readonly action: Action;
  /** The scopes a record touches; `'everywhere'` for global records (clusters, types, permissions...). */
  scopes(value: Record<string, unknown>): readonly ResourceScope[] | 'everywhere';
  /** Records this value refers to: they must exist, and cannot be deleted while referred to. */
  references(value: Record<string, unknown>): readonly Reference[];
  /** Ports the value claims (services). */
  ports?(value: Record<string, unknown>): readonly { port: number; field: string }[];
  /** Deletion keeps the record, flagged, so its key and ports stay reserved. */
  readonly softDelete?: boolean;
  /** Further writes that go with deleting a record (its operations state, say). */
  onDelete?(key: string): readonly Write[];
}
