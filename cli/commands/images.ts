import { Option, type Command } from 'commander';
import { z } from 'zod';
import { Image } from '../../shared/fleet/image';
import { PatchPlan } from '../../shared/patches/patch';
import type { CliContext } from '../cli-context';
import type { Output } from '../output/output';
import { count, jsonOption } from './option-parsers';
import { parseOptions } from './parse-options';

const ImagesOptions = z.strictObject({
  account: z.string().optional(),
  stable: z.boolean().optional(),
  json: z.boolean().optional(),
});

const PlanOptions = z.strictObject({
  env: z.string(),
  cluster: z.string().optional(),
  to: z.string().optional(),
  include: z.array(z.string()).optional(),
  exclude: z.array(z.string()).optional(),
  maxParallel: z.number().int().optional(),
  onFailure: z.enum(['stop', 'continue']).optional(),
  json: z.boolean().optional(),
});

/** ASG names separated by commas. */
function names(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A patch plan in lines a person reads: the groups it changes, then those it leaves out and why. */
function printPlan(output: Output, plan: PatchPlan): void {
  output.line(
    `Patch of ${plan.EnvironmentName}${plan.Cluster ? ` (${plan.Cluster})` : ''} to ${plan.ToImage}, ${plan.MaxParallel} at a time, on failure ${plan.OnFailure}${plan.RequiresApproval ? ', needs approval' : ''}`,
  );
  output.table(
    ['ASG', 'ROLE', 'NOW', 'NEXT', 'INSTANCES', 'SCALE OUT TO'],
    plan.Groups.map((g) => [
      g.AutoScalingGroupName,
      g.ServerRole,
      g.Image.Name,
      g.NextImage.Name,
      String(g.InstanceCount),
      g.Action === 'template-only' ? 'template only' : String(g.ScaleOutTo),
    ]),
    'No group to patch',
  );
  for (const g of plan.LeftOut) output.line(`left out ${g.AutoScalingGroupName}: ${g.Reason} (${g.Detail})`);
}

/** `em images` and `em patch plan --env ENV`. */
export function registerImages(program: Command, ctx: CliContext): void {
  program
    .command('images')
    .description("the account's machine images, newest first within each type, and which is latest stable")
    .option('--account <account>', "only this account's (its name or number)")
    .option('--stable', 'only the stable ones')
    .addOption(jsonOption())
    .action(async (raw: unknown) => {
      const opts = parseOptions(ImagesOptions, raw);
      const reply = await ctx.client().get('/images', z.array(Image), {
        query: { account: opts.account, stable: opts.stable ? 'true' : undefined },
      });
      if (opts.json) return ctx.output.json(reply.raw);
      ctx.output.table(
        ['IMAGE', 'ID', 'STABLE', 'LATEST STABLE', 'DAYS BEHIND'],
        reply.data.map((i) => [
          i.Name,
          i.ImageId,
          i.IsStable ? 'yes' : 'no',
          i.IsLatestStable ? 'yes' : '',
          String(i.DaysBehindLatest),
        ]),
        'No images',
      );
    });

  const patch = program.command('patch').description('roll a new machine image across ASGs');
  patch
    .command('plan')
    .description(
      'what a patch of an environment would do: each ASG, its image now and next, and those left out',
    )
    .requiredOption('--env <environment>', 'the environment')
    .option('--cluster <cluster>', "only this cluster's server roles")
    .option('--to <image>', "an image name or id (default: the latest stable image of each ASG's type)")
    .option('--include <asgs>', 'only these ASGs, separated by commas', names)
    .option('--exclude <asgs>', 'not these ASGs, separated by commas', names)
    .option('--max-parallel <n>', 'how many ASGs at a time', count)
    .addOption(
      new Option('--on-failure <what>', 'what a failed ASG does to the rest: stop or continue').choices([
        'stop',
        'continue',
      ]),
    )
    .addOption(jsonOption())
    .action(async (raw: unknown) => {
      const opts = parseOptions(PlanOptions, raw);
      const body = {
        environment: opts.env,
        ...(opts.cluster ? { cluster: opts.cluster } : {}),
        ...(opts.to ? { toImage: opts.to } : {}),
        ...(opts.include || opts.exclude
          ? {
              asgs: {
                ...(opts.include ? { include: opts.include } : {}),
                ...(opts.exclude ? { exclude: opts.exclude } : {}),
              },
            }
          : {}),
        ...(opts.maxParallel ? { maxParallel: opts.maxParallel } : {}),
        ...(opts.onFailure ? { onFailure: opts.onFailure } : {}),
      };
      const plan = await ctx
        .client()
        .json('POST', '/patches', PatchPlan, { body, query: { dry_run: 'true' } });
      if (opts.json) return ctx.output.json(plan.raw);
      printPlan(ctx.output, plan.data);
    });
}
