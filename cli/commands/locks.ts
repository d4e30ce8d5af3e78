import type { Command } from 'commander';
import { z } from 'zod';
import { DeployLockUpdate, OpsEnvironment } from '../../shared/environments/ops-state';
import { p } from '../api/api-path';
import type { PortalClient } from '../api/portal-client';
import { RefusedError } from '../cli-errors';
import type { CliContext } from '../cli-context';
import { jsonOption } from './option-parsers';
import { parseOptions } from './parse-options';

const LockOptions = z.strictObject({ reason: z.string(), json: z.boolean().optional() });
const UnlockOptions = z.strictObject({ json: z.boolean().optional() });

/** How many times a lock change is tried when someone else changed the environment meanwhile (409). */
const ATTEMPTS = 3;

/** Sets the deploy lock with the version last read, reading again when it went stale. */
async function setLock(client: PortalClient, environment: string, change: DeployLockUpdate) {
  for (let attempt = 1; ; attempt++) {
    const current = await client.get(p`/environments/${environment}`, OpsEnvironment);
    try {
      return await client.json('PUT', p`/environments/${environment}/deploy-lock`, OpsEnvironment, {
        body: change,
        headers: { 'expected-version': String(current.data.Version) },
      });
    } catch (e) {
      if (!(e instanceof RefusedError && e.status === 409) || attempt >= ATTEMPTS) throw e;
    }
  }
}

/** `em lock ENV --reason TEXT` and `em unlock ENV`: the environment's deployment lock. */
export function registerLocks(program: Command, ctx: CliContext): void {
  program
    .command('lock <environment>')
    .description('lock deployments to an environment (each refused deployment is told the reason)')
    .requiredOption('--reason <text>', 'why deployments are locked')
    .addOption(jsonOption())
    .action(async (environment: string, raw: unknown) => {
      const opts = parseOptions(LockOptions, raw);
      const env = await setLock(ctx.client(), environment, { DeploymentsLocked: true, Reason: opts.reason });
      if (opts.json) return ctx.output.json(env.raw);
      ctx.output.line(
        `Deployments to ${environment} are locked: ${env.data.Value.LockReason ?? opts.reason}`,
      );
    });

  program
    .command('unlock <environment>')
    .description('unlock deployments to an environment')
    .addOption(jsonOption())
    .action(async (environment: string, raw: unknown) => {
      const opts = parseOptions(UnlockOptions, raw);
      const env = await setLock(ctx.client(), environment, { DeploymentsLocked: false });
      if (opts.json) return ctx.output.json(env.raw);
      ctx.output.line(`Deployments to ${environment} are unlocked`);
    });
}
