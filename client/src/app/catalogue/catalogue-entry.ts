import type { Service } from '@shared/catalogue/service';

/** A service with its search key worked out once, so each keystroke only runs `includes` on a string. */
export interface CatalogueEntry {
  readonly service: Service;
  /** Name, team, lifecycle, tags and description in lower case. */
  readonly searchKey: string;
}

/** The entry for one service. */
export function catalogueEntry(service: Service): CatalogueEntry {
  const value = service.Value;
  const searchKey = [
    service.ServiceName,
    service.OwningCluster,
    value.Lifecycle,
    ...(value.Tags ?? []),
    value.Description ?? '',
  ]
    .join(' ')
    .toLowerCase();
  return { service, searchKey };
}
