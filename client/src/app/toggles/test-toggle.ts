import type { FeatureToggle, ToggleEnvironment } from '@shared/toggles/feature-toggle';

/** Builds a toggle's setting in an environment for specs; pass only what the spec is about. */
export function testSetting(
  options: {
    environment?: string;
    type?: string;
    state?: ToggleEnvironment['state'];
    percentage?: number;
    includeUsers?: string[];
    includeGroups?: string[];
    excludeUsers?: string[];
    excludeGroups?: string[];
    version?: number;
    pending?: Partial<NonNullable<ToggleEnvironment['pending']>>;
    settledSince?: string | null;
  } = {},
): ToggleEnvironment {
  const state = options.state ?? 'on';
  return {
    environment: options.environment ?? 'st1',
    environmentType: options.type ?? 'Staging',
    state,
    ...(options.percentage !== undefined ? { percentage: options.percentage } : {}),
    include: { users: options.includeUsers ?? [], groups: options.includeGroups ?? [] },
    exclude: { users: options.excludeUsers ?? [], groups: options.excludeGroups ?? [] },
    updatedAt: '2026-11-20T10:00:00.000Z',
    updatedBy: 'grace',
    reason: 'launch',
    settledSince: options.settledSince === undefined ? null : options.settledSince,
    pending: options.pending
      ? {
          state: 'on',
          include: { users: [], groups: [] },
          exclude: { users: [], groups: [] },
          reason: 'go live',
          requestedBy: 'bob',
          requestedAt: '2026-11-21T10:00:00.000Z',
          ...options.pending,
        }
      : null,
    version: options.version ?? 1,
  };
}

/** Builds a toggle for specs: `new-cart` of checkout, owned by Payments, set in the given environments. */
export function testToggle(
  options: {
    service?: string;
    name?: string;
    owner?: string;
    type?: FeatureToggle['type'];
    archived?: boolean;
    environments?: ToggleEnvironment[];
  } = {},
): FeatureToggle {
  return {
    service: options.service ?? 'checkout',
    name: options.name ?? 'new-cart',
    description: 'The new cart',
    type: options.type ?? 'release',
    owner: options.owner ?? 'Payments',
    createdAt: '2026-11-01T09:00:00.000Z',
    createdBy: 'ada',
    archived: options.archived ?? false,
    version: 1,
    environments: options.environments ?? [],
  };
}
