import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { ContentCoding } from './content-coding';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/** Below this size a compressed body saves less than the headers that announce it. */
const COMPRESS_FROM_BYTES = 1024;

function compress(coding: ContentCoding, bytes: Buffer): Promise<Buffer> {
  if (coding === 'gzip') return gzip(bytes, { level: 6 });
  // quality 5: within a few per cent of the best size on JSON lists at a hundredth of quality 11's time
  return brotli(bytes, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

/**
 * A JSON body serialized once, with what every request for it would otherwise recompute: its UTF-8 bytes,
 * an ETag from their SHA-256 (so every portal process gives the same data the same tag) and its gzip and
 * brotli forms, each compressed once on first demand, off the event loop.
 */
export class SerializedJson {
  /** The body as sent without a content coding. */
  readonly bytes: Buffer;
  /** A weak ETag: the same for every content coding of these bytes, as If-None-Match compares them. */
  readonly etag: string;
  private readonly encoded = new Map<ContentCoding, Promise<Buffer>>();

  constructor(text: string) {
    this.bytes = Buffer.from(text, 'utf8');
    this.etag = `W/"${createHash('sha256').update(this.bytes).digest('base64url')}"`;
  }

  /** Whether a compressed form is worth offering. */
  get compressible(): boolean {
    return this.bytes.length >= COMPRESS_FROM_BYTES;
  }

  /** The body in a content coding, made by the first request that asks and shared by every later one. */
  encodedAs(coding: ContentCoding): Promise<Buffer> {
    let body = this.encoded.get(coding);
    if (body === undefined) {
      body = compress(coding, this.bytes);
      this.encoded.set(coding, body);
      // a failure is not kept: the next request tries again
      body.catch(() => this.encoded.delete(coding));
    }
    return body;
  }
}

const memo = new WeakMap<object, SerializedJson>();

/**
 * The serialized JSON of a value built from `source`, kept as long as `source` lives. Lists served from
 * the record store's cache are the same frozen array until the data changes, so a big list (thousands of
 * services) is mapped, stringified, hashed and compressed once per change, not once per request.
 */
export function serializedOnce(source: object, build: () => unknown): SerializedJson {
  let json = memo.get(source);
  if (json === undefined) {
    json = new SerializedJson(JSON.stringify(build()));
    memo.set(source, json);
  }
  return json;
}
