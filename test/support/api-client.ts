/** A reply as the specs look at it. */
export interface ApiReply<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
  readonly contentType: string;
}

/** Options of one request. */
export interface CallOptions {
  readonly token?: string;
  readonly body?: unknown;
  /** A raw body sent as is (malformed JSON, say). */
  readonly raw?: string;
  readonly headers?: Record<string, string>;
}

/** A small HTTP client for the API under test (real HTTP over loopback). */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  /** The same client with another bearer token. */
  as(token: string | undefined): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  async call<T = any>(method: string, path: string, options: CallOptions = {}): Promise<ApiReply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token ?? this.token;
    if (token) headers['authorization'] = `Bearer ${token}`;
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, { method, headers, body });
    const text = await res.text();
    const contentType = res.headers.get('content-type') ?? '';
    let parsed: unknown = text;
    if (contentType.includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed as T, headers: res.headers, contentType };
  }

  get<T = any>(path: string, options?: CallOptions) {
    return this.call<T>('GET', path, options);
  }
  post<T = any>(path: string, body: unknown, options?: CallOptions) {
    return this.call<T>('POST', path, { ...options, body });
  }
  put<T = any>(path: string, body: unknown, version: number | undefined, options?: CallOptions) {
    const headers =
      version === undefined ? options?.headers : { ...options?.headers, 'expected-version': String(version) };
    return this.call<T>('PUT', path, { ...options, body, headers });
  }
  delete<T = any>(path: string, version: number | undefined, options?: CallOptions) {
    const headers =
      version === undefined ? options?.headers : { ...options?.headers, 'expected-version': String(version) };
    return this.call<T>('DELETE', path, { ...options, headers });
  }

  /** Signs in with `POST /token` and returns a client that uses the token. */
  async signIn(username: string, password: string): Promise<ApiClient> {
    const res = await this.post<string>('/token', { username, password });
    if (res.status !== 200)
      throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return this.as(res.body);
  }
}
