/** A resource that export and import handle, by the server's name for it (`/config/export/{name}`). */
export interface TransferResource {
  readonly name: string;
  readonly label: string;
  /** The field that keys each record, to name a record in the server's field errors. */
  readonly keyField: string;
}

/** The resources of `server/api/config-transfer.ts`, in the order the page lists them. */
export const transferResources: readonly TransferResource[] = [
  { name: 'clusters', label: 'Teams', keyField: 'ClusterName' },
  { name: 'environmenttypes', label: 'Environment types', keyField: 'EnvironmentType' },
  { name: 'environments', label: 'Environments', keyField: 'EnvironmentName' },
  { name: 'deploymentmaps', label: 'Deployment maps', keyField: 'DeploymentMapName' },
  { name: 'services', label: 'Services', keyField: 'ServiceName' },
  { name: 'accounts', label: 'AWS accounts', keyField: 'AccountNumber' },
  { name: 'permissions', label: 'Permissions', keyField: 'Name' },
];
