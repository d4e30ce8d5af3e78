import type { Command } from 'commander';
import { z } from 'zod';
import { Image } from '../../shared/fleet/image';
import type { CliContext } from '../cli-context';
import { jsonOption } from './option-parsers';
import { parseOptions } from './parse-options';

const ImagesOptions = z.strictObject({
  account: z.string().optional(),
  stable: z.boolean().optional(),
  json: z.boolean().optional(),
});

/** `em images`. */
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
}
