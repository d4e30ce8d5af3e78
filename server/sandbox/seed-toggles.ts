import type { Catalogue } from '../catalogue/catalogue';
import { featureToggleDefinition } from '../catalogue/definitions';
import type { Actor, RecordStore } from '../catalogue/record-store';
import { FeatureToggles } from '../toggles/feature-toggles';

const actor: Actor = { username: 'sandbox', requestId: 'sandbox-seed', source: 'sandbox' };

/**
 * Seeds the demo's feature toggles once (when there are none), through the same checked, audited writes
 * as the API: CheckoutApi's `new-checkout`, on for 10% of users and the Checkout team in int1, on in
 * stg1, off in pr1; Search's `typo-tolerance`, an experiment at 50% in stg1. Answers how many it made.
 */
export async function seedToggles(catalogue: Catalogue, store: RecordStore): Promise<number> {
  if ((await catalogue.list(featureToggleDefinition, { includeDeleted: true })).length > 0) return 0;
  const toggles = new FeatureToggles(catalogue, store);
  const settings = [
    {
      service: 'CheckoutApi',
      name: 'new-checkout',
      description: 'The one-page checkout, dark until it is ready',
      type: 'release' as const,
      environments: {
        int1: {
          state: 'percentage' as const,
          percentage: 10,
          include: { users: [], groups: ['team-checkout'] },
          exclude: { users: [], groups: [] },
          reason: 'the team and a tenth of users try it',
        },
        stg1: { state: 'on' as const, reason: 'on in staging' },
        pr1: { state: 'off' as const, reason: 'dark in production' },
      },
    },
    {
      service: 'SearchApi',
      name: 'typo-tolerance',
      description: 'Search results that forgive a typo',
      type: 'experiment' as const,
      environments: {
        stg1: { state: 'percentage' as const, percentage: 50, reason: 'half of staging users' },
      },
    },
  ];
  for (const t of settings) {
    await toggles.create(
      { service: t.service, name: t.name, description: t.description, type: t.type },
      actor,
    );
    for (const [environment, change] of Object.entries(t.environments)) {
      const target = await toggles.target(t.service, t.name, environment);
      // seeded as set: the demo's protected type shows its approval flow on the next change, not this one
      await toggles.set(
        { ...target, protected: false },
        {
          include: { users: [], groups: [] },
          exclude: { users: [], groups: [] },
          ...change,
        },
        0,
        actor,
      );
    }
  }
  return settings.length;
}
