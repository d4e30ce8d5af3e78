import http from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { GenerationCache } from '../../../server/adapters/dynamodb/generation-cache';
import { aCluster, aService, created } from '../../fixtures/builders';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';

const gunzip = promisify(zlib.gunzip);
const brotliDecompress = promisify(zlib.brotliDecompress);

/** A reply with its body exactly as it came over the wire (fetch would decompress it). */
interface RawReply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

function rawGet(url: string, headers: Record<string, string>): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

describe('list replies: ETag, If-None-Match and compression', () => {
  let tp: TestPortal;
  let admin: ApiClient;
  let team: string;
  let list: (headers?: Record<string, string>) => Promise<RawReply>;

  beforeAll(async () => {
    tp = await startTestPortal();
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    team = (await created(admin, '/config/clusters', aCluster())).ClusterName;
    // enough services for a list worth compressing
    for (let i = 0; i < 6; i++) await created(admin, '/config/services', aService({ cluster: team }));
    list = (headers = {}) =>
      rawGet(`${tp.baseUrl}/api/v1/config/services`, { authorization: `Bearer ${admin.token}`, ...headers });
  });
  afterAll(() => tp.close());

  it('answers a list with an ETag, and If-None-Match with that ETag with 304 and no body', async () => {
    const first = await list();
    expect(first.status).toBe(200);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    const again = await list({ 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
  });

  it('answers 304 to an ETag among several in If-None-Match, and 200 to one that is not current', async () => {
    const etag = (await list()).headers.etag!;
    expect((await list({ 'if-none-match': `"not-it", ${etag}` })).status).toBe(304);
    const other = await list({ 'if-none-match': 'W/"not-it"' });
    expect(other.status).toBe(200);
    expect(JSON.parse(other.body.toString('utf8')).length).toBeGreaterThanOrEqual(6);
  });

  it('gives a new ETag and the new body after a change', async () => {
    const before = await list();
    const added = await created(admin, '/config/services', aService({ cluster: team }));
    const after = await list({ 'if-none-match': before.headers.etag! });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const names = (JSON.parse(after.body.toString('utf8')) as { ServiceName: string }[]).map(
      (s) => s.ServiceName,
    );
    expect(names).toContain(added.ServiceName);
  });

  it('sees a change made by another portal process on the same tables at the next list', async () => {
    const other = await startTestPortal({ tablePrefix: tp.tablePrefix });
    try {
      const before = await list();
      const otherAdmin = await new ApiClient(other.baseUrl).signIn('admin', ADMIN_PASSWORD);
      const added = await created(otherAdmin, '/config/services', aService({ cluster: team }));
      const after = await list({ 'if-none-match': before.headers.etag! });
      expect(after.status).toBe(200);
      expect(after.body.toString('utf8')).toContain(`"${added.ServiceName}"`);
    } finally {
      await other.close();
    }
  });

  it('sends gzip to a client that accepts only gzip, decoding to the same JSON', async () => {
    const plain = await list();
    const zipped = await list({ 'accept-encoding': 'gzip' });
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['vary']).toContain('Accept-Encoding');
    expect(zipped.body.length).toBeLessThan(plain.body.length);
    expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
    expect((await gunzip(zipped.body)).equals(plain.body)).toBeTrue();
  });

  it('prefers brotli when the client accepts gzip and br, decoding to the same JSON', async () => {
    const plain = await list();
    const br = await list({ 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect((await brotliDecompress(br.body)).equals(plain.body)).toBeTrue();
  });

  it('sends the bytes as they are without Accept-Encoding, or when only identity is acceptable', async () => {
    const variants: Record<string, string>[] = [
      {},
      { 'accept-encoding': 'identity' },
      { 'accept-encoding': 'br;q=0, gzip;q=0' },
    ];
    for (const headers of variants) {
      const reply = await list(headers);
      expect(reply.headers['content-encoding']).toBeUndefined();
      expect(reply.headers['content-type']).toContain('application/json');
      expect(Array.isArray(JSON.parse(reply.body.toString('utf8')))).toBeTrue();
    }
  });

  it('gives every content coding the same ETag, so a tag from a gzip reply validates a brotli one', async () => {
    const zipped = await list({ 'accept-encoding': 'gzip' });
    const br = await list({ 'accept-encoding': 'br', 'if-none-match': zipped.headers.etag! });
    expect(br.status).toBe(304);
  });

  it('answers other config lists the same way', async () => {
    const clusters = await rawGet(`${tp.baseUrl}/api/v1/config/clusters`, {
      authorization: `Bearer ${admin.token}`,
    });
    expect(clusters.status).toBe(200);
    const again = await rawGet(`${tp.baseUrl}/api/v1/config/clusters`, {
      authorization: `Bearer ${admin.token}`,
      'if-none-match': clusters.headers.etag!,
    });
    expect(again.status).toBe(304);
  });

  it('still refuses a caller without a credential before looking at If-None-Match', async () => {
    const etag = (await list()).headers.etag!;
    const res = await rawGet(`${tp.baseUrl}/api/v1/config/services`, { 'if-none-match': etag });
    expect(res.status).toBe(401);
  });
});

describe('sharing the generation reads of concurrent lists', () => {
  /** A counter read that answers only when told, with the value the counter had when the read was sent. */
  function aCounter() {
    const counter = { value: 0, sent: 0, answers: [] as (() => void)[] };
    const load = () => {
      counter.sent += 1;
      const seen = counter.value;
      return new Promise<number>((resolve) => counter.answers.push(() => resolve(seen)));
    };
    const answerAll = async () => {
      for (let i = 0; i < 5; i++) {
        for (const answer of counter.answers.splice(0)) answer();
        await new Promise((r) => setImmediate(r));
      }
    };
    return { counter, load, answerAll };
  }

  it('never answers a call with a read sent before the call began', async () => {
    const cache = new GenerationCache();
    const { counter, load, answerAll } = aCounter();
    const early = cache.read('Service', load);
    counter.value = 1; // a write commits while the first read is in flight
    const late = cache.read('Service', load);
    await answerAll();
    expect(await early).toBe(0);
    expect(await late).toBe(1);
  });

  it('sends one read for every call that arrives while another is in flight', async () => {
    const cache = new GenerationCache();
    const { counter, load, answerAll } = aCounter();
    const calls = [cache.read('Service', load)];
    for (let i = 0; i < 20; i++) calls.push(cache.read('Service', load));
    await answerAll();
    await Promise.all(calls);
    expect(counter.sent).toBe(2);
  });

  it('keeps the reads of different kinds apart', async () => {
    const cache = new GenerationCache();
    const { counter, load, answerAll } = aCounter();
    const calls = [cache.read('Service', load), cache.read('User', load)];
    await answerAll();
    await Promise.all(calls);
    expect(counter.sent).toBe(2);
  });

  describe('with a window', () => {
    let clock = 0;
    const windowed = () => new GenerationCache({ maxAgeMs: 200, now: () => clock });
    beforeEach(() => (clock = 1000));

    it('answers from memory within the window of the read that answered, and reads again after it', async () => {
      const cache = windowed();
      const { counter, load, answerAll } = aCounter();
      const first = cache.read('Service', load);
      await answerAll();
      expect(await first).toBe(0);
      counter.value = 1;
      clock += 199;
      expect(await cache.read('Service', load)).toBe(0);
      expect(counter.sent).toBe(1);
      clock += 1; // 200 ms after the read was sent
      const after = cache.read('Service', load);
      await answerAll();
      expect(await after).toBe(1);
      expect(counter.sent).toBe(2);
    });

    it('forgets a counter written in this process at once, and keeps no read sent before that write', async () => {
      const cache = windowed();
      const { counter, load, answerAll } = aCounter();
      const first = cache.read('Service', load);
      await answerAll();
      await first;
      const before = cache.read('Service', load); // answered from memory
      expect(await before).toBe(0);
      clock += 300;
      const racing = cache.read('Service', load); // sent before the write below, answered after it
      counter.value = 1;
      cache.forget('Service');
      await answerAll();
      expect(await racing).toBe(0);
      const next = cache.read('Service', load);
      await answerAll();
      expect(await next).toBe(1);
      expect(counter.sent).toBe(3);
    });
  });
});
