/** One Server-Sent Events frame as read off the wire. */
export interface StreamEvent {
  readonly id?: string;
  readonly event: string;
  readonly data: any;
}

/** What a spec saw of an event stream: the reply, its events, how many comments, and whether it ended. */
export interface EventStreamReading {
  readonly status: number;
  readonly headers: Headers;
  /** The body when the reply was not a stream (a problem, say). */
  readonly body?: any;
  readonly events: StreamEvent[];
  readonly comments: number;
  /** The server closed the stream (rather than the reader stopping). */
  readonly closedByServer: boolean;
}

/** Parses one frame (`field: value` lines); a frame of comments only gives undefined. */
function parseFrame(text: string): StreamEvent | 'comment' | undefined {
  const fields: Record<string, string> = {};
  let comment = false;
  for (const line of text.split('\n')) {
    if (line.startsWith(':')) comment = true;
    const m = /^([a-z]+): ?(.*)$/.exec(line);
    if (m) fields[m[1]!] = fields[m[1]!] === undefined ? m[2]! : `${fields[m[1]!]}\n${m[2]!}`;
  }
  if (fields['data'] === undefined) return comment ? 'comment' : undefined;
  return { id: fields['id'], event: fields['event'] ?? 'message', data: JSON.parse(fields['data']) };
}

/** Reads an event stream over real HTTP until the server closes it or `ms` pass (then it disconnects, as a browser tab would). */
export async function readEventStream(
  url: string,
  options: { token?: string; ms?: number } = {},
): Promise<EventStreamReading> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.ms ?? 60_000);
  const events: StreamEvent[] = [];
  let comments = 0;
  let closedByServer = false;
  try {
    const res = await fetch(url, {
      headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
      signal: abort.signal,
    });
    if (!res.headers.get('content-type')?.startsWith('text/event-stream')) {
      const text = await res.text();
      return {
        status: res.status,
        headers: res.headers,
        body: text ? JSON.parse(text) : undefined,
        events,
        comments,
        closedByServer: true,
      };
    }
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          closedByServer = true;
          break;
        }
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const parsed = parseFrame(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (parsed === 'comment') comments += 1;
          else if (parsed) events.push(parsed);
        }
      }
    } catch (e) {
      if (!abort.signal.aborted) throw e;
    } finally {
      abort.abort();
    }
    return { status: res.status, headers: res.headers, events, comments, closedByServer };
  } finally {
    clearTimeout(timer);
  }
}
