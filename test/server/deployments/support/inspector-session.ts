import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { Duplex } from 'node:stream';

/** A DevTools protocol event: its method and params. */
export interface InspectorEvent {
  readonly method: string;
  readonly params: Record<string, unknown>;
}

/**
 * A DevTools protocol session with a Node process started with `--inspect`, over a WebSocket of its own
 * (Node 20 has no WebSocket client, and the crash specs need only text frames: one message per frame).
 * What the specs use it for: a breakpoint inside a step that does no I/O, so that a SIGKILL can land there.
 */
export class InspectorSession {
  private nextId = 1;
  private buffer = Buffer.alloc(0);
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly listeners: ((e: InspectorEvent) => void)[] = [];
  private closed = false;

  private constructor(private readonly socket: Duplex) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closed = true;
      for (const p of this.pending.values()) p.reject(new Error('the inspector socket closed'));
      this.pending.clear();
    });
  }

  /** Opens a session on the `ws://` URL a process prints as "Debugger listening on ...". */
  static open(url: string): Promise<InspectorSession> {
    const u = new URL(url);
    return new Promise((resolve, reject) => {
      const req = http.request({
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        headers: {
          Connection: 'Upgrade',
          Upgrade: 'websocket',
          'Sec-WebSocket-Version': '13',
          'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        },
      });
      req.once('upgrade', (_res, socket, head) => {
        const session = new InspectorSession(socket);
        if (head.length) session.receive(head);
        resolve(session);
      });
      req.once('response', (res) =>
        reject(new Error(`the inspector refused the upgrade: ${res.statusCode}`)),
      );
      req.once('error', reject);
      req.end();
    });
  }

  /** Sends a protocol command and resolves with its result. */
  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the inspector socket is closed'));
    const id = this.nextId++;
    const payload = Buffer.from(JSON.stringify({ id, method, params }));
    const mask = randomBytes(4);
    const length =
      payload.length < 126
        ? Buffer.from([0x80 | payload.length])
        : Buffer.from([0x80 | 126, payload.length >> 8, payload.length & 0xff]);
    if (payload.length > 0xffff) throw new Error('an inspector command this long is not supported');
    const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
    this.socket.write(Buffer.concat([Buffer.from([0x81]), length, mask, masked]));
    return new Promise<T>((resolve, reject) =>
      this.pending.set(id, { resolve: (v) => resolve(v as T), reject }),
    );
  }

  /** Calls `listener` with every event from now on. */
  onEvent(listener: (e: InspectorEvent) => void): void {
    this.listeners.push(listener);
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const frame = this.nextFrame();
      if (!frame) return;
      if (frame.opcode === 0x8) return void this.socket.end();
      if (frame.opcode === 0x1) this.dispatch(JSON.parse(frame.payload.toString('utf8')));
    }
  }

  /** The next whole frame off the buffer (server frames are never masked), or undefined until it has come. */
  private nextFrame(): { opcode: number; payload: Buffer } | undefined {
    const b = this.buffer;
    if (b.length < 2) return undefined;
    let length = b[1]! & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (b.length < 4) return undefined;
      length = b.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (b.length < 10) return undefined;
      length = Number(b.readBigUInt64BE(2));
      offset = 10;
    }
    if (b.length < offset + length) return undefined;
    this.buffer = b.subarray(offset + length);
    return { opcode: b[0]! & 0x0f, payload: b.subarray(offset, offset + length) };
  }

  private dispatch(message: {
    id?: number;
    result?: unknown;
    error?: { message: string };
    method?: string;
    params?: Record<string, unknown>;
  }): void {
    if (message.id !== undefined) {
      const p = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) p?.reject(new Error(message.error.message));
      else p?.resolve(message.result);
      return;
    }
    if (message.method)
      for (const l of this.listeners) l({ method: message.method, params: message.params ?? {} });
  }
}
