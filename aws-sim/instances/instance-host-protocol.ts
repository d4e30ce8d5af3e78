import type { UnhealthyMarks } from '../faults';
import type { InstanceIdentity } from './instance-server';

/*
 * The messages between the instance host and its thread. Both ends are this module and structured clone
 * keeps the shapes, so they are typed here rather than parsed.
 */

/** What the main thread asks of the instance thread; `id` pairs a request with its reply. */
export type HostRequest =
  | { readonly kind: 'start'; readonly id: number; readonly instance: InstanceIdentity }
  | { readonly kind: 'close' | 'close-all'; readonly id: number; readonly instanceId: string }
  | {
      readonly kind: 'unhealthy';
      readonly id: number;
      readonly marks: UnhealthyMarks;
    }
  | { readonly kind: 'flush'; readonly id: number };

/** The instance thread's answer to a request: a started server's port, or why it failed. */
export type HostReply =
  | { readonly id: number; readonly ok: true; readonly port?: number }
  | { readonly id: number; readonly ok: false; readonly error: string };
