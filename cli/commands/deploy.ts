import { Option, type Command } from 'commander';
import { z } from 'zod';
import { AcceptedDeployment, DeploymentPlan, NewDeployment } from '../../shared/deployments/deployment';
import { UsageError } from '../cli-errors';
import type { CliContext } from '../cli-context';
import { waitForDeployment } from '../deployments/wait-for-deployment';
import type { Output } from '../output/output';
import { canarySteps, count, jsonOption, timeoutOption } from './option-parsers';
import { parseOptions } from './parse-options';

const DeployOptions = z.strictObject({
  env: z.string(),
  slice: z.enum(['blue', 'green']).optional(),
  role: z.string().optional(),
  dryRun: z.boolean().optional(),
  canary: z.array(z.number()).optional(),
  bake: z.number().optional(),
  approval: z.boolean().optional(),
  reason: z.string().optional(),
  ticket: z.string().optional(),
  wait: z.boolean().optional(),
  timeout: z.number(),
  json: z.boolean().optional(),
});
type DeployOptions = z.infer<typeof DeployOptions>;

/** The request body, checked by the API's own schema before it is sent. */
function requestBody(service: string, version: string, opts: DeployOptions): NewDeployment {
  const parsed = NewDeployment.safeParse({
    environment: opts.env,
    service,
    version,
    mode: opts.slice ? 'bg' : 'overwrite',
    slice: opts.slice,
    serverRole: opts.role,
    canarySteps: opts.canary,
    bakeSeconds: opts.bake,
    requireApproval: opts.approval,
    reason: opts.reason,
    ticket: opts.ticket,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`${issue.path.join('.') || 'deployment'} ${issue.message}`);
  }
  return parsed.data;
}

function printPlan(output: Output, plan: DeploymentPlan): void {
  const slice = plan.slice === 'none' ? '' : ` (${plan.slice})`;
  output.line(`Dry run: every check passed; nothing was changed`);
  output.line(
    `  ${plan.service} ${plan.version} -> ${plan.environment}${slice}, ${plan.mode === 'bg' ? 'blue/green' : 'scale-up patching'}`,
  );
  output.line(`  role ${plan.serverRole} (${plan.owningCluster}), ASG ${plan.autoScalingGroupName}`);
  output.line(
    `  now: ${plan.currentVersions.join(', ') || 'no version'} on ${plan.instances ?? 'no'} instance(s)`,
  );
  if (plan.canarySteps.length)
    output.line(`  canary steps: ${plan.canarySteps.join(', ')}%, bake ${plan.bakeSeconds} s`);
  if (plan.requireApproval) output.line('  needs approval before it completes');
  output.line(`  steps: ${plan.steps.join(', ')}`);
  for (const w of plan.warnings) output.line(`  warning: ${w}`);
}

/** `em deploy SERVICE VERSION --env ENV`: requests (or dry-runs) a deployment, and with --wait follows it. */
export function registerDeploy(program: Command, ctx: CliContext): void {
  program
    .command('deploy <service> <version>')
    .description('deploy a service version to an environment')
    .requiredOption('--env <environment>', 'the environment')
    .addOption(new Option('--slice <slice>', 'blue/green: the slice to deploy to').choices(['blue', 'green']))
    .option('--role <server-role>', 'the server role, when several host the service')
    .option('--dry-run', 'run the checks and say what would happen, changing nothing')
    .option(
      '--canary <percents>',
      'blue/green canary traffic steps, e.g. 10,50 (100 comes last)',
      canarySteps,
    )
    .option('--bake <seconds>', 'how long each canary step is watched', count)
    .option('--approval', 'wait for someone to approve before it completes')
    .option('--reason <text>', 'why (shown in the history and the audit)')
    .option('--ticket <ref>', 'a change ticket, e.g. OPS-1234')
    .option('--wait', 'follow the deployment to its end (exit 0 Success, 1 failed or rolled back)')
    .addOption(timeoutOption())
    .addOption(jsonOption())
    .action(async (service: string, version: string, raw: unknown) => {
      const opts = parseOptions(DeployOptions, raw);
      const body = requestBody(service, version, opts);
      const client = ctx.client();
      if (opts.dryRun) {
        const plan = await client.json('POST', '/deployments', DeploymentPlan, {
          body,
          query: { dry_run: 'true' },
        });
        if (opts.json) ctx.output.json(plan.raw);
        else printPlan(ctx.output, plan.data);
        return;
      }
      const accepted = await client.json('POST', '/deployments', AcceptedDeployment, { body });
      const a = accepted.data;
      if (!opts.wait) {
        if (opts.json) ctx.output.json(accepted.raw);
        else
          ctx.output.line(
            `${a.id}  ${a.serviceName} ${a.serviceVersion} -> ${a.environmentName}: ${a.Value.Status}`,
          );
        return;
      }
      if (!opts.json)
        ctx.output.line(`Deployment ${a.id}: ${a.serviceName} ${a.serviceVersion} -> ${a.environmentName}`);
      await waitForDeployment(client, ctx.output, a.id, {
        timeoutSeconds: opts.timeout,
        json: !!opts.json,
        goal: 'Success',
      });
    });
}
