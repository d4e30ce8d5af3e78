import { UsageError } from '../cli-errors';

/** How a command that turns something off makes sure it is meant: `--yes`, or `y` typed on a terminal. */
export interface Confirmation {
  /** `--yes` was given: nothing is asked. */
  readonly yes: boolean;
  /** Whether standard input is a terminal someone can answer on. */
  readonly isTty: boolean;
  /** Asks the question on the terminal and answers the line typed. */
  readonly ask: (question: string) => Promise<string>;
}

/**
 * Asks `question` and returns when the answer is yes; throws a UsageError (exit 2, nothing done) when it
 * is not. Without a terminal it never waits for an answer that cannot come: a script says `--yes`.
 */
export async function assertConfirmed(question: string, confirmation: Confirmation): Promise<void> {
  if (confirmation.yes) return;
  if (!confirmation.isTty) {
    throw new UsageError(
      `nothing was changed: em asks "${question}" on a terminal only; pass --yes to go ahead without it`,
    );
  }
  const answer = await confirmation.ask(`${question} [y/N] `);
  if (!/^y(es)?$/i.test(answer.trim())) throw new UsageError('not confirmed: nothing was changed');
}
