import type { Grant } from '@shared/auth/permission';
import type { ToggleScope } from './credential-store';

/**
 * The caller of a request: a signed-in user, or a feature toggle token (a service reading its toggles in
 * one environment: no groups, no grants, and accepted only by the routes that say so). Grants are read on
 * first use, once per request, never cached longer.
 */
export interface Principal {
  readonly username: string;
  readonly displayName: string;
  readonly groups: readonly string[];
  /**
   * How the caller signed in: browser session cookie, `POST /token` bearer, personal API token, or a
   * feature toggle token.
   */
  readonly via: 'session' | 'bearer' | 'api-token' | 'toggle-token';
  /** The hash of the credential the request came with (to revoke it on sign-out). */
  readonly credentialHash: string;
  /** The id of the API or toggle token the request came with (for the logs: never the secret). */
  readonly tokenId?: string;
  /** What a toggle token may read; absent for users. */
  readonly toggleScope?: ToggleScope;
  grants(): Promise<readonly Grant[]>;
}
