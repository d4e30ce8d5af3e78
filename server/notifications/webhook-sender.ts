/** What a webhook answered to one POST: its status, or the error when none came. */
export interface WebhookReply {
  readonly status?: number;
  readonly error?: string;
  readonly durationMs: number;
}

/** Sends one POST to a webhook, giving up after `timeoutMs`; never throws. */
export interface WebhookSender {
  post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<WebhookReply>;
}
