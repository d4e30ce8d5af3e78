import { entityLink } from './entity-link';

describe('entityLink', () => {
  it("links a deployment's entry to the deployment's page", () => {
    expect(entityLink('Deployment', '01J00000000000000000000DEP')).toEqual([
      '/deployments',
      '01J00000000000000000000DEP',
    ]);
  });

  it('links the operations state of an environment to the environment', () => {
    expect(entityLink('EnvironmentOps', 'e1')).toEqual(['/environments', 'e1']);
  });

  it('links notification settings to their page', () => {
    expect(entityLink('NotificationSettings', 'team-alerts')).toEqual([
      '/configuration/notification-settings',
      'team-alerts',
    ]);
  });

  it("links a toggle and its setting in an environment to the toggle's page", () => {
    expect(entityLink('FeatureToggle', 'checkout/new-cart')).toEqual([
      '/feature-toggles',
      'checkout',
      'new-cart',
    ]);
    expect(entityLink('FeatureToggleState', 'checkout/new-cart/st1')).toEqual([
      '/feature-toggles',
      'checkout',
      'new-cart',
    ]);
  });

  it('has no link for a record without a page of its own', () => {
    expect(entityLink('Permission', 'p1')).toBeUndefined();
  });
});
