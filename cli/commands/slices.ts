import { Option, type Command } from 'commander';
import { z } from 'zod';
import { RunningService } from '../../shared/fleet/running-service';
import { ServiceSlice } from '../../shared/fleet/service-slice';
import { p } from '../api/api-path';
import type { CliContext } from '../cli-context';
import { describeSlice, isSliceHealthy, sliceOf } from '../fleet/slice-health';
import { jsonOption } from './option-parsers';
import { parseOptions } from './parse-options';

const SlicesOptions = z.strictObject({
  env: z.string(),
  active: z.boolean().optional(),
  inactive: z.boolean().optional(),
  json: z.boolean().optional(),
});
const HealthOptions = z.strictObject({
  env: z.string(),
  slice: z.enum(['blue', 'green']).optional(),
  json: z.boolean().optional(),
});
const ToggleOptions = z.strictObject({
  env: z.string(),
  to: z.enum(['blue', 'green']).optional(),
  json: z.boolean().optional(),
});

const sliceTable = (slices: readonly ServiceSlice[]): string[][] =>
  slices.map((s) => [
    s.Name,
    s.State,
    `${s.Weight}%`,
    s.Version ?? '-',
    `${s.HealthyCount}/${s.InstanceCount}`,
    s.ServerRole,
  ]);
const SLICE_HEADERS = ['SLICE', 'STATE', 'WEIGHT', 'VERSION', 'HEALTHY', 'ROLE'];

/** `em slices`, `em health` (a service's health and active slice) and `em toggle` (swap the slices). */
export function registerSlices(program: Command, ctx: CliContext): void {
  program
    .command('slices <service>')
    .description("a blue/green service's slices: state, traffic weight, version, health")
    .requiredOption('--env <environment>', 'the environment')
    .addOption(new Option('--active', 'print only the name of the active slice').conflicts('inactive'))
    .option('--inactive', 'print only the name of the inactive slice')
    .addOption(jsonOption())
    .action(async (service: string, raw: unknown) => {
      const opts = parseOptions(SlicesOptions, raw);
      const only = opts.active ? true : opts.inactive ? false : undefined;
      const reply = await ctx.client().get(p`/services/${service}/slices`, z.array(ServiceSlice), {
        query: { environment: opts.env, active: only },
      });
      if (opts.json) return ctx.output.json(reply.raw);
      if (only !== undefined) return reply.data.forEach((s) => ctx.output.line(s.Name));
      ctx.output.table(
        SLICE_HEADERS,
        sliceTable(reply.data),
        `${service} has no blue/green slices in ${opts.env}`,
      );
    });

  program
    .command('health <service>')
    .description("a service's health in an environment and its active slice")
    .requiredOption('--env <environment>', 'the environment')
    .addOption(
      new Option('--slice <slice>', 'the slice to look at (default: the active one)').choices([
        'blue',
        'green',
      ]),
    )
    .addOption(jsonOption())
    .action(async (service: string, raw: unknown) => {
      const opts = parseOptions(HealthOptions, raw);
      const client = ctx.client();
      const slices = await client.get(p`/services/${service}/slices`, z.array(ServiceSlice), {
        query: { environment: opts.env },
      });
      if (slices.data.length) {
        if (opts.json) return ctx.output.json(slices.raw);
        const slice = sliceOf(slices.data, opts.slice);
        const active = sliceOf(slices.data);
        ctx.output.line(`${service} in ${opts.env}: active slice ${active?.Name ?? 'none'}`);
        if (slice)
          ctx.output.line(`  ${describeSlice(slice)}: ${isSliceHealthy(slice) ? 'healthy' : 'not healthy'}`);
        return ctx.output.table(SLICE_HEADERS, sliceTable(slices.data));
      }
      // a role without a fleet per slice has no load balancer health to read: show what its instances run
      const running = await client.get('/services', z.array(RunningService), {
        query: { environment: opts.env },
      });
      const mine = running.data.filter((s) => s.Name === service);
      if (opts.json) return ctx.output.json(mine);
      ctx.output.line(`${service} in ${opts.env}: no blue/green slices`);
      for (const s of mine) {
        const versions = s.Versions.map((v) => `${v.Version} on ${v.InstanceCount} instance(s)`).join(', ');
        ctx.output.line(`  role ${s.ServerRole}: ${versions || 'no instances'}`);
      }
      ctx.output.line(`  (its ASGs' readiness: em asgs --env ${opts.env}, em asg ready NAME)`);
    });

  program
    .command('toggle <service>')
    .description("send all of a blue/green service's traffic to its other slice")
    .requiredOption('--env <environment>', 'the environment')
    .addOption(
      new Option('--to <slice>', 'the slice to make active (default: the inactive one)').choices([
        'blue',
        'green',
      ]),
    )
    .addOption(jsonOption())
    .action(async (service: string, raw: unknown) => {
      const opts = parseOptions(ToggleOptions, raw);
      const reply = await ctx
        .client()
        .json('PUT', p`/services/${service}/slices/toggle`, z.array(ServiceSlice), {
          query: { environment: opts.env, active: opts.to },
        });
      if (opts.json) return ctx.output.json(reply.raw);
      ctx.output.line(
        `${service} in ${opts.env} now sends its traffic to ${sliceOf(reply.data)?.Name ?? 'no slice'}`,
      );
      ctx.output.table(SLICE_HEADERS, sliceTable(reply.data));
    });
}
