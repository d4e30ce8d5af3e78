import type { Command } from 'commander';
import { z } from 'zod';
import { AsgReadiness } from '../../shared/fleet/asg-readiness';
import { AutoScalingGroup } from '../../shared/fleet/auto-scaling-group';
import { p } from '../api/api-path';
import type { CliContext } from '../cli-context';
import { describeReadiness } from '../fleet/readiness-text';
import { jsonOption } from './option-parsers';
import { parseOptions } from './parse-options';

const AsgOptions = z.strictObject({ env: z.string().optional(), json: z.boolean().optional() });
const AsgsOptions = z.strictObject({ env: z.string(), json: z.boolean().optional() });

/** `2/2 InService` for a group's instances. */
function inService(g: AutoScalingGroup): string {
  return `${g.Instances.filter((i) => i.LifecycleState === 'InService').length}/${g.Instances.length} InService`;
}

/** `em asgs --env ENV`, `em asg status NAME` and `em asg ready NAME`. */
export function registerAsgs(program: Command, ctx: CliContext): void {
  program
    .command('asgs')
    .description("the ASGs of an environment's server roles")
    .requiredOption('--env <environment>', 'the environment')
    .addOption(jsonOption())
    .action(async (raw: unknown) => {
      const opts = parseOptions(AsgsOptions, raw);
      const reply = await ctx
        .client()
        .get('/asgs', z.array(AutoScalingGroup), { query: { environment: opts.env } });
      if (opts.json) return ctx.output.json(reply.raw);
      ctx.output.table(
        ['ASG', 'MIN', 'DESIRED', 'MAX', 'INSTANCES'],
        reply.data.map((g) => [
          g.AutoScalingGroupName,
          String(g.MinSize),
          String(g.DesiredCapacity),
          String(g.MaxSize),
          inService(g),
        ]),
        `No ASGs in ${opts.env}`,
      );
    });

  const asg = program.command('asg').description('one Auto Scaling group');
  asg
    .command('status <name>')
    .description("an ASG's size, instances and suspended processes")
    .option('--env <environment>', 'check that it belongs to this environment')
    .addOption(jsonOption())
    .action(async (name: string, raw: unknown) => {
      const opts = parseOptions(AsgOptions, raw);
      const reply = await ctx
        .client()
        .get(p`/asgs/${name}`, AutoScalingGroup, { query: { environment: opts.env } });
      if (opts.json) return ctx.output.json(reply.raw);
      const g = reply.data;
      ctx.output.line(
        `${g.AutoScalingGroupName}  min ${g.MinSize}, desired ${g.DesiredCapacity}, max ${g.MaxSize}, ${inService(g)}`,
      );
      const suspended = g.SuspendedProcesses.map((s) => s.ProcessName);
      if (suspended.length) ctx.output.line(`  suspended: ${suspended.join(', ')}`);
      ctx.output.table(
        ['INSTANCE', 'ZONE', 'LIFECYCLE', 'HEALTH', 'TEMPLATE VERSION'],
        g.Instances.map((i) => [
          i.InstanceId,
          i.AvailabilityZone,
          i.LifecycleState,
          i.HealthStatus,
          i.LaunchTemplate?.Version ?? '-',
        ]),
        '  no instances',
      );
    });
  asg
    .command('ready <name>')
    .description(
      'whether an ASG is ready to deploy to: every instance InService and Healthy, desired reached',
    )
    .option('--env <environment>', 'check that it belongs to this environment')
    .addOption(jsonOption())
    .action(async (name: string, raw: unknown) => {
      const opts = parseOptions(AsgOptions, raw);
      const reply = await ctx
        .client()
        .get(p`/asgs/${name}/ready`, AsgReadiness, { query: { environment: opts.env } });
      if (opts.json) return ctx.output.json(reply.raw);
      ctx.output.line(`${name} is ${describeReadiness(reply.data)}`);
    });
}
