import { z } from 'zod';

/** What an instance runs, as its launch template version's user data says (the format aws-sim boots from). */
export const InstanceUserData = z.object({
  services: z.array(z.object({ name: z.string(), version: z.string() })),
  healthPath: z.string().optional(),
});
export type InstanceUserData = z.infer<typeof InstanceUserData>;

/** Base64 JSON user data for instances running these services. */
export function encodeUserData(payload: InstanceUserData): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64');
}

/** The payload of base64 JSON user data, or undefined when it is missing or not ours. */
export function decodeUserData(userData: string | undefined): InstanceUserData | undefined {
  if (!userData) return undefined;
  try {
    const parsed = InstanceUserData.safeParse(JSON.parse(Buffer.from(userData, 'base64').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // user data that is not our JSON: the instance runs nothing the portal knows of
    return undefined;
  }
}
