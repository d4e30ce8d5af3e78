import type { Command } from 'commander';
import { z } from 'zod';
import { OpsEnvironment } from '../../shared/environments/ops-state';
import { p } from '../api/api-path';
import type { CliContext } from '../cli-context';
import { jsonOption } from './option-parsers';
import { parseOptions } from './parse-options';

const JsonOnly = z.strictObject({ json: z.boolean().optional() });

/** Whether deployments are locked, by whom and why, in a few words. */
function lockText(v: OpsEnvironment['Value']): string {
  if (!v.DeploymentsLocked) return 'no';
  return `by ${v.LockedBy ?? 'someone'}${v.LockReason ? `: ${v.LockReason}` : ''}`;
}

/** `em envs` (every environment with its lock and maintenance) and `em env NAME`. */
export function registerEnvironments(program: Command, ctx: CliContext): void {
  program
    .command('envs')
    .description('the environments, with their deployment locks and maintenance')
    .addOption(jsonOption())
    .action(async (raw: unknown) => {
      const opts = parseOptions(JsonOnly, raw);
      const reply = await ctx.client().get('/environments', z.array(OpsEnvironment));
      if (opts.json) return ctx.output.json(reply.raw);
      ctx.output.table(
        ['ENVIRONMENT', 'TYPE', 'CLUSTER', 'MAINTENANCE', 'LOCKED'],
        reply.data.map((e) => [
          e.EnvironmentName,
          e.Value.EnvironmentType,
          e.Value.OwningCluster,
          e.Value.InMaintenance ? 'yes' : 'no',
          lockText(e.Value),
        ]),
        'No environments',
      );
    });

  program
    .command('env <environment>')
    .description('one environment: type, team, deployment map, lock and maintenance')
    .addOption(jsonOption())
    .action(async (name: string, raw: unknown) => {
      const opts = parseOptions(JsonOnly, raw);
      const reply = await ctx.client().get(p`/environments/${name}`, OpsEnvironment);
      if (opts.json) return ctx.output.json(reply.raw);
      const v = reply.data.Value;
      ctx.output.line(`${reply.data.EnvironmentName}  ${v.EnvironmentType}, owned by ${v.OwningCluster}`);
      if (v.Description) ctx.output.line(`  ${v.Description}`);
      ctx.output.line(`  deployment map ${v.DeploymentMap}`);
      ctx.output.line(`  deployments locked: ${lockText(v)}${v.LockedAt ? ` (since ${v.LockedAt})` : ''}`);
      ctx.output.line(`  in maintenance: ${v.InMaintenance ? 'yes' : 'no'}`);
    });
}
