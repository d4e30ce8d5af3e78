import type { Command } from 'commander';
import { z } from 'zod';
import { Service } from '../../shared/catalogue/service';
import { RunningService } from '../../shared/fleet/running-service';
import type { CliContext } from '../cli-context';
import { jsonOption } from './option-parsers';
import { parseOptions } from './parse-options';

const ServicesOptions = z.strictObject({
  env: z.string().optional(),
  cluster: z.string().optional(),
  includeDeleted: z.boolean().optional(),
  json: z.boolean().optional(),
});

/** `em services`: the catalogue, or with --env what runs in an environment (roles, versions, slices). */
export function registerServices(program: Command, ctx: CliContext): void {
  program
    .command('services')
    .description('the services in the catalogue, or with --env the ones running in an environment')
    .option('--env <environment>', 'what runs in this environment: roles, versions and slices')
    .option('--cluster <cluster>', 'only the services this team owns (catalogue)')
    .option('--include-deleted', 'deleted services too (catalogue)')
    .addOption(jsonOption())
    .action(async (raw: unknown) => {
      const opts = parseOptions(ServicesOptions, raw);
      const client = ctx.client();
      if (opts.env) {
        const reply = await client.get('/services', z.array(RunningService), {
          query: { environment: opts.env },
        });
        if (opts.json) return ctx.output.json(reply.raw);
        const rows = reply.data
          .filter((s) => !opts.cluster || s.OwningCluster === opts.cluster)
          .map((s) => [
            s.Name,
            s.ServerRole,
            s.OwningCluster,
            s.Versions.map(
              (v) => `${v.Version}${v.Slice === 'none' ? '' : ` (${v.Slice})`} x${v.InstanceCount}`,
            ).join(', '),
          ]);
        return ctx.output.table(
          ['SERVICE', 'ROLE', 'CLUSTER', 'VERSIONS'],
          rows,
          `Nothing runs in ${opts.env}`,
        );
      }
      const reply = await client.get('/config/services', z.array(Service), {
        query: { cluster: opts.cluster, include_deleted: opts.includeDeleted ? 'true' : undefined },
      });
      if (opts.json) return ctx.output.json(reply.raw);
      ctx.output.table(
        ['SERVICE', 'CLUSTER', 'LIFECYCLE', 'PORTS', 'DESCRIPTION'],
        reply.data.map((s) => [
          `${s.ServiceName}${s.Deleted ? ' (deleted)' : ''}`,
          s.OwningCluster,
          s.Value.Lifecycle,
          [s.Value.BluePort, s.Value.GreenPort].filter((n) => n !== undefined).join('/') || '-',
          s.Value.Description ?? '',
        ]),
        'No services',
      );
    });
}
