/** One entry of the main navigation; one without a link is shown disabled until its feature ships. */
export interface NavEntry {
  readonly label: string;
  readonly link?: string;
}

/** The portal's features in navigation order. */
export const navEntries: readonly NavEntry[] = [
  { label: 'Home', link: '/' },
  { label: 'Environments', link: '/environments' },
  { label: 'Deployments', link: '/deployments' },
  { label: 'Catalogue' },
  { label: 'Audit' },
];
