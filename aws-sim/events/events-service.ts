import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { BusEvent, Cloud, JsonModule } from '../cloud';
import { AwsError } from '../protocol/aws-error';
import { listOf, optionalString, requiredString, type InputErrorCodes } from '../protocol/json-input';
import { matches, parseEventPattern, type EventPattern } from './event-pattern';

const CODES: InputErrorCodes = { missing: 'ValidationException', invalid: 'ValidationException' };
const RULE_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;
const MAX_TARGETS = 5;

interface Target {
  readonly id: string;
  readonly arn: string;
}

interface Rule {
  readonly name: string;
  readonly arn: string;
  patternText: string;
  pattern: EventPattern;
  state: 'ENABLED' | 'DISABLED';
  description?: string;
  targets: Target[];
}

const SavedRules = z.array(
  z.object({
    name: z.string(),
    arn: z.string(),
    patternText: z.string(),
    state: z.enum(['ENABLED', 'DISABLED']),
    description: z.string().optional(),
    targets: z.array(z.object({ id: z.string(), arn: z.string() })),
  }),
);

/**
 * EventBridge's default event bus of an account: rules with event patterns (exact values; see
 * event-pattern.ts) and SQS queues as their targets, in this account or any other the sim keeps. The
 * account's services put their events here (Auto Scaling's instance launches and terminations); each
 * matching enabled rule sends the event, as EventBridge writes it, to each of its queues.
 */
export function createEvents(cloud: Cloud): JsonModule {
  const rules = new Map<string, Rule>();

  const ruleNamed = (input: Record<string, unknown>, member: string): Rule => {
    busIsDefault(input);
    const name = requiredString(input, member, member, CODES);
    const rule = rules.get(name);
    if (!rule)
      throw new AwsError('ResourceNotFoundException', `Rule ${name} does not exist on EventBus default.`);
    return rule;
  };

  const view = (r: Rule) => ({
    Name: r.name,
    Arn: r.arn,
    EventPattern: r.patternText,
    State: r.state,
    EventBusName: 'default',
    ...(r.description ? { Description: r.description } : {}),
  });

  cloud.events = {
    put(event: BusEvent) {
      const envelope = {
        version: '0',
        id: randomUUID(),
        'detail-type': event.detailType,
        source: event.source,
        account: cloud.accountId,
        time: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        region: cloud.region,
        resources: event.resources,
        detail: event.detail,
      };
      const body = JSON.stringify(envelope);
      for (const r of rules.values())
        if (r.state === 'ENABLED' && matches(r.pattern, envelope))
          for (const t of r.targets) cloud.queues.sendTo(t.arn, body);
    },
  };

  return {
    name: 'events',
    targetPrefix: 'AWSEvents',
    jsonVersion: '1.1',
    errorNamespace: '',
    actions: {
      PutRule(input) {
        busIsDefault(input);
        const name = requiredString(input, 'Name', 'Name', CODES);
        if (!RULE_NAME.test(name))
          throw new AwsError(
            'ValidationException',
            `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`,
          );
        if (input['ScheduleExpression'] !== undefined)
          throw new AwsError(
            'ValidationException',
            'aws-sim keeps rules with an event pattern only, not scheduled ones.',
          );
        const patternText = requiredString(input, 'EventPattern', 'EventPattern', CODES);
        const pattern = parseEventPattern(patternText);
        const state = optionalString(input, 'State', CODES) ?? 'ENABLED';
        if (state !== 'ENABLED' && state !== 'DISABLED')
          throw new AwsError('ValidationException', `State must be ENABLED or DISABLED, not ${state}.`);
        const description = optionalString(input, 'Description', CODES);
        const known = rules.get(name);
        const rule: Rule = {
          name,
          arn: known?.arn ?? `arn:aws:events:${cloud.region}:${cloud.accountId}:rule/${name}`,
          patternText,
          pattern,
          state,
          ...(description ? { description } : {}),
          targets: known?.targets ?? [],
        };
        rules.set(name, rule);
        cloud.changed();
        return { RuleArn: rule.arn };
      },
      DescribeRule(input) {
        return view(ruleNamed(input, 'Name'));
      },
      ListRules(input) {
        busIsDefault(input);
        const prefix = optionalString(input, 'NamePrefix', CODES) ?? '';
        return { Rules: [...rules.values()].filter((r) => r.name.startsWith(prefix)).map(view) };
      },
      DeleteRule(input) {
        const rule = ruleNamed(input, 'Name');
        if (rule.targets.length)
          throw new AwsError('ValidationException', "Rule can't be deleted since it has targets.");
        rules.delete(rule.name);
        cloud.changed();
        return {};
      },
      PutTargets(input) {
        const rule = ruleNamed(input, 'Rule');
        const targets = input['Targets'];
        if (!Array.isArray(targets) || !targets.length)
          throw new AwsError('ValidationException', 'The request must contain the parameter Targets.');
        const FailedEntries: { TargetId: string; ErrorCode: string; ErrorMessage: string }[] = [];
        for (const [i, t] of targets.entries()) {
          const entry = (typeof t === 'object' && t !== null ? t : {}) as Record<string, unknown>;
          const id = requiredString(entry, 'Id', `Targets.${i + 1}.Id`, CODES);
          const arn = requiredString(entry, 'Arn', `Targets.${i + 1}.Arn`, CODES);
          if (!arn.startsWith('arn:aws:sqs:')) {
            FailedEntries.push({
              TargetId: id,
              ErrorCode: 'ValidationException',
              ErrorMessage: 'aws-sim delivers to SQS queues only.',
            });
            continue;
          }
          if (['Input', 'InputPath', 'InputTransformer'].some((k) => entry[k] !== undefined)) {
            FailedEntries.push({
              TargetId: id,
              ErrorCode: 'ValidationException',
              ErrorMessage:
                'aws-sim sends the matched event as it is (no Input, InputPath or InputTransformer).',
            });
            continue;
          }
          const others = rule.targets.filter((x) => x.id !== id);
          if (others.length >= MAX_TARGETS) {
            FailedEntries.push({
              TargetId: id,
              ErrorCode: 'LimitExceededException',
              ErrorMessage: `The requested resource exceeds the maximum number allowed (${MAX_TARGETS} targets a rule).`,
            });
            continue;
          }
          rule.targets = [...others, { id, arn }];
        }
        cloud.changed();
        return { FailedEntryCount: FailedEntries.length, FailedEntries };
      },
      RemoveTargets(input) {
        const rule = ruleNamed(input, 'Rule');
        const ids = listOf(input, 'Ids', CODES);
        if (!ids.length)
          throw new AwsError('ValidationException', 'The request must contain the parameter Ids.');
        rule.targets = rule.targets.filter((t) => !ids.includes(t.id));
        cloud.changed();
        return { FailedEntryCount: 0, FailedEntries: [] };
      },
      ListTargetsByRule(input) {
        const rule = ruleNamed(input, 'Rule');
        return { Targets: rule.targets.map((t) => ({ Id: t.id, Arn: t.arn })) };
      },
    },
    snapshot: () =>
      [...rules.values()].map((r) => ({
        name: r.name,
        arn: r.arn,
        patternText: r.patternText,
        state: r.state,
        ...(r.description ? { description: r.description } : {}),
        targets: r.targets,
      })),
    async restore(data) {
      for (const r of SavedRules.parse(data))
        rules.set(r.name, { ...r, pattern: parseEventPattern(r.patternText) });
    },
    async start() {},
    async stop() {},
    local: () => ({
      rules: [...rules.values()].map((r) => ({ name: r.name, pattern: r.patternText, targets: r.targets })),
    }),
  };
}

/** aws-sim keeps each account's default bus only. */
function busIsDefault(input: Record<string, unknown>): void {
  const bus = optionalString(input, 'EventBusName', CODES);
  if (bus !== undefined && bus !== 'default' && !bus.endsWith(':event-bus/default'))
    throw new AwsError('ResourceNotFoundException', `Event bus ${bus} does not exist.`);
}
