import type { Command } from 'commander';
import { PortalClient } from '../api/portal-client';
import { CliError, NotSignedInError } from '../cli-errors';
import type { CliContext } from '../cli-context';
import { readSessionFile, removeSessionFile } from '../session/session-file';

/** `em logout`: revokes the stored token at the portal and removes it from disk. */
export function registerLogout(program: Command, ctx: CliContext): void {
  program
    .command('logout')
    .description('revoke the stored token and forget it')
    .action(async () => {
      const file = ctx.settings.sessionFile;
      const stored = readSessionFile(file);
      if (!stored) {
        ctx.output.line('Not signed in: there is no stored token');
      } else {
        try {
          await new PortalClient(stored.url, stored.token).send('DELETE', '/token');
        } catch (e) {
          // the token is forgotten here all the same; say so when it may still work at the portal
          if (!(e instanceof CliError)) throw e;
          if (!(e instanceof NotSignedInError))
            ctx.output.warn(`warning: the token was not revoked at the portal (${e.message})`);
        }
        removeSessionFile(file);
        ctx.output.line(`Signed out of ${stored.url}`);
      }
      if (ctx.settings.token) ctx.output.warn('note: EM_TOKEN is still set in the environment');
    });
}
