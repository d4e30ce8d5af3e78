import { z } from 'zod';
import type { InstancePayload } from '../cloud';

const UserData = z.object({
  services: z.array(z.object({ name: z.string().min(1), version: z.string().min(1) })).default([]),
  healthPath: z.string().startsWith('/').default('/health'),
});

const NOTHING: InstancePayload = { services: [], healthPath: '/health' };

/**
 * What an instance runs, from its user data: base64 of JSON
 * `{"services":[{"name":"Basket","version":"1.4.2"}],"healthPath":"/health"}`. Bad or missing user data
 * boots an instance that runs nothing, as a real instance with a broken bootstrap script would.
 */
export function decodePayload(userData: string | undefined): InstancePayload {
  if (!userData) return NOTHING;
  try {
    const parsed = UserData.safeParse(JSON.parse(Buffer.from(userData, 'base64').toString('utf8')));
    return parsed.success ? parsed.data : NOTHING;
  } catch {
    return NOTHING;
  }
}
