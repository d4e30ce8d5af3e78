import type { Problem } from '../shared/api/problem';
import { ExitCode } from './exit-code';

/** An error `em` reports on stderr and exits with: each kind carries its exit code. */
export abstract class CliError extends Error {
  abstract readonly exitCode: ExitCode;
}

/** The portal answered a 4xx problem (other than 401): its detail is what the user needs to read. */
export class RefusedError extends CliError {
  readonly exitCode = ExitCode.refused;
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    const fields = (problem.errors ?? []).map((e) => `\n  ${e.field}: ${e.message}`).join('');
    super(`refused (${status} ${problem.title}): ${problem.detail ?? problem.title}${fields}`);
  }
}

/** The command line itself was wrong (a missing value, an unknown slice). */
export class UsageError extends CliError {
  readonly exitCode = ExitCode.refused;
}

/** No credentials, or the portal answered 401 to the ones given. */
export class NotSignedInError extends CliError {
  readonly exitCode = ExitCode.unavailable;
  constructor(
    message: string,
    /** The portal's own words, when it answered 401. */
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** The portal cannot be reached, failed (5xx), or answered something `em` cannot read. */
export class UnavailableError extends CliError {
  readonly exitCode = ExitCode.unavailable;
}

/** A wait ran out of time. */
export class TimedOutError extends CliError {
  readonly exitCode = ExitCode.timedOut;
}

/** A deployment that was waited for did not end as asked. */
export class DeploymentFailedError extends CliError {
  readonly exitCode = ExitCode.deploymentFailed;
}
