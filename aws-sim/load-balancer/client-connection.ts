import { STATUS_CODES } from 'node:http';
import type net from 'node:net';
import { ChunkedDecoder } from './chunked-decoder';
import { forwardedRequest } from './forwarded-request';
import { parseRequestHead, type RequestHead } from './request-head';
import type { Route } from './request-router';
import type { BodyFraming, Exchange, UpstreamConnection } from './upstream-connection';

/** What a client connection needs of its listener: where a request goes, and a connection to take it. */
export interface ListenerSide {
  /** The listener's port (X-Forwarded-Port), or undefined when its record is gone. */
  port(): number | undefined;
  /** Where a request for `path` (without its query) goes now. */
  route(path: string): Route;
  /** A kept-alive connection to a target, or a new one. */
  connect(route: Route & { kind: 'target' }): UpstreamConnection;
}

/** Node's default limit on a request head. */
const MAX_HEAD = 16 * 1024;
/** Bytes of pipelined requests held while one is answered, before the client is made to wait. */
const MAX_PIPELINED = 64 * 1024;
/** A head and body up to this size are copied into one buffer: one write, without a corked stream. */
const COPY_LIMIT = 16 * 1024;
const HEAD_END = Buffer.from('\r\n\r\n');
const LAST_CHUNK = Buffer.from('0\r\n\r\n');
const CONTINUE = 'HTTP/1.1 100 Continue\r\n\r\n';
const UNAVAILABLE = '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>';
const BAD_GATEWAY = '<html><body><h1>502 Bad Gateway</h1></body></html>';
const statusLines: string[] = [];

function statusLine(status: number): string {
  return (statusLines[status] ??= `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}\r\n`);
}

/**
 * One client's connection to a listener, read and written by hand: it parses each request head, has the
 * listener route it, forwards it over a target connection, and writes the target's reply through with the
 * head's end-to-end lines as they came, head and body in one write when the reply came in one read.
 * Requests on one connection are answered in order, one at a time (pipelined ones wait their turn).
 * Node's http.Server would cost more per request than the forwarding itself.
 */
export class ClientConnection implements Exchange {
  headOnly = false;
  body: Exchange['body'] = 'none';
  /** Sweeps of the listener's idle timer this connection has stayed idle through. */
  idleSweeps = 0;
  private request: RequestHead | undefined;
  private path = '';
  private forwarded = '';
  private retried = false;
  private upstream: UpstreamConnection | undefined;
  /** Bytes received and not read yet: a partial head, or requests pipelined behind the one answered. */
  private pending: Buffer | undefined;
  private reading = false;
  private bodyLeft = 0;
  private decoder: ChunkedDecoder | undefined;
  /** The request's body goes nowhere: it was answered without a target. */
  private discardBody = false;
  private requestRead = false;
  private headSent = false;
  private responseDone = false;
  private chunkedReply = false;
  private keepAlive = false;
  /** The client has sent its last byte (a half-close): the connection ends after the reply under way. */
  private clientEnded = false;
  private closing = false;

  constructor(
    private readonly socket: net.Socket,
    private readonly listener: ListenerSide,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('end', () => {
      this.clientEnded = true;
      if (!this.request) this.socket.end();
    });
    socket.on('close', () => {
      this.closing = true;
      // the client went away before the whole response reached it
      if (this.upstream && !this.responseDone) this.upstream.abandon(this);
      this.upstream = undefined;
    });
  }

  /** Whether no request is under way (an idle kept-alive connection, or one still sending a head). */
  get idle(): boolean {
    return this.request === undefined;
  }

  destroy(): void {
    this.socket.destroy();
  }

  respond(
    status: number,
    lines: string,
    framing: BodyFraming,
    body: Buffer | undefined,
    done: boolean,
  ): void {
    this.headSent = true;
    let head = statusLine(status) + lines;
    if (framing === 'stream') {
      // an HTTP/1.0 client knows no chunks: its body ends with the connection
      if (this.request!.minor === 1) {
        this.chunkedReply = true;
        head += 'transfer-encoding: chunked\r\n';
      } else this.keepAlive = false;
    }
    if (!this.keepAlive) head += 'connection: close\r\n';
    else if (this.request!.minor === 0) head += 'connection: keep-alive\r\n';
    head += '\r\n';
    if (body === undefined || body.length === 0 || this.headOnly) this.socket.write(head, 'latin1');
    else if (body.length <= COPY_LIMIT) {
      const out = Buffer.allocUnsafe(head.length + body.length);
      out.write(head, 0, 'latin1');
      body.copy(out, head.length);
      this.socket.write(out);
    } else {
      this.socket.cork();
      this.socket.write(head, 'latin1');
      this.socket.write(body);
      this.socket.uncork();
    }
    if (done) this.responseComplete();
  }

  write(chunk: Buffer): boolean {
    if (this.closing && this.socket.destroyed) return true;
    if (!this.chunkedReply) return this.socket.write(chunk);
    this.socket.cork();
    this.socket.write(`${chunk.length.toString(16)}\r\n`, 'latin1');
    this.socket.write(chunk);
    const flushed = this.socket.write('\r\n', 'latin1');
    this.socket.uncork();
    return flushed;
  }

  end(): void {
    if (this.chunkedReply) this.socket.write(LAST_CHUNK);
    this.responseComplete();
  }

  onResponseDrain(fn: () => void): void {
    if (this.socket.destroyed) fn();
    else this.socket.once('drain', fn);
  }

  failed(_error: Error, retryable: boolean): void {
    this.upstream = undefined;
    // a kept-alive connection the target closed meanwhile: ALB would open a new one, so route again; a
    // request with a body has streamed into the failed one and cannot be sent again
    if (retryable && this.body === 'none' && !this.retried && !this.headSent) {
      this.retried = true;
      return this.forward();
    }
    if (this.headSent) return this.destroy();
    this.reply(502, BAD_GATEWAY);
  }

  private onData(chunk: Buffer): void {
    if (this.closing) return;
    this.idleSweeps = 0;
    if (this.request && !this.requestRead) return this.readBody(chunk);
    this.pending = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    if (this.request) {
      // a request pipelined behind the one answered: it waits, and past a limit so does the client
      if (this.pending.length > MAX_PIPELINED) this.socket.pause();
      return;
    }
    this.readRequests();
  }

  /** Reads the requests in `pending` while each is answered at once (an error reply or a fixed response). */
  private readRequests(): void {
    if (this.reading) return;
    this.reading = true;
    try {
      while (this.pending && !this.request && !this.closing) {
        const buf = this.pending;
        const end = buf.indexOf(HEAD_END);
        if (end < 0 || end > MAX_HEAD) {
          if (end > MAX_HEAD || buf.length > MAX_HEAD) return this.refuse(431);
          return;
        }
        this.pending = undefined;
        const rest = buf.subarray(end + HEAD_END.length);
        const parsed = parseRequestHead(buf.toString('latin1', 0, end));
        if ('refused' in parsed) return this.refuse(parsed.refused);
        this.begin(parsed);
        if (rest.length === 0) continue;
        if (this.request && !this.requestRead) this.readBody(rest);
        else this.pending = rest;
      }
    } finally {
      this.reading = false;
    }
  }

  private begin(request: RequestHead): void {
    this.request = request;
    this.headOnly = request.method === 'HEAD';
    this.body = request.body;
    this.bodyLeft = request.length;
    this.decoder = request.body === 'chunked' ? new ChunkedDecoder() : undefined;
    this.discardBody = false;
    this.requestRead = request.body === 'none';
    this.headSent = false;
    this.responseDone = false;
    this.chunkedReply = false;
    this.keepAlive = request.keepAlive;
    this.retried = false;
    const query = request.target.indexOf('?');
    this.path = query < 0 ? request.target : request.target.slice(0, query);
    this.forwarded = '';
    this.forward();
  }

  /** Routes the request and sends its head to the target chosen (again, after a retryable failure). */
  private forward(): void {
    const request = this.request!;
    const port = this.listener.port();
    if (port === undefined) return this.reply(503, UNAVAILABLE);
    const route = this.listener.route(this.path);
    if (route.kind === 'none') return this.reply(503, UNAVAILABLE);
    if (route.kind === 'fixed') return this.reply(route.statusCode, route.body ?? '', route.contentType);
    if (!this.forwarded) {
      this.forwarded = forwardedRequest(request, this.socket.remoteAddress, port);
      // the client waits for this before it sends the body; ALB forwards the body, not the expectation
      if (request.expectContinue && request.body !== 'none') this.socket.write(CONTINUE, 'latin1');
    }
    const upstream = this.listener.connect(route);
    this.upstream = upstream;
    upstream.send(this.forwarded, this);
    if (this.requestRead) upstream.endBody();
  }

  private readBody(chunk: Buffer): void {
    let rest: Buffer | undefined;
    if (this.decoder) {
      let decoded;
      try {
        decoded = this.decoder.push(chunk);
      } catch {
        return this.abort();
      }
      for (const piece of decoded.data) this.sendBody(piece);
      if (decoded.done) rest = decoded.rest ?? Buffer.alloc(0);
    } else {
      const take = Math.min(this.bodyLeft, chunk.length);
      this.bodyLeft -= take;
      this.sendBody(take === chunk.length ? chunk : chunk.subarray(0, take));
      if (this.bodyLeft === 0) rest = chunk.subarray(take);
    }
    if (rest === undefined) return;
    if (rest.length) this.pending = rest;
    this.requestRead = true;
    this.decoder = undefined;
    if (!this.discardBody) this.upstream?.endBody();
    if (this.responseDone) this.finish();
  }

  private sendBody(piece: Buffer): void {
    const upstream = this.upstream;
    if (this.discardBody || !upstream || piece.length === 0) return;
    if (upstream.writeBody(piece)) return;
    this.socket.pause();
    upstream.onDrain(() => this.socket.resume());
  }

  /** A reply of the load balancer's own (an error or a fixed response). */
  private reply(status: number, body: string, contentType = 'text/html'): void {
    if (this.headSent) return this.destroy();
    if (!this.requestRead) {
      // the body still on its way is read and dropped; the connection is not kept for another request
      this.discardBody = true;
      this.keepAlive = false;
    }
    const length = Buffer.byteLength(body);
    const lines =
      `server: awselb/2.0\r\ndate: ${new Date().toUTCString()}\r\n` +
      `content-type: ${contentType}\r\ncontent-length: ${length}\r\n`;
    this.respond(status, lines, 'length', length ? Buffer.from(body) : undefined, true);
  }

  /** A head the load balancer refuses: the error, and the connection closed. */
  private refuse(status: number): void {
    this.pending = undefined;
    this.closing = true;
    this.socket.end(
      `${statusLine(status)}server: awselb/2.0\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`,
      'latin1',
    );
  }

  /** A malformed request body: nothing more can be read from this connection. */
  private abort(): void {
    this.upstream?.abandon(this);
    this.upstream = undefined;
    if (this.headSent) return this.destroy();
    this.body = 'none';
    this.discardBody = true;
    this.requestRead = true;
    this.keepAlive = false;
    this.pending = undefined;
    this.respond(400, 'server: awselb/2.0\r\ncontent-length: 0\r\n', 'length', undefined, true);
  }

  private responseComplete(): void {
    this.responseDone = true;
    if (this.requestRead) this.finish();
  }

  /** The request and its response are through: the next request, or the connection closed. */
  private finish(): void {
    this.request = undefined;
    this.upstream = undefined;
    this.decoder = undefined;
    if (!this.keepAlive || this.clientEnded) {
      this.closing = true;
      this.pending = undefined;
      this.socket.end();
      return;
    }
    if (this.socket.isPaused()) this.socket.resume();
    if (this.pending) this.readRequests();
  }
}
