import { PortalClient } from './api/portal-client';
import type { Output } from './output/output';
import { resolveSession } from './session/session';
import type { Settings } from './settings';

/** What every command is given: the settings of this run, where to write, and the signed-in API. */
export interface CliContext {
  readonly settings: Settings;
  readonly output: Output;
  /** The API with this run's session (a NotSignedInError when there is none). */
  client(): PortalClient;
}

/** The context of one run of `em`. */
export function cliContext(settings: Settings, output: Output): CliContext {
  return {
    settings,
    output,
    client: () => {
      const session = resolveSession(settings);
      return new PortalClient(session.url, session.token);
    },
  };
}
