import type { Actor } from '../catalogue/record-store';

/** What a feature toggle token may read: the toggles of one service in one environment. */
export interface ToggleScope {
  readonly service: string;
  readonly environment: string;
}

/**
 * A toggle token's scope, with whose it was when the token was made (a revoke falls back to these once
 * the service or environment is gone from the catalogue) and who made it.
 */
export interface ToggleTokenScope extends ToggleScope {
  readonly team: string;
  readonly environmentType: string;
  readonly createdBy: string;
}

/**
 * A credential the server issued: a browser session, a `POST /token` bearer token, a personal API token,
 * or a feature toggle token (a service's, not a user's: its `username` is its own, `toggle-token:<id>`).
 */
export interface Credential {
  readonly kind: 'session' | 'bearer' | 'api-token' | 'toggle-token';
  readonly hash: string;
  readonly username: string;
  readonly expiresAt: number | null;
  /** The CSRF token bound to a browser session. */
  readonly csrf?: string;
  readonly id?: string;
  /** An API token's name, a toggle token's description. */
  readonly name?: string;
  readonly createdAt: string;
  readonly lastUsedAt?: string;
  /** A toggle token's scope. */
  readonly toggleToken?: ToggleTokenScope;
}

/** The audit entry written in the same transaction as a credential change (toggle tokens are audited). */
export interface CredentialAudit {
  readonly actor: Actor;
  /** What the entry shows of the credential: never its secret or hash. */
  readonly value: Readonly<Record<string, unknown>>;
}

/** Where issued credentials are kept, by the SHA-256 of their secret (never the secret itself). */
export interface CredentialStore {
  /** Keeps a credential; with `audit`, its `Created` entry in the same transaction. */
  put(credential: Credential, audit?: CredentialAudit): Promise<void>;
  find(hash: string): Promise<Credential | undefined>;
  /**
   * Removes a credential; with `audit`, its `Deleted` entry in the same transaction, and a NotFoundError
   * when it was gone already (so one revoke is audited once).
   */
  remove(hash: string, audit?: CredentialAudit): Promise<void>;
  listApiTokens(username: string): Promise<Credential[]>;
  /** The feature toggle tokens (of one service). */
  listToggleTokens(service?: string): Promise<Credential[]>;
  markUsed(hash: string, at: string): Promise<void>;
  /** Failed sign-ins counted under a key in a fixed window; returns the count after adding one. */
  addFailure(key: string, windowEndsAt: number): Promise<number>;
  failures(key: string, windowEndsAt: number): Promise<number>;
}
