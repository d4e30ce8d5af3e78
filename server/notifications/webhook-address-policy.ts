import { isIP } from 'node:net';
import { internalRange, type InternalRange } from './internal-address';

/** Why a webhook may not be sent to: the internal address its host is (or resolves to). */
export interface AddressRefusal {
  readonly host: string;
  readonly address: string;
  readonly range: InternalRange;
}

/** A URL's host as a resolver or an allow-list names it: lower case, an IPv6 address without brackets. */
export function webhookHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

/**
 * Where webhooks may be sent (the guard against server-side request forgery): to public addresses only,
 * unless the URL's host is one of the hosts allowed to be internal (`EM_WEBHOOK_ALLOWED_HOSTS`), so that
 * a settings editor cannot make the portal POST to its own loopback, the cloud metadata service
 * (169.254.169.254) or the private network. It decides only; the sender resolves and connects.
 */
export class WebhookAddressPolicy {
  private readonly allowed: ReadonlySet<string>;

  constructor(allowedHosts: readonly string[]) {
    this.allowed = new Set(allowedHosts.map((h) => h.replace(/^\[(.*)\]$/, '$1').toLowerCase()));
  }

  /**
   * Why a POST to `host` at `addresses` (every address it resolves to) is refused: the first internal
   * one, unless the host is allowed to be internal. Undefined when it may be sent.
   */
  refusal(host: string, addresses: readonly string[]): AddressRefusal | undefined {
    if (this.allowed.has(host.toLowerCase())) return undefined;
    for (const address of addresses) {
      const range = internalRange(address);
      if (range) return { host, address, range };
    }
    return undefined;
  }

  /**
   * Why a URL whose host is an IP address is refused, checked when it is written (a host name is checked
   * when it is sent to, once resolved). Undefined for a host name or an address it may be sent to.
   */
  literalRefusal(url: string): AddressRefusal | undefined {
    const host = webhookHost(new URL(url));
    return isIP(host) ? this.refusal(host, [host]) : undefined;
  }
}

const ALLOWANCE = 'webhooks may reach internal addresses only at hosts listed in EM_WEBHOOK_ALLOWED_HOSTS';

/** The refusal in words, as the delivery log says it. */
export function describeRefusal(r: AddressRefusal): string {
  const what = r.host === r.address ? r.address : `${r.host} resolves to ${r.address}, which`;
  return `refused: ${what} is a ${r.range} address; ${ALLOWANCE}`;
}

/** The refusal as the message of a 400's field (the webhook's `Url`). */
export function refusalOfField(r: AddressRefusal): string {
  return `is a ${r.range} address (${r.address}); ${ALLOWANCE}`;
}
