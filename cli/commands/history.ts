import { Option, type Command } from 'commander';
import { z } from 'zod';
import { Deployment, DeploymentStatus } from '../../shared/deployments/deployment';
import type { CliContext } from '../cli-context';
import { count, jsonOption, pointInTime } from './option-parsers';
import { parseOptions } from './parse-options';

const HistoryOptions = z.strictObject({
  env: z.string().optional(),
  service: z.string().optional(),
  status: DeploymentStatus.optional(),
  cluster: z.string().optional(),
  user: z.string().optional(),
  since: z.string().optional(),
  until: z.string().optional(),
  limit: z.number().max(500, 'must be at most 500'),
  json: z.boolean().optional(),
});

/** `em history`: deployments, newest first, filtered as the API filters them. */
export function registerHistory(program: Command, ctx: CliContext): void {
  program
    .command('history')
    .description('deployments, newest first (default: the last 7 days)')
    .option('--env <environment>', 'only to this environment')
    .option('--service <service>', 'only of this service')
    .addOption(new Option('--status <status>', 'only in this status').choices(DeploymentStatus.options))
    .option('--cluster <cluster>', "only of this team's roles")
    .option('--user <name>', 'only requested by this user')
    .option('--since <when>', 'from this time: ISO 8601 or a span back from now (30m, 12h, 7d)', (v) =>
      pointInTime(v),
    )
    .option('--until <when>', 'up to this time: ISO 8601 or a span back from now', (v) => pointInTime(v))
    .option('--limit <n>', 'at most this many (up to 500)', count, 50)
    .addOption(jsonOption())
    .action(async (raw: unknown) => {
      const opts = parseOptions(HistoryOptions, raw);
      const reply = await ctx.client().get('/deployments', z.array(Deployment), {
        query: {
          environment: opts.env,
          service: opts.service,
          status: opts.status,
          cluster: opts.cluster,
          user: opts.user,
          since: opts.since,
          until: opts.until,
          per_page: opts.limit,
        },
      });
      if (opts.json) return ctx.output.json(reply.raw);
      ctx.output.table(
        ['ID', 'STARTED', 'SERVICE', 'VERSION', 'ENVIRONMENT', 'SLICE', 'STATUS', 'USER'],
        reply.data.map((d) => [
          d.DeploymentID,
          d.Value.StartTimestamp.slice(0, 19).replace('T', ' '),
          d.Value.ServiceName,
          d.Value.ServiceVersion,
          d.Value.EnvironmentName,
          d.Value.ServiceSlice === 'none' ? '-' : d.Value.ServiceSlice,
          d.Value.Status,
          d.Value.User,
        ]),
        'No deployments',
      );
    });
}
