/** `em`'s exit codes, the contract scripts rely on (documented in the README's CLI section). */
export const ExitCode = {
  /** The command did what was asked (a deployment waited for ended Success). */
  ok: 0,
  /** A deployment waited for failed, was cancelled or was rolled back. */
  deploymentFailed: 1,
  /** The portal refused the request (a 4xx problem other than 401), or the command line was wrong. */
  refused: 2,
  /** A wait ran out of time (the deployment goes on in the portal). */
  timedOut: 3,
  /** The portal cannot be reached or answered with a server error, or there is no valid sign-in. */
  unavailable: 4,
} as const;
/** One of `em`'s exit codes. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
