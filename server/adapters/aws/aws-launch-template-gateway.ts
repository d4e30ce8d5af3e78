import { DescribeLaunchTemplateVersionsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { z } from 'zod';
import { decodeUserData } from './instance-user-data';
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
            const payload = decodeUserData(v.LaunchTemplateData?.UserData);
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
