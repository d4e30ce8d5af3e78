import { z } from 'zod';
import { Name, Text } from './names';

/** What a cluster (a team) holds. */
export const ClusterValue = z
  .strictObject({
    ShortName: z.string().regex(/^[a-z]{2,4}$/, 'must be 2 to 4 lower-case letters (used in ASG names)'),
    Description: Text(500).optional(),
    GroupEmailAddress: z.email('must be an e-mail address').max(254).optional(),
    ADMembershipGroup: Name.optional().describe('the portal group whose members form this team'),
    KeyPair: Text(255).optional(),
    SchemaVersion: z.number().int().min(1).max(100).optional(),
  })
  .meta({ id: 'ClusterValue' });
export type ClusterValue = z.infer<typeof ClusterValue>;

/** A cluster as the API shows and accepts it. */
export const Cluster = z
  .strictObject({
    ClusterName: Name,
    Value: ClusterValue,
    Version: z.number().int().min(1).optional(),
  })
  .meta({ id: 'Cluster' });
export type Cluster = z.infer<typeof Cluster>;
