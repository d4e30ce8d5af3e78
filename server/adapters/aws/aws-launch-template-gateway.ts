import { DescribeLaunchTemplateVersionsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { z } from 'zod';
import {
  templateVersionKey,
  type InstancePayload,
  type LaunchTemplateGateway,
  type TemplateVersionRef,
} from '../../fleet/launch-template-gateway';

const VersionsReply = z.object({
  LaunchTemplateVersions: z
    .array(
      z.object({
        LaunchTemplateId: z.string(),
        VersionNumber: z.number().int(),
        LaunchTemplateData: z.object({ UserData: z.string().optional() }).optional(),
      }),
    )
    .default([]),
  NextToken: z.string().optional(),
});

/** The user data instances read: base64 JSON naming the services and versions they run. */
const UserData = z.object({
  services: z.array(z.object({ name: z.string(), version: z.string() })),
  healthPath: z.string().optional(),
});

function decode(userData: string | undefined): InstancePayload | undefined {
  if (!userData) return undefined;
  try {
    const parsed = UserData.safeParse(JSON.parse(Buffer.from(userData, 'base64').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // user data that is not our JSON: the instance runs nothing the portal knows of
    return undefined;
  }
}

/** LaunchTemplateGateway over the AWS SDK: one DescribeLaunchTemplateVersions per template for all its versions. */
export class AwsLaunchTemplateGateway implements LaunchTemplateGateway {
  constructor(private readonly client: EC2Client) {}

  async payloads(refs: readonly TemplateVersionRef[]): Promise<Map<string, InstancePayload>> {
    const byTemplate = new Map<string, Set<string>>();
    for (const r of refs)
      byTemplate.set(r.templateId, (byTemplate.get(r.templateId) ?? new Set()).add(r.version));
    const out = new Map<string, InstancePayload>();
    await Promise.all(
      [...byTemplate].map(async ([templateId, versions]) => {
        let token: string | undefined;
        do {
          const reply = VersionsReply.parse(
            await this.client.send(
              new DescribeLaunchTemplateVersionsCommand({
                LaunchTemplateId: templateId,
                Versions: [...versions],
                NextToken: token,
              }),
            ),
          );
          for (const v of reply.LaunchTemplateVersions) {
            const payload = decode(v.LaunchTemplateData?.UserData);
            const key = templateVersionKey({
              templateId: v.LaunchTemplateId,
              version: String(v.VersionNumber),
            });
            if (payload) out.set(key, payload);
          }
          token = reply.NextToken;
        } while (token);
      }),
    );
    return out;
  }
}
