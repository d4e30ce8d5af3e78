import type { Request, Response } from 'express';
import { chooseContentCoding } from './content-coding';
import { ifNoneMatchHits } from './if-none-match';
import type { SerializedJson } from './serialized-json';

/**
 * Sends a body serialized once: its ETag, `304 Not Modified` with no body when `If-None-Match` already
 * names it, and otherwise the bytes in the coding `Accept-Encoding` prefers, compressed once for every
 * request that asks for the same bytes.
 */
export async function sendSerialized(
  req: Request,
  res: Response,
  status: number,
  json: SerializedJson,
): Promise<void> {
  res.setHeader('ETag', json.etag);
  if (json.compressible) res.vary('Accept-Encoding');
  if (status === 200 && ifNoneMatchHits(req.header('if-none-match'), json.etag)) {
    res.status(304).end();
    return;
  }
  const coding = json.compressible ? chooseContentCoding(req.header('accept-encoding')) : undefined;
  const body = coding ? await json.encodedAs(coding) : json.bytes;
  if (coding) res.setHeader('Content-Encoding', coding);
  res.status(status).type('application/json').setHeader('Content-Length', body.length);
  res.end(body);
}
