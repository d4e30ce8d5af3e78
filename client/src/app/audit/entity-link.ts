/** The portal page of an audited record, as router commands, or undefined when it has no page. */
export function entityLink(type: string, key: string): string[] | undefined {
  switch (type) {
    case 'Service':
      return ['/catalogue', key];
    case 'Environment':
    case 'EnvironmentOps':
      // the operations state (lock, maintenance) is shown on the environment's own page
      return ['/environments', key];
    case 'Deployment':
      return ['/deployments', key];
    case 'FeatureToggle':
    case 'FeatureToggleState': {
      // `service/name`, and a setting's `service/name/environment`: both shown on the toggle's page
      const [service, name] = key.split('/');
      return service && name ? ['/feature-toggles', service, name] : undefined;
    }
    case 'NotificationSettings':
      return ['/configuration/notification-settings', key];
    default:
      return undefined;
  }
}
