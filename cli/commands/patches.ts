import { Option, type Command } from 'commander';
import { z } from 'zod';
import { PatchOperation, PatchPlan } from '../../shared/patches/patch';
import { p } from '../api/api-path';
import { DeploymentFailedError } from '../cli-errors';
import type { CliContext } from '../cli-context';
import type { Output } from '../output/output';
import { pollUntil } from '../waits/poll-until';
import { count, jsonOption, timeoutOption } from './option-parsers';
import { parseOptions } from './parse-options';

/** How often `--wait` looks at a patch again. */
const POLL_MS = 1000;
const ENDED = ['Success', 'Failed', 'Cancelled'];

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

const RunOptions = PlanOptions.extend({
  reason: z.string().optional(),
  wait: z.boolean().optional(),
  timeout: z.number(),
});
const StatusOptions = z.strictObject({ json: z.boolean().optional() });
const WaitOptions = z.strictObject({ json: z.boolean().optional(), timeout: z.number() });

/** The request body of a patch, from the command line. */
function patchBody(opts: z.infer<typeof PlanOptions> & { reason?: string }) {
  return {
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
    ...(opts.reason ? { reason: opts.reason } : {}),
  };
}

/** A patch in lines: its status, then each group's. */
function printPatch(output: Output, patch: PatchOperation): void {
  output.line(`${patch.PatchID}  ${patch.EnvironmentName} to ${patch.ToImage}: ${patch.Status}`);
  output.table(
    ['ASG', 'NOW', 'NEXT', 'STATUS'],
    patch.Groups.map((g) => [g.AutoScalingGroupName, g.Image.Name, g.NextImage.Name, g.Status]),
    'No groups',
  );
}

/** In words, how far a patch is: `In Progress, 1 of 3 group(s) done`. */
function progressOf(patch: PatchOperation): string {
  const done = patch.Groups.filter((g) => ENDED.includes(g.Status) || g.Status === 'Rolled Back').length;
  return `${patch.Status}, ${done} of ${patch.Groups.length} group(s) done`;
}

/** Adds the options that choose what a patch does (plan and run share them). */
function patchOptions(command: Command): Command {
  return command
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
    );
}

/** Follows a patch to its end: exit 0 Success, 1 Failed or Cancelled, 3 out of time. */
async function waitForPatch(
  ctx: CliContext,
  id: string,
  timeoutSeconds: number,
  json: boolean,
): Promise<void> {
  const client = ctx.client();
  const ended = await pollUntil(
    `patch ${id} to end`,
    async (signal) => {
      const r = await client.get(p`/patches/${id}`, PatchOperation, { signal });
      return ENDED.includes(r.data.Status)
        ? { done: true, value: r }
        : { done: false, state: progressOf(r.data) };
    },
    {
      timeoutSeconds,
      intervalMs: POLL_MS,
      onState: (state) => {
        if (!json) ctx.output.line(`waiting: ${state}`);
      },
    },
  );
  if (json) ctx.output.json(ended.raw);
  else printPatch(ctx.output, ended.data);
  if (ended.data.Status !== 'Success') {
    throw new DeploymentFailedError(
      `patch ${id} ended ${ended.data.Status}${ended.data.ErrorReason ? `: ${ended.data.ErrorReason}` : ''}`,
    );
  }
}

/** `em patch plan|run|status|cancel|wait`: roll a new machine image across an environment's ASGs. */
export function registerPatches(program: Command, ctx: CliContext): void {
  const patch = program.command('patch').description('roll a new machine image across ASGs');
  patchOptions(
    patch
      .command('plan')
      .description(
        'what a patch of an environment would do: each ASG, its image now and next, and those left out',
      ),
  )
    .addOption(jsonOption())
    .action(async (raw: unknown) => {
      const opts = parseOptions(PlanOptions, raw);
      const plan = await ctx
        .client()
        .json('POST', '/patches', PatchPlan, { body: patchBody(opts), query: { dry_run: 'true' } });
      if (opts.json) return ctx.output.json(plan.raw);
      printPlan(ctx.output, plan.data);
    });
  patchOptions(patch.command('run').description("patch an environment's ASGs onto a new image"))
    .option('--reason <text>', 'why (shown in the patch and the audit)')
    .option('--wait', 'follow the patch to its end (exit 0 Success, 1 Failed or Cancelled)')
    .addOption(timeoutOption())
    .addOption(jsonOption())
    .action(async (raw: unknown) => {
      const opts = parseOptions(RunOptions, raw);
      const accepted = await ctx.client().json('POST', '/patches', PatchOperation, { body: patchBody(opts) });
      if (!opts.wait) {
        if (opts.json) return ctx.output.json(accepted.raw);
        return printPatch(ctx.output, accepted.data);
      }
      if (!opts.json)
        ctx.output.line(
          `Patch ${accepted.data.PatchID}: ${accepted.data.Groups.length} ASG(s) of ${accepted.data.EnvironmentName} to ${accepted.data.ToImage}`,
        );
      await waitForPatch(ctx, accepted.data.PatchID, opts.timeout, !!opts.json);
    });
  patch
    .command('status <patch-id>')
    .description("a patch's status and each ASG's")
    .addOption(jsonOption())
    .action(async (id: string, raw: unknown) => {
      const opts = parseOptions(StatusOptions, raw);
      const r = await ctx.client().get(p`/patches/${id}`, PatchOperation);
      if (opts.json) return ctx.output.json(r.raw);
      printPatch(ctx.output, r.data);
    });
  patch
    .command('wait <patch-id>')
    .description('follow a patch to its end (exit 0 Success, 1 Failed or Cancelled, 3 out of time)')
    .addOption(timeoutOption())
    .addOption(jsonOption())
    .action(async (id: string, raw: unknown) => {
      const opts = parseOptions(WaitOptions, raw);
      await waitForPatch(ctx, id, opts.timeout, !!opts.json);
    });
  patch
    .command('cancel <patch-id>')
    .description('cancel a patch: no ASG starts after this; those under way roll back')
    .addOption(jsonOption())
    .action(async (id: string, raw: unknown) => {
      const opts = parseOptions(StatusOptions, raw);
      const r = await ctx.client().json('POST', p`/patches/${id}/cancel`, PatchOperation, { body: {} });
      if (opts.json) return ctx.output.json(r.raw);
      printPatch(ctx.output, r.data);
    });
}
