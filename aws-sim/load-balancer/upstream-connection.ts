import type http from 'node:http';
import net from 'node:net';
import { ChunkedDecoder } from './chunked-decoder';
import { parseResponseHead, type ResponseHead } from './response-head';

/** One request on its way through a connection, and where its response goes. */
export interface Exchange {
  readonly res: http.ServerResponse;
  /** A HEAD request: its response has no body whatever its headers say. */
  readonly headOnly: boolean;
  /** How the request body follows its head: none, as is (Content-Length), or re-chunked. */
  readonly body: 'none' | 'length' | 'chunked';
  /** The request could not be completed; `retryable` when a reused connection failed before any reply. */
  failed(error: Error, retryable: boolean): void;
}

/** What a connection tells the pool it came from. */
export interface ConnectionOwner {
  /** The response is complete and the connection may carry another request. */
  release(connection: UpstreamConnection): void;
  /** The connection is closed. */
  forget(connection: UpstreamConnection): void;
}

const HEAD_END = Buffer.from('\r\n\r\n');
const MAX_HEAD = 64 * 1024;
const LAST_CHUNK = Buffer.from('0\r\n\r\n');
const CRLF = Buffer.from('\r\n');
/** How long an idle connection is kept when the target does not say (undici's default). */
const DEFAULT_IDLE_SECONDS = 4;

/**
 * A keep-alive HTTP/1.1 connection to one target that carries one exchange at a time: it writes the
 * request as given and reads the response by hand, streaming it to the client's response. Node's
 * ClientRequest and IncomingMessage would cost more per request than the instance that answers it.
 */
export class UpstreamConnection {
  private readonly socket: net.Socket;
  private exchange: Exchange | undefined;
  private phase: 'idle' | 'head' | 'length' | 'chunked' | 'close' = 'idle';
  private partialHead: Buffer | undefined;
  private remaining = 0;
  private decoder: ChunkedDecoder | undefined;
  private reusable = false;
  private requestSent = true;
  private received = false;
  private uses = 0;
  private gone = false;
  /** Wall-clock ms after which the target may have closed it while idle. */
  private idleUntil = 0;

  constructor(
    /** The target and port it leads to (a port a terminated instance had may serve a new one later). */
    readonly key: string,
    port: number,
    private readonly owner: ConnectionOwner,
  ) {
    this.socket = net.connect(port, '127.0.0.1');
    this.socket.setNoDelay(true);
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', (e) => this.onGone(e));
    this.socket.on('close', () => this.onGone(new Error('socket hang up')));
  }

  /** Whether an idle connection is still worth reusing (the target keeps idle ones only so long). */
  isFresh(now: number): boolean {
    return !this.gone && now < this.idleUntil;
  }

  /** Sends a request head; a request with a body follows through `writeBody` and `endBody`. */
  send(head: string, exchange: Exchange): void {
    this.exchange = exchange;
    this.phase = 'head';
    this.received = false;
    this.requestSent = exchange.body === 'none';
    this.uses += 1;
    this.socket.write(head, 'latin1');
  }

  /** Writes a piece of the request body; false when the socket wants `onDrain` first. */
  writeBody(chunk: Buffer): boolean {
    if (this.gone || chunk.length === 0) return true;
    if (this.exchange?.body !== 'chunked') return this.socket.write(chunk);
    this.socket.cork();
    this.socket.write(`${chunk.length.toString(16)}\r\n`, 'latin1');
    this.socket.write(chunk);
    const flushed = this.socket.write(CRLF);
    this.socket.uncork();
    return flushed;
  }

  /** Runs `fn` once the socket has room again (or at once when it is gone). */
  onDrain(fn: () => void): void {
    if (this.gone) fn();
    else this.socket.once('drain', fn);
  }

  /** The request body is complete. */
  endBody(): void {
    if (this.gone) return;
    if (this.exchange?.body === 'chunked') this.socket.write(LAST_CHUNK);
    this.requestSent = true;
    if (this.phase === 'idle') this.settle();
  }

  /** The client went away before its response was complete: the connection cannot be reused. */
  abandon(exchange: Exchange): void {
    if (this.exchange === exchange) this.destroy();
  }

  destroy(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    const exchange = this.exchange;
    // bytes nobody asked for: the target is not speaking HTTP/1.1 as it should
    if (!exchange || this.phase === 'idle') return this.destroy();
    this.received = true;
    try {
      if (this.phase === 'head') this.readHead(exchange, chunk);
      else if (this.phase === 'length') this.readLength(exchange, chunk);
      else if (this.phase === 'chunked') this.readChunks(exchange, chunk);
      else this.forward(exchange, chunk);
    } catch (e) {
      this.fail(exchange, e instanceof Error ? e : new Error(String(e)));
    }
  }

  private readHead(exchange: Exchange, chunk: Buffer): void {
    const buf = this.partialHead ? Buffer.concat([this.partialHead, chunk]) : chunk;
    const end = buf.indexOf(HEAD_END);
    if (end < 0) {
      if (buf.length > MAX_HEAD) throw new Error('response head too large');
      this.partialHead = buf;
      return;
    }
    this.partialHead = undefined;
    const head = parseResponseHead(buf.toString('latin1', 0, end));
    if (!head) throw new Error('malformed response head');
    const rest = buf.subarray(end + HEAD_END.length);
    // an interim response (100 Continue): the client's own server has answered that already
    if (head.status < 200) return rest.length ? this.readHead(exchange, rest) : undefined;
    this.start(exchange, head, rest);
  }

  private start(exchange: Exchange, head: ResponseHead, rest: Buffer): void {
    const { res } = exchange;
    const bodiless = exchange.headOnly || head.status === 204 || head.status === 304;
    this.reusable = head.keepAlive && (bodiless || head.framing.kind !== 'close');
    // a second short of the target's own limit, so it does not close the connection as it is reused
    const idleSeconds = head.idleSeconds === undefined ? DEFAULT_IDLE_SECONDS : head.idleSeconds - 1;
    this.idleUntil = Date.now() + idleSeconds * 1000;
    res.writeHead(head.status, head.headers);
    if (bodiless) {
      res.end();
      return this.complete(rest);
    }
    const { framing } = head;
    if (framing.kind === 'length') {
      if (rest.length >= framing.length) {
        // the usual small reply, whole in one read: head and body leave in one write
        res.end(rest.length === framing.length ? rest : rest.subarray(0, framing.length));
        return this.complete(rest.subarray(framing.length));
      }
      this.phase = 'length';
      this.remaining = framing.length;
      return rest.length ? this.readLength(exchange, rest) : undefined;
    }
    if (framing.kind === 'chunked') {
      this.phase = 'chunked';
      this.decoder = new ChunkedDecoder();
      return rest.length ? this.readChunks(exchange, rest) : undefined;
    }
    this.phase = 'close';
    if (rest.length) this.forward(exchange, rest);
  }

  private readLength(exchange: Exchange, chunk: Buffer): void {
    if (chunk.length < this.remaining) {
      this.remaining -= chunk.length;
      return this.forward(exchange, chunk);
    }
    exchange.res.end(chunk.subarray(0, this.remaining));
    this.complete(chunk.subarray(this.remaining));
  }

  private readChunks(exchange: Exchange, chunk: Buffer): void {
    const decoded = this.decoder!.push(chunk);
    for (const piece of decoded.data) this.forward(exchange, piece);
    if (!decoded.done) return;
    exchange.res.end();
    this.complete(decoded.rest ?? Buffer.alloc(0));
  }

  private forward(exchange: Exchange, chunk: Buffer): void {
    if (exchange.res.write(chunk)) return;
    this.socket.pause();
    exchange.res.once('drain', () => this.socket.resume());
  }

  /** The response is complete; `extra` is anything the target sent beyond it. */
  private complete(extra: Buffer): void {
    if (extra.length) this.reusable = false;
    this.phase = 'idle';
    this.decoder = undefined;
    if (this.requestSent) this.settle();
  }

  /** Both the request and its response are through: back to the pool, or closed. */
  private settle(): void {
    this.exchange = undefined;
    if (this.reusable) this.owner.release(this);
    else this.destroy();
  }

  private fail(exchange: Exchange, error: Error): void {
    this.exchange = undefined;
    this.destroy();
    exchange.failed(error, false);
  }

  private onGone(error: Error): void {
    if (this.gone) return;
    this.gone = true;
    this.owner.forget(this);
    const exchange = this.exchange;
    this.exchange = undefined;
    if (!exchange) return;
    if (this.phase === 'close') return void exchange.res.end();
    exchange.failed(error, this.uses > 1 && !this.received);
  }
}
