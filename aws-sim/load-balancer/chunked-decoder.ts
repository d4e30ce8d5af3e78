/** What a piece of a chunked body decoded to. */
export interface Decoded {
  /** The body bytes in this piece (views into it, not copies). */
  readonly data: Buffer[];
  /** Whether the last chunk and its trailers have been read. */
  readonly done: boolean;
  /** Bytes after the end of the body (a target that sent more than one response). */
  readonly rest?: Buffer;
}

const MAX_LINE = 8 * 1024;
const CR = 13;
const LF = 10;

/**
 * Decodes `Transfer-Encoding: chunked` (RFC 9112 section 7.1) incrementally: size lines (extensions
 * ignored), data, and trailers, which a proxy that re-frames the body drops. Throws on a malformed body.
 */
export class ChunkedDecoder {
  private phase: 'size' | 'data' | 'data-end' | 'trailer' = 'size';
  private line = '';
  private remaining = 0;

  push(buf: Buffer): Decoded {
    const data: Buffer[] = [];
    let at = 0;
    while (at < buf.length) {
      if (this.phase === 'data') {
        const take = Math.min(this.remaining, buf.length - at);
        data.push(buf.subarray(at, at + take));
        at += take;
        this.remaining -= take;
        if (this.remaining === 0) this.phase = 'data-end';
        continue;
      }
      const lf = buf.indexOf(LF, at);
      const end = lf < 0 ? buf.length : lf;
      this.line += buf.toString('latin1', at, end);
      if (this.line.length > MAX_LINE) throw new Error('chunk line too long');
      at = end;
      if (lf < 0) break;
      at += 1;
      const line = this.line.charCodeAt(this.line.length - 1) === CR ? this.line.slice(0, -1) : this.line;
      this.line = '';
      if (this.phase === 'data-end') {
        if (line !== '') throw new Error('chunk data not followed by CRLF');
        this.phase = 'size';
      } else if (this.phase === 'size') {
        const size = /^([0-9a-fA-F]{1,12})[ \t]*(;.*)?$/.exec(line);
        if (!size) throw new Error(`bad chunk size line '${line}'`);
        this.remaining = parseInt(size[1]!, 16);
        this.phase = this.remaining === 0 ? 'trailer' : 'data';
      } else if (line === '') {
        return { data, done: true, rest: at < buf.length ? buf.subarray(at) : undefined };
      }
    }
    return { data, done: false };
  }
}
