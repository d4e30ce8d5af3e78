import { z } from 'zod';
import { Name, Text } from './names';

/** Where a service stands in its life. `deprecated` services cannot be deployed. */
export const Lifecycle = z.enum(['experimental', 'production', 'deprecated']);
export type Lifecycle = z.infer<typeof Lifecycle>;

/** A TCP port a service listens on; unique across all services, ever. */
export const Port = z.number().int().min(1024, 'must be at least 1024').max(65535, 'must be at most 65535');

/** What a service holds. */
export const ServiceValue = z
  .strictObject({
    Description: Text(2000).optional(),
    Lifecycle: Lifecycle.default('experimental'),
    BluePort: Port.optional(),
    GreenPort: Port.optional(),
    PackageType: z.enum(['Zip', 'DotNet', 'NodeJs', 'Java', 'Docker', 'CodeDeployRevision']).optional(),
    Contacts: z
      .array(
        z.strictObject({
          Name: Text(100).min(1),
          Email: z.email().max(254).optional(),
          Role: Text(50).optional(),
        }),
      )
      .max(20)
      .optional(),
    Links: z
      .array(
        z.strictObject({
          Title: Text(100).min(1),
          Url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000),
        }),
      )
      .max(20)
      .optional(),
    Tags: z
      .array(
        z.string().regex(/^[a-z0-9][a-z0-9:._-]{0,39}$/, 'tags are lower-case words of up to 40 characters'),
      )
      .max(30)
      .optional(),
    SchemaVersion: z.number().int().min(1).max(100).optional(),
  })
  .refine((v) => v.BluePort === undefined || v.BluePort !== v.GreenPort, {
    message: 'must differ from BluePort',
    path: ['GreenPort'],
  })
  .meta({ id: 'ServiceValue' });
export type ServiceValue = z.infer<typeof ServiceValue>;

/** A service as the API accepts it on create. */
export const NewService = z
  .strictObject({
    ServiceName: Name,
    OwningCluster: Name,
    Value: ServiceValue,
  })
  .meta({ id: 'NewService' });
export type NewService = z.infer<typeof NewService>;

/** A service as the API shows it. `Deleted` services keep their ports reserved. */
export const Service = NewService.extend({
  Version: z.number().int().min(1),
  Deleted: z.boolean().optional(),
}).meta({ id: 'Service' });
export type Service = z.infer<typeof Service>;
