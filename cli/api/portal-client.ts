import type { z } from 'zod';
import { UnavailableError } from '../cli-errors';
import { replyError } from './reply-error';

/** Query parameters of a call; undefined ones are left out. */
export type Query = Readonly<Record<string, string | number | boolean | undefined>>;

/** Options of one call to the API. */
export interface CallOptions {
  readonly query?: Query;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

/** A JSON reply, parsed by its schema, with the JSON as the API sent it (for `--json`). */
export interface JsonReply<T> {
  readonly data: T;
  readonly raw: unknown;
  readonly headers: Headers;
}

/** Whether an error is the abort of a call (a wait's deadline), not a failure of the portal. */
export function isAbort(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError');
}

/** Why fetch could not get a reply, in a few words (`ECONNREFUSED`, `ENOTFOUND`). */
function networkReason(e: unknown): string {
  const cause = e instanceof Error ? e.cause : undefined;
  if (cause instanceof Error)
    return 'code' in cause && typeof cause.code === 'string' ? cause.code : cause.message;
  return e instanceof Error ? e.message : String(e);
}

/** The portal's REST API (`/api/v1`) over HTTP: every reply parsed, every failure a CliError. */
export class PortalClient {
  constructor(
    readonly url: string,
    private readonly token?: string,
  ) {}

  /** Sends a request and answers the reply when it is a success (2xx); throws the mapped error otherwise. */
  async send(method: string, path: string, options: CallOptions = {}): Promise<Response> {
    const target = new URL(`${this.url}/api/v1${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) target.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (this.token) headers['authorization'] = `Bearer ${this.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    let res: Response;
    try {
      res = await fetch(target, { method, headers, body, signal: options.signal });
    } catch (e) {
      if (isAbort(e)) throw e;
      throw new UnavailableError(`cannot reach the portal at ${this.url}: ${networkReason(e)}`);
    }
    if (!res.ok) throw await replyError(res, this.url);
    return res;
  }

  /** A call whose reply is JSON of the given schema. */
  async json<T>(
    method: string,
    path: string,
    schema: z.ZodType<T>,
    options?: CallOptions,
  ): Promise<JsonReply<T>> {
    const res = await this.send(method, path, options);
    let raw: unknown;
    try {
      raw = await res.json();
    } catch (e) {
      if (isAbort(e)) throw e;
      throw new UnavailableError(`the portal's reply to ${method} ${path} is not JSON`);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join('.') || 'the body';
      throw new UnavailableError(
        `the portal's reply to ${method} ${path} is not what em expects (${where}: ${issue?.message}); ` +
          'is em as new as the portal?',
      );
    }
    return { data: parsed.data, raw, headers: res.headers };
  }

  /** GET of a JSON resource. */
  get<T>(path: string, schema: z.ZodType<T>, options?: CallOptions): Promise<JsonReply<T>> {
    return this.json('GET', path, schema, options);
  }
}
