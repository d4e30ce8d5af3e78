import { catalogueEntry } from './catalogue-entry';
import { filterCatalogue, type CatalogueFilter } from './catalogue-filter';
import { generatedServices, testService } from './test-catalogue';

describe('filterCatalogue', () => {
  const entries = generatedServices(600).map(catalogueEntry);
  const none: CatalogueFilter = { text: '', team: '', lifecycle: '', tag: '' };
  const names = (filter: Partial<CatalogueFilter>) =>
    filterCatalogue(entries, { ...none, ...filter }).map((e) => e.service.ServiceName);

  it('returns every entry when nothing is chosen', () => {
    expect(filterCatalogue(entries, none).length).toBe(600);
  });

  it('finds text in the name, case-insensitively', () => {
    expect(names({ text: 'SVC-12' })).toEqual(Array.from({ length: 10 }, (_, i) => `svc-12${i}`));
  });

  it('finds text in the description and needs every word to match', () => {
    expect(names({ text: 'ledger' }).length).toBe(60);
    expect(names({ text: 'ledger 55' })).toEqual(['svc-550']);
  });

  it('filters by team, lifecycle and tag, alone and together', () => {
    expect(names({ team: 'Payments' }).length).toBe(150);
    expect(names({ lifecycle: 'deprecated' }).length).toBe(200);
    expect(names({ tag: 'pci' }).length).toBe(120);
    // i % 4 === 1, i % 3 === 2 and i % 5 === 2: i % 60 === 17
    expect(names({ team: 'Payments', lifecycle: 'deprecated', tag: 'pci' })).toEqual(
      Array.from({ length: 10 }, (_, k) => `svc-${String(17 + 60 * k).padStart(3, '0')}`),
    );
  });

  it('searches the team and tags too, and the tag filter matches whole tags only', () => {
    const some = [
      catalogueEntry(testService({ name: 'a', team: 'Tango', tags: ['public-api'] })),
      catalogueEntry(testService({ name: 'b', team: 'Infra', tags: ['public'] })),
    ];
    expect(filterCatalogue(some, { ...none, text: 'tango' }).map((e) => e.service.ServiceName)).toEqual([
      'a',
    ]);
    expect(filterCatalogue(some, { ...none, text: 'public' }).length).toBe(2);
    expect(filterCatalogue(some, { ...none, tag: 'public' }).map((e) => e.service.ServiceName)).toEqual([
      'b',
    ]);
  });
});
