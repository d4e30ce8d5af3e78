import { Option, type Command } from 'commander';
import { z } from 'zod';
import { ServiceHealth, ServiceStatusSummary } from '../../shared/fleet/service-health';
import { ServiceSlice } from '../../shared/fleet/service-slice';
import { SliceOrNone } from '../../shared/fleet/slice-name';
import { p } from '../api/api-path';
import type { CliContext } from '../cli-context';
import { describeHealth } from '../fleet/health-text';
import { describeSlice, sliceOf } from '../fleet/slice-text';
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
  slice: SliceOrNone.optional(),
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

/** `em slices` and `em health` (a service's health and active slice). */
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
    .description(
      "a service's health in an environment (Auto Scaling health of its instances) and its active slice",
    )
    .requiredOption('--env <environment>', 'the environment')
    .addOption(new Option('--slice <slice>', 'only this slice').choices(SliceOrNone.options))
    .addOption(jsonOption())
    .action(async (service: string, raw: unknown) => {
      const opts = parseOptions(HealthOptions, raw);
      const client = ctx.client();
      const query = { environment: opts.env };
      if (opts.slice) {
        const one = await client.get(
          p`/services/${service}/health/${opts.slice}`,
          z.array(ServiceStatusSummary),
          { query },
        );
        if (opts.json) return ctx.output.json(one.raw);
        for (const s of one.data)
          ctx.output.line(`${service} in ${opts.env}, slice ${s.slice}: ${describeHealth(s)}`);
        return;
      }
      const health = await client.get(p`/services/${service}/health`, ServiceHealth, { query });
      if (opts.json) return ctx.output.json(health.raw);
      const slices = await client.get(p`/services/${service}/slices`, z.array(ServiceSlice), { query });
      const active = sliceOf(slices.data);
      ctx.output.line(`${service} in ${opts.env}: ${describeHealth(health.data)}`);
      if (slices.data.length) ctx.output.line(`  active slice: ${active ? describeSlice(active) : 'none'}`);
      ctx.output.table(
        ['SLICE', 'HEALTH', 'HEALTHY', 'DESIRED', 'ROLES'],
        health.data.Slices.map((s) => [
          s.slice,
          s.OverallHealth,
          `${s.InstancesCount.Healthy}/${s.InstancesCount.Total}`,
          String(s.desiredCount),
          s.roles.map((r) => r.name).join(', '),
        ]),
        '  no slice should have instances',
      );
    });
}

/**
 * The slice swap: send all of a blue/green service's traffic to its other slice. It is the default of
 * `em toggle` (`em toggle SERVICE --env ENV`, as before feature toggles came), and `em toggle slices`.
 */
export function registerSliceSwap(toggle: Command, ctx: CliContext): void {
  toggle
    .command('slices <service>', { isDefault: true })
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
