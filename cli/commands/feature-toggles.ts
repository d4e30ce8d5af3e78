import { Argument, type Command } from 'commander';
import { z } from 'zod';
import { FeatureToggle, ToggleChange, type ToggleEnvironment } from '../../shared/toggles/feature-toggle';
import { p } from '../api/api-path';
import type { JsonReply, PortalClient } from '../api/portal-client';
import { RefusedError, UnavailableError, UsageError } from '../cli-errors';
import type { CliContext } from '../cli-context';
import { askLine } from '../session/ask';
import { assertConfirmed } from '../toggles/confirmation';
import { targetList, toggleState, type StateArgument } from '../toggles/toggle-arguments';
import { pendingText, settingText, stateText, targetingText } from '../toggles/toggle-text';
import { jsonOption } from './option-parsers';
import { parseOptions } from './parse-options';
import { registerSliceSwap } from './slices';

const ListOptions = z.strictObject({
  service: z.string().optional(),
  environment: z.string().optional(),
  json: z.boolean().optional(),
});
const SetOptions = z.strictObject({
  includeUsers: z.array(z.string()).optional(),
  includeGroups: z.array(z.string()).optional(),
  excludeUsers: z.array(z.string()).optional(),
  excludeGroups: z.array(z.string()).optional(),
  reason: z.string(),
  json: z.boolean().optional(),
});
type SetOptions = z.infer<typeof SetOptions>;
const KillOptions = z.strictObject({
  environment: z.string().optional(),
  reason: z.string(),
  yes: z.boolean().optional(),
  json: z.boolean().optional(),
});

/** A toggle as listed, keeping every field the portal sent (for `--json`), environments filterable. */
const ListedToggle = z.looseObject({ environments: z.array(z.looseObject({ environment: z.string() })) });

/** How many times a change is tried when the setting moved on between the read and the write (409). */
const ATTEMPTS = 3;

/** Which option of the command line a field of the request body came from, for the error. */
const OPTION_OF_FIELD: Readonly<Record<string, string>> = {
  'include.users': '--include-users',
  'include.groups': '--include-groups',
  'exclude.users': '--exclude-users',
  'exclude.groups': '--exclude-groups',
  reason: '--reason',
  percentage: 'the percentage',
};

/** A toggle's path under /api/v1. */
const togglePath = (service: string, name: string) => p`/feature-toggles/${service}/${name}`;

/** The toggle's setting in the environment, if it was ever set there. */
const settingIn = (toggle: FeatureToggle, environment: string) =>
  toggle.environments.find((e) => e.environment === environment);

/**
 * The request body: the state asked for, and each list as given or, when left out, as it is now (so
 * `em toggle set ... 20%` raises a share without dropping who it targets); checked by the API's schema.
 */
function changeBody(
  state: StateArgument,
  opts: SetOptions,
  now: ToggleEnvironment | undefined,
): ToggleChange {
  const parsed = ToggleChange.safeParse({
    ...state,
    include: {
      users: opts.includeUsers ?? now?.include.users ?? [],
      groups: opts.includeGroups ?? now?.include.groups ?? [],
    },
    exclude: {
      users: opts.excludeUsers ?? now?.exclude.users ?? [],
      groups: opts.excludeGroups ?? now?.exclude.groups ?? [],
    },
    reason: opts.reason,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.slice(0, 2).map(String).join('.');
    throw new UsageError(`${OPTION_OF_FIELD[field] ?? (field || 'the setting')}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * Sets the toggle in the environment with the version of its setting just read. When someone changed
 * it in between (409 and a newer version), it reads again and tries once more; a 409 for another reason
 * (an archived toggle) is the answer.
 */
async function setToggle(
  client: PortalClient,
  where: { service: string; name: string; environment: string },
  state: StateArgument,
  opts: SetOptions,
): Promise<JsonReply<FeatureToggle>> {
  let refused: { version: number; error: RefusedError } | undefined;
  for (let attempt = 1; ; attempt++) {
    const current = await client.get(togglePath(where.service, where.name), FeatureToggle);
    const now = settingIn(current.data, where.environment);
    const version = now?.version ?? 0;
    if (refused && refused.version === version) throw refused.error;
    try {
      return await client.json(
        'PUT',
        p`/feature-toggles/${where.service}/${where.name}/environments/${where.environment}`,
        FeatureToggle,
        { body: changeBody(state, opts, now), headers: { 'expected-version': String(version) } },
      );
    } catch (e) {
      if (!(e instanceof RefusedError && e.status === 409) || attempt >= ATTEMPTS) throw e;
      refused = { version, error: e };
    }
  }
}

/** The rows of `em toggle list`: one per toggle and environment it is set in (or the one asked about). */
function listRows(toggles: readonly FeatureToggle[], environment: string | undefined): string[][] {
  const sorted = [...toggles].sort(
    (a, b) => a.service.localeCompare(b.service) || a.name.localeCompare(b.name),
  );
  return sorted.flatMap((t) => {
    const shown =
      environment === undefined
        ? t.environments
        : t.environments.filter((e) => e.environment === environment);
    const head = [t.service, t.name, t.type];
    // never set there: off for everyone, as the portal evaluates it
    if (!shown.length) return [[...head, environment ?? '-', 'off (not set)', '-', '-']];
    return shown.map((e) => [...head, e.environment, stateText(e), targetingText(e), pendingText(e)]);
  });
}

/**
 * `em toggle list|set|kill`: feature toggles from the command line. `em toggle SERVICE --env ENV` (the
 * blue/green slice swap, older than feature toggles) stays the group's default.
 */
export function registerFeatureToggles(program: Command, ctx: CliContext): void {
  const toggle = program
    .command('toggle')
    .description(
      "feature toggles (list, set, kill); `em toggle SERVICE --env ENV` swaps a blue/green service's slices",
    );

  toggle
    .command('list')
    .description('feature toggles, each with its state in every environment it is set in')
    .option('--service <service>', "only this service's toggles")
    .option('--environment <environment>', 'only their state in this environment')
    .addOption(jsonOption())
    .action(async (raw: unknown) => {
      const opts = parseOptions(ListOptions, raw);
      const client = ctx.client();
      const [reply] = await Promise.all([
        client.get('/feature-toggles', z.array(FeatureToggle), { query: { service: opts.service } }),
        // an environment that does not exist is a mistake to say, not a list of toggles all off
        opts.environment === undefined ? undefined : client.send('GET', p`/environments/${opts.environment}`),
      ]);
      if (opts.json) {
        if (opts.environment === undefined) return ctx.output.json(reply.raw);
        const listed = z.array(ListedToggle).parse(reply.raw);
        return ctx.output.json(
          listed.map((t) => ({
            ...t,
            environments: t.environments.filter((e) => e.environment === opts.environment),
          })),
        );
      }
      ctx.output.table(
        ['SERVICE', 'TOGGLE', 'TYPE', 'ENVIRONMENT', 'STATE', 'TARGETING', 'PENDING'],
        listRows(reply.data, opts.environment),
        opts.service ? `${opts.service} has no feature toggles` : 'No feature toggles',
      );
    });

  toggle
    .command('set')
    .description(
      'set a toggle in an environment: on, off or a sticky percentage of users, with users and groups always on (include) or off (exclude, which wins)',
    )
    .argument('<service>', 'the catalogue service the toggle belongs to')
    .argument('<name>', 'the toggle')
    .argument('<environment>', 'the environment')
    .addArgument(new Argument('<state>', 'on, off or a percentage such as 25%').argParser(toggleState))
    .option(
      '--include-users <ids>',
      'user ids it is always on for, separated by commas ("" for none)',
      targetList,
    )
    .option('--include-groups <groups>', 'groups it is always on for ("" for none)', targetList)
    .option(
      '--exclude-users <ids>',
      'user ids it is always off for, whatever else says ("" for none)',
      targetList,
    )
    .option('--exclude-groups <groups>', 'groups it is always off for ("" for none)', targetList)
    .requiredOption('--reason <text>', 'why (kept in the audit trail)')
    .addOption(jsonOption())
    .addHelpText(
      'after',
      '\nA list left out stays as it is. Where the environment type protects toggle changes, the change\nwaits for approval by someone else (exit 0; it says so).',
    )
    .action(
      async (service: string, name: string, environment: string, state: StateArgument, raw: unknown) => {
        const opts = parseOptions(SetOptions, raw);
        const reply = await setToggle(ctx.client(), { service, name, environment }, state, opts);
        if (opts.json) return ctx.output.json(reply.raw);
        const now = settingIn(reply.data, environment);
        if (!now)
          throw new UnavailableError(`the portal's reply has no setting of ${name} in ${environment}`);
        if (now.pending) {
          ctx.output.line(
            `${name} of ${service} in ${environment}: the change to ${settingText(now.pending)} waits for approval by someone other than ${now.pending.requestedBy} (the environment type protects toggle changes)`,
          );
          ctx.output.line(`  until then it stays ${settingText(now)}`);
          return;
        }
        ctx.output.line(
          `${name} of ${service} is ${settingText(now)} in ${environment} (version ${now.version})`,
        );
      },
    );

  toggle
    .command('kill <service> <name>')
    .description(
      'the kill switch: turn a toggle off at once in one environment or in every one it is set in (never waits for approval)',
    )
    .option('--environment <environment>', 'only here (default: every environment it is set in)')
    .requiredOption('--reason <text>', 'why (kept in the audit trail)')
    .option('--yes', 'do not ask for confirmation (needed when stdin is not a terminal)')
    .addOption(jsonOption())
    .action(async (service: string, name: string, raw: unknown) => {
      const opts = parseOptions(KillOptions, raw);
      const client = ctx.client();
      const before = await client.get(togglePath(service, name), FeatureToggle);
      const environments =
        opts.environment !== undefined
          ? [opts.environment]
          : before.data.environments.map((e) => e.environment);
      if (!environments.length) {
        if (opts.json) return ctx.output.json(before.raw);
        return ctx.output.line(
          `${name} of ${service} is set in no environment: it is off everywhere already`,
        );
      }
      const where = opts.environment ?? `every environment it is set in (${environments.join(', ')})`;
      await assertConfirmed(`Turn ${name} of ${service} off in ${where}?`, {
        yes: opts.yes === true,
        isTty: ctx.settings.stdinIsTty,
        ask: askLine,
      });
      const killed = await client.json('POST', p`/feature-toggles/${service}/${name}/kill`, FeatureToggle, {
        body: {
          ...(opts.environment !== undefined ? { environment: opts.environment } : {}),
          reason: opts.reason,
        },
      });
      if (opts.json) return ctx.output.json(killed.raw);
      ctx.output.line(`${name} of ${service} is off in ${environments.join(', ')}`);
      for (const e of environments) {
        const waiting = settingIn(before.data, e)?.pending;
        if (waiting)
          ctx.output.line(`  the change waiting for approval in ${e} (${settingText(waiting)}) was dropped`);
      }
    });

  registerSliceSwap(toggle, ctx);
}
