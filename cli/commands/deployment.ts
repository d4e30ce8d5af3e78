import type { Command } from 'commander';
import { z } from 'zod';
import { Deployment, DeploymentLogLine, type DeploymentStatus } from '../../shared/deployments/deployment';
import { p } from '../api/api-path';
import type { PortalClient } from '../api/portal-client';
import type { CliContext } from '../cli-context';
import { waitForDeployment } from '../deployments/wait-for-deployment';
import { describeDeployment } from '../output/deployment-summary';
import { jsonOption, timeoutOption } from './option-parsers';
import { parseOptions } from './parse-options';

const StatusOptions = z.strictObject({ json: z.boolean().optional(), log: z.boolean().optional() });
const ActionOptions = z.strictObject({
  json: z.boolean().optional(),
  wait: z.boolean().optional(),
  timeout: z.number(),
});

/** One change to a deployment: its call, and the status a wait after it is for. */
interface DeploymentAction {
  readonly name: string;
  readonly description: string;
  readonly call: (client: PortalClient, id: string) => Promise<{ data: Deployment; raw: unknown }>;
  /** The status `--wait` waits for (none: the action has no wait). */
  readonly goal?: DeploymentStatus;
}

const actions: readonly DeploymentAction[] = [
  {
    name: 'approve',
    description: 'approve a deployment that is awaiting approval',
    call: (client, id) => client.json('POST', p`/deployments/${id}/approve`, Deployment),
    goal: 'Success',
  },
  {
    name: 'rollback',
    description: 'stop a running deployment and undo what it did',
    call: (client, id) => client.json('POST', p`/deployments/${id}/rollback`, Deployment),
    goal: 'Rolled Back',
  },
  {
    name: 'cancel',
    description: 'cancel a deployment',
    call: (client, id) =>
      client.json('PATCH', p`/deployments/${id}`, Deployment, { body: { Status: 'Cancelled' } }),
  },
];

/** `em status ID` and the changes to one deployment: `em approve|rollback|cancel ID`. */
export function registerDeploymentCommands(program: Command, ctx: CliContext): void {
  program
    .command('status <deployment-id>')
    .description("a deployment's status, steps and instances")
    .option('--log', 'print its log as well')
    .addOption(jsonOption())
    .action(async (id: string, raw: unknown) => {
      const opts = parseOptions(StatusOptions, raw);
      const client = ctx.client();
      const d = await client.get(p`/deployments/${id}`, Deployment);
      const log = opts.log
        ? await client.get(p`/deployments/${id}/log`, z.array(DeploymentLogLine))
        : undefined;
      if (opts.json) {
        ctx.output.json(log ? { deployment: d.raw, log: log.raw } : d.raw);
        return;
      }
      for (const line of describeDeployment(d.data)) ctx.output.line(line);
      for (const l of log?.data ?? []) ctx.output.line(`${l.at} ${l.level.padEnd(5)} ${l.message}`);
    });

  for (const action of actions) {
    const command = program
      .command(`${action.name} <deployment-id>`)
      .description(action.description)
      .addOption(jsonOption());
    if (action.goal) {
      command
        .option('--wait', `follow the deployment to its end (exit 0 when it ends ${action.goal})`)
        .addOption(timeoutOption());
    }
    command.action(async (id: string, raw: unknown) => {
      const opts = parseOptions(action.goal ? ActionOptions : ActionOptions.partial(), raw);
      const client = ctx.client();
      const d = await action.call(client, id);
      if (opts.wait && action.goal && opts.timeout) {
        if (!opts.json) ctx.output.line(`${action.name}: deployment ${id} is ${d.data.Value.Status}`);
        await waitForDeployment(client, ctx.output, id, {
          timeoutSeconds: opts.timeout,
          json: !!opts.json,
          goal: action.goal,
        });
      } else if (opts.json) ctx.output.json(d.raw);
      else for (const line of describeDeployment(d.data)) ctx.output.line(line);
    });
  }
}
