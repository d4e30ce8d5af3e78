import type { IncomingMessage, ServerResponse } from 'node:http';
import vary from 'vary';
import { chooseContentCoding } from './content-coding';
import { ifNoneMatchHits } from './if-none-match';
import type { SerializedJson } from './serialized-json';

/** One value of a request header (the first, if it came more than once). */
function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Sends a body serialized once: its ETag, `304 Not Modified` with no body when `If-None-Match` already
 * names it, and otherwise the bytes in the coding `Accept-Encoding` prefers, compressed once for every
 * request that asks for the same bytes. On node's own request and response, so that the routes answered
 * ahead of Express (see leanRequests) send it the same.
 */
export async function sendSerialized(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  json: SerializedJson,
): Promise<void> {
  res.setHeader('ETag', json.etag);
  if (json.compressible) vary(res, 'Accept-Encoding');
  if (status === 200 && ifNoneMatchHits(headerOf(req, 'if-none-match'), json.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const coding = json.compressible ? chooseContentCoding(headerOf(req, 'accept-encoding')) : undefined;
  const body = coding ? await json.encodedAs(coding) : json.bytes;
  if (coding) res.setHeader('Content-Encoding', coding);
  res.statusCode = status;
  res.setHeader('Content-Type', JSON_TYPE);
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

/** The content type of every JSON reply (what Express's `type('application/json')` sets). */
const JSON_TYPE = 'application/json; charset=utf-8';

/** Sends JSON a handler wrote as text (made for this one reply, so it gets no ETag). */
export function sendJsonText(res: ServerResponse, status: number, json: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', JSON_TYPE);
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}
