import type { CatalogueEntry } from './catalogue-entry';

/** What the catalogue list is narrowed by; '' means "any". */
export interface CatalogueFilter {
  /** Words that must all appear in the service's name, team, lifecycle, tags or description. */
  readonly text: string;
  /** The owning cluster (team). */
  readonly team: string;
  readonly lifecycle: string;
  readonly tag: string;
}

/** The entries that pass every part of the filter, in their given order. */
export function filterCatalogue(
  entries: readonly CatalogueEntry[],
  filter: CatalogueFilter,
): readonly CatalogueEntry[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0 && !filter.team && !filter.lifecycle && !filter.tag) {
    return entries;
  }
  return entries.filter(({ service, searchKey }) => {
    const value = service.Value;
    return (
      (!filter.team || service.OwningCluster === filter.team) &&
      (!filter.lifecycle || value.Lifecycle === filter.lifecycle) &&
      (!filter.tag || (value.Tags?.includes(filter.tag) ?? false)) &&
      words.every((word) => searchKey.includes(word))
    );
  });
}
