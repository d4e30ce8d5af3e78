import type { Command } from 'commander';
import { z } from 'zod';
import { Me } from '../../shared/auth/user';
import { PortalClient } from '../api/portal-client';
import { NotSignedInError, UsageError } from '../cli-errors';
import type { CliContext } from '../cli-context';
import { askLine, askSecret, readStdin } from '../session/ask';
import { normalizeUrl, portalUrl } from '../session/session';
import { writeSessionFile } from '../session/session-file';
import { parseOptions } from './parse-options';

const LoginOptions = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be the portal http(s) URL' }).optional(),
  user: z.string().min(1).optional(),
});

/** A bearer token as POST /token answers it: one bare word. */
const Token = z.string().regex(/^\S+$/, 'must be a bare token');

/** `em login`: signs in with a user name and password and stores the portal and its token (mode 0600). */
export function registerLogin(program: Command, ctx: CliContext): void {
  program
    .command('login')
    .description(
      'sign in and store a token for later commands (asks for the password, or reads it from standard input)',
    )
    .option('--url <url>', 'the portal, e.g. https://em.example.com (default: EM_URL or the last login)')
    .option('--user <name>', 'the user name (asked for on a terminal)')
    .action(async (raw: unknown) => {
      const opts = parseOptions(LoginOptions, raw);
      const given = opts.url ?? portalUrl(ctx.settings);
      if (!given) throw new UsageError('say which portal to sign in to: em login --url URL (or set EM_URL)');
      const url = normalizeUrl(given);
      const interactive = ctx.settings.stdinIsTty;
      const user = opts.user ?? (interactive ? await askLine('User name: ') : undefined);
      if (!user) throw new UsageError('give --user NAME (standard input is not a terminal to ask on)');
      const password = interactive ? await askSecret('Password: ') : await readStdin();
      if (!password) throw new UsageError('no password: type it, or send it on standard input');

      let token: string;
      try {
        const res = await new PortalClient(url).send('POST', '/token', {
          body: { username: user, password },
          headers: { accept: 'text/plain' },
        });
        const parsed = Token.safeParse(await res.text());
        if (!parsed.success) throw new NotSignedInError(`${url} answered POST /token without a token`);
        token = parsed.data;
      } catch (e) {
        if (e instanceof NotSignedInError && e.detail) {
          throw new NotSignedInError(`could not sign in to ${url} as ${user}: ${e.detail}`, e.detail);
        }
        throw e;
      }
      const me = await new PortalClient(url, token).get('/me', Me);
      writeSessionFile(ctx.settings.sessionFile, { url, token });
      ctx.output.line(
        `Signed in to ${url} as ${me.data.username}; the token is in ${ctx.settings.sessionFile}`,
      );
      if (ctx.settings.token) ctx.output.warn('note: EM_TOKEN is set, and wins over the stored token');
    });
}
