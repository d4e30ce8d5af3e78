import type { Grant } from '@shared/auth/permission';

/** The signed-in caller of a request. Grants are read on first use, once per request, never cached longer. */
export interface Principal {
  readonly username: string;
  readonly displayName: string;
  readonly groups: readonly string[];
  /** How the caller signed in: browser session cookie, `POST /token` bearer, or personal API token. */
  readonly via: 'session' | 'bearer' | 'api-token';
  /** The hash of the credential the request came with (to revoke it on sign-out). */
  readonly credentialHash: string;
  grants(): Promise<readonly Grant[]>;
}
