import fs from 'node:fs';
import { Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from './cli-context';
import { registerAsgs } from './commands/asgs';
import { registerDeploy } from './commands/deploy';
import { registerDeploymentCommands } from './commands/deployment';
import { registerEnvironments } from './commands/environments';
import { registerFeatureToggles } from './commands/feature-toggles';
import { registerHistory } from './commands/history';
import { registerImages } from './commands/images';
import { registerPatches } from './commands/patches';
import { registerLocks } from './commands/locks';
import { registerLogin } from './commands/login';
import { registerLogout } from './commands/logout';
import { registerServices } from './commands/services';
import { registerSlices } from './commands/slices';
import { registerWaits } from './commands/waits';

const PackageJson = z.object({ version: z.string() });

/** The version of the package `em` comes with. */
function packageVersion(): string {
  const text = fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  return PackageJson.parse(JSON.parse(text)).version;
}

const EXIT_CODES = `
Exit codes:
  0  success (a deployment waited for ended Success)
  1  a deployment waited for failed, was cancelled or was rolled back
  2  refused: the portal answered 4xx (its detail on stderr), or the command line was wrong
  3  a wait timed out (the deployment goes on in the portal)
  4  the portal cannot be reached or failed (5xx), or not signed in

Sign in with \`em login\`, or set EM_URL and EM_TOKEN (they win over the stored login).`;

/** The `em` command with every subcommand; commander throws instead of exiting (em.ts picks the code). */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('em')
    .description(
      "Environment Manager from the command line: deploy, wait, and look at what runs, through the portal's REST API",
    )
    .version(packageVersion())
    .showHelpAfterError()
    .exitOverride()
    .addHelpText('after', EXIT_CODES);
  for (const register of [
    registerLogin,
    registerLogout,
    registerDeploy,
    registerDeploymentCommands,
    registerWaits,
    registerHistory,
    registerServices,
    registerEnvironments,
    registerLocks,
    registerSlices,
    registerFeatureToggles,
    registerAsgs,
    registerImages,
    registerPatches,
  ]) {
    register(program, ctx);
  }
  return program;
}
