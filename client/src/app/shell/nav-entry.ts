/** One entry of the main navigation. */
export interface NavEntry {
  readonly label: string;
  readonly link: string;
}

/** The portal's features in navigation order. */
export const navEntries: readonly NavEntry[] = [
  { label: 'Home', link: '/' },
  { label: 'Environments', link: '/environments' },
  { label: 'Deployments', link: '/deployments' },
  { label: 'Patching', link: '/patching' },
  { label: 'Toggles', link: '/feature-toggles' },
  { label: 'Catalogue', link: '/catalogue' },
  { label: 'Compare', link: '/compare' },
  { label: 'Audit', link: '/audit' },
  { label: 'Configuration', link: '/configuration' },
];
