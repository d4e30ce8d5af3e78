import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import {
  describeRefusal,
  webhookHost,
  type WebhookAddressPolicy,
} from '../../notifications/webhook-address-policy';
import type { WebhookReply, WebhookSender } from '../../notifications/webhook-sender';

/** An address a host name resolves to. */
export interface ResolvedAddress {
  readonly address: string;
  readonly family: number;
}

/** Every address a host name resolves to (the system resolver's `lookup`, as a connection would). */
export type Resolve = (host: string) => Promise<readonly ResolvedAddress[]>;

const systemResolve: Resolve = (host) => lookup(host, { all: true, verbatim: true });

/** Settles as the promise does, or rejects with the signal's reason when it aborts first. */
function beforeAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/**
 * Webhook POSTs with node:http(s), guarded against server-side request forgery: the host is resolved
 * first (every address), refused when the policy refuses any of them, and the connection is made to the
 * addresses checked (the request's `lookup` answers them, so a second resolution cannot rebind the name
 * to another address); the Host header and TLS name stay the URL's. No redirect is followed, and the
 * reply's body is read and dropped, never kept.
 */
export class HttpWebhookSender implements WebhookSender {
  constructor(
    private readonly addresses: WebhookAddressPolicy,
    private readonly resolve: Resolve = systemResolve,
  ) {}

  async post(
    url: string,
    body: string,
    headers: Record<string, string>,
    timeoutMs: number,
  ): Promise<WebhookReply> {
    const started = performance.now();
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const target = new URL(url);
      const host = webhookHost(target);
      const family = isIP(host);
      const resolved = family ? [{ address: host, family }] : await beforeAbort(this.resolve(host), signal);
      const refusal = this.addresses.refusal(
        host,
        resolved.map((a) => a.address),
      );
      if (refusal) {
        return { error: describeRefusal(refusal), refused: true, durationMs: performance.now() - started };
      }
      if (!resolved.length) throw new Error(`${host} resolves to no address`);
      const status = await send(target, resolved, body, headers, signal);
      return { status, durationMs: performance.now() - started };
    } catch (e) {
      const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
      const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
      return {
        error: timedOut
          ? `no answer within ${timeoutMs} ms`
          : `${e instanceof Error ? e.message : String(e)}${cause}`,
        durationMs: performance.now() - started,
      };
    }
  }
}

/** One POST to `target` over a connection to one of `addresses`; answers the reply's status. */
function send(
  target: URL,
  addresses: readonly ResolvedAddress[],
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<number> {
  // the connection asks for the host's address here: it gets only those checked
  const checked: LookupFunction = (_hostname, options, callback) => {
    const fit = addresses.filter((a) => !options.family || a.family === options.family);
    if (!fit.length) {
      callback(
        Object.assign(new Error(`no checked address of family ${options.family}`), { code: 'ENOTFOUND' }),
        '',
      );
    } else if (options.all) {
      callback(
        null,
        fit.map((a) => ({ address: a.address, family: a.family })),
      );
    } else {
      callback(null, fit[0]!.address, fit[0]!.family);
    }
  };
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<number>((resolve, reject) => {
    const req = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: checked,
        signal,
        // a connection of its own, closed after the reply: no pooled socket outlives the check
        agent: false,
      },
      (res) => {
        res.on('error', () => undefined);
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
