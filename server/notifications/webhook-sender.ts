/** What a webhook answered to one POST: its status, or the error when none came. */
export interface WebhookReply {
  readonly status?: number;
  readonly error?: string;
  /**
   * Nothing was sent: the URL's host is (or resolves to) an address webhooks may not reach. Final: the
   * delivery is not tried again.
   */
  readonly refused?: true;
  readonly durationMs: number;
}

/**
 * Sends one POST to a webhook, giving up after `timeoutMs`; never throws. It refuses (and sends nothing
 * to) a host that is or resolves to an address the WebhookAddressPolicy refuses, and connects to the
 * very address it checked.
 */
export interface WebhookSender {
  post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<WebhookReply>;
}
