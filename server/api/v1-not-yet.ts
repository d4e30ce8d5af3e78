import { z } from 'zod';
import { Name } from '@shared/catalogue/names';
import type { Route } from '../http/route';
import { notYetRoute } from './v1-unavailable-route';

const OPERATIONS = 'operations: schedules, maintenance and notifications (issue 12)';

const ByInstance = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, 'must be an EC2 instance id'),
});

/** A package's service and version as the original's upload URLs took them. */
const PackageParams = z.strictObject({
  service: Name,
  version: z
    .string()
    .max(100)
    .regex(
      /^(0|[1-9]\d*)(\.(0|[1-9]\d*)){2}(-[\da-zA-Z-]+(\.[\da-zA-Z-]+)*)?(\+[\da-zA-Z-]+(\.[\da-zA-Z-]+)*)?$/,
      {
        message: 'must be a semantic version',
      },
    ),
});
const NO_PACKAGES =
  'packages do not exist here yet: a deployment installs the version its launch template user data names, ' +
  'so there is nothing to upload; deploy with POST /deployments';

/**
 * The original's operations that come with later features: each answers 501 (signed in) saying which
 * feature brings it, never a bare 404, and is documented with the original's path and inputs.
 */
export function v1NotYetRoutes(): Route[] {
  return [
    notYetRoute({
      method: 'delete',
      path: '/instances/{id}',
      summary: 'Terminate an instance',
      tags: ['Instance'],
      params: ByInstance,
      query: z.strictObject({ account: z.string().min(1) }),
      comesWith: OPERATIONS,
    }),
    notYetRoute({
      method: 'get',
      path: '/instances/{id}/connect',
      summary: 'A remote desktop connection to the instance',
      tags: ['Instance'],
      params: ByInstance,
      comesWith: OPERATIONS,
    }),
    notYetRoute({
      method: 'get',
      path: '/package-upload-url/{service}/{version}',
      summary: 'An upload URL for an environment-independent package',
      tags: ['Package'],
      params: PackageParams,
      comesWith: 'packages (no issue yet)',
      detail: NO_PACKAGES,
    }),
    notYetRoute({
      method: 'get',
      path: '/package-upload-url/{service}/{version}/{environment}',
      summary: 'An upload URL for an environment-specific package',
      tags: ['Package'],
      params: PackageParams.extend({ environment: Name }),
      comesWith: 'packages (no issue yet)',
      detail: NO_PACKAGES,
    }),
  ];
}
