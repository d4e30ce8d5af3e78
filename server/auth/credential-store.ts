/** A credential the server issued: a browser session, a `POST /token` bearer token or a personal API token. */
export interface Credential {
  readonly kind: 'session' | 'bearer' | 'api-token';
  readonly hash: string;
  readonly username: string;
  readonly expiresAt: number | null;
  /** The CSRF token bound to a browser session. */
  readonly csrf?: string;
  readonly id?: string;
  readonly name?: string;
  readonly createdAt: string;
  readonly lastUsedAt?: string;
}

/** Where issued credentials are kept, by the SHA-256 of their secret (never the secret itself). */
export interface CredentialStore {
  put(credential: Credential): Promise<void>;
  find(hash: string): Promise<Credential | undefined>;
  remove(hash: string): Promise<void>;
  listApiTokens(username: string): Promise<Credential[]>;
  markUsed(hash: string, at: string): Promise<void>;
  /** Failed sign-ins counted under a key in a fixed window; returns the count after adding one. */
  addFailure(key: string, windowEndsAt: number): Promise<number>;
  failures(key: string, windowEndsAt: number): Promise<number>;
}
