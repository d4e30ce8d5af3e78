import { Option, type Command } from 'commander';
import { z } from 'zod';
import { AsgReadiness } from '../../shared/fleet/asg-readiness';
import { ServiceHealth, ServiceStatusSummary } from '../../shared/fleet/service-health';
import { SliceOrNone } from '../../shared/fleet/slice-name';
import { p } from '../api/api-path';
import type { CliContext } from '../cli-context';
import { waitForDeployment } from '../deployments/wait-for-deployment';
import { describeReadiness } from '../fleet/readiness-text';
import { describeHealth } from '../fleet/health-text';
import { jsonOption, timeoutOption } from './option-parsers';
import { parseOptions } from './parse-options';
import { pollUntil } from '../waits/poll-until';

/** How often a polling wait looks again. */
const POLL_MS = 1000;

const DeployWaitOptions = z.strictObject({ timeout: z.number(), json: z.boolean().optional() });
const AsgWaitOptions = DeployWaitOptions.extend({ env: z.string().optional() });
const HealthyWaitOptions = DeployWaitOptions.extend({
  env: z.string(),
  slice: SliceOrNone.optional(),
});

/** `em wait deploy ID`, `em wait asg NAME`, `em wait healthy SERVICE`: each exits 3 when out of time. */
export function registerWaits(program: Command, ctx: CliContext): void {
  const wait = program.command('wait').description('wait for a deployment, an ASG or a healthy service');
  const onState = (json: boolean) => (state: string) => {
    if (!json) ctx.output.line(`waiting: ${state}`);
  };

  wait
    .command('deploy <deployment-id>')
    .description('follow a deployment to its end (exit 0 Success, 1 failed or rolled back)')
    .addOption(timeoutOption())
    .addOption(jsonOption())
    .action(async (id: string, raw: unknown) => {
      const opts = parseOptions(DeployWaitOptions, raw);
      await waitForDeployment(ctx.client(), ctx.output, id, {
        timeoutSeconds: opts.timeout,
        json: !!opts.json,
        goal: 'Success',
      });
    });

  wait
    .command('asg <name>')
    .description('wait until an ASG is ready to deploy to')
    .option('--env <environment>', 'check that it belongs to this environment')
    .addOption(timeoutOption())
    .addOption(jsonOption())
    .action(async (name: string, raw: unknown) => {
      const opts = parseOptions(AsgWaitOptions, raw);
      const client = ctx.client();
      const ready = await pollUntil(
        `ASG ${name} to be ready`,
        async (signal) => {
          const r = await client.get(p`/asgs/${name}/ready`, AsgReadiness, {
            query: { environment: opts.env },
            signal,
          });
          return r.data.ReadyToDeploy
            ? { done: true, value: r }
            : { done: false, state: describeReadiness(r.data) };
        },
        { timeoutSeconds: opts.timeout, intervalMs: POLL_MS, onState: onState(!!opts.json) },
      );
      if (opts.json) return ctx.output.json(ready.raw);
      ctx.output.line(`${name} is ${describeReadiness(ready.data)}`);
    });

  wait
    .command('healthy <service>')
    .description(
      'wait until a service (or one slice of it) is Healthy: every desired instance in service and healthy',
    )
    .requiredOption('--env <environment>', 'the environment')
    .addOption(new Option('--slice <slice>', 'only this slice').choices(SliceOrNone.options))
    .addOption(timeoutOption())
    .addOption(jsonOption())
    .action(async (service: string, raw: unknown) => {
      const opts = parseOptions(HealthyWaitOptions, raw);
      const client = ctx.client();
      const query = { environment: opts.env };
      const look = async (signal: AbortSignal) => {
        if (!opts.slice) {
          const h = await client.get(p`/services/${service}/health`, ServiceHealth, { query, signal });
          return { health: h.data, raw: h.raw };
        }
        const one = await client.get(
          p`/services/${service}/health/${opts.slice}`,
          z.array(ServiceStatusSummary),
          {
            query,
            signal,
          },
        );
        return { health: one.data[0]!, raw: one.raw };
      };
      const healthy = await pollUntil(
        `${service}${opts.slice ? ` (${opts.slice})` : ''} to be healthy in ${opts.env}`,
        async (signal) => {
          const seen = await look(signal);
          return seen.health.OverallHealth === 'Healthy'
            ? { done: true, value: seen }
            : { done: false, state: describeHealth(seen.health) };
        },
        { timeoutSeconds: opts.timeout, intervalMs: POLL_MS, onState: onState(!!opts.json) },
      );
      if (opts.json) return ctx.output.json(healthy.raw);
      ctx.output.line(`${service} in ${opts.env} is healthy: ${describeHealth(healthy.health)}`);
    });
}
