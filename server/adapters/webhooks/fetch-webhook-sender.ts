import type { WebhookReply, WebhookSender } from '../../notifications/webhook-sender';

/** Webhook POSTs with Node's fetch: no redirects followed, the body of the reply read and dropped. */
export class FetchWebhookSender implements WebhookSender {
  async post(
    url: string,
    body: string,
    headers: Record<string, string>,
    timeoutMs: number,
  ): Promise<WebhookReply> {
    const started = performance.now();
    try {
      const res = await fetch(url, {
        method: 'POST',
        body,
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      // read (and drop) the reply, so that the connection is free again
      await res.arrayBuffer().catch(() => undefined);
      return { status: res.status, durationMs: performance.now() - started };
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
