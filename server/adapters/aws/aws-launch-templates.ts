import {
  CreateLaunchTemplateVersionCommand,
  DescribeLaunchTemplateVersionsCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { z } from 'zod';
import { decodeUserData, encodeUserData } from '../../fleet/instance-user-data';
import {
  templateVersionKey,
  type LaunchTemplates,
  type NewTemplateVersion,
  type TemplateVersion,
  type TemplateVersionRef,
} from '../../fleet/launch-templates';
import { parseReply } from './aws-reply';

const AwsVersion = z.object({
  LaunchTemplateId: z.string(),
  VersionNumber: z.number().int(),
  VersionDescription: z.string().optional(),
  LaunchTemplateData: z
    .object({ ImageId: z.string().optional(), UserData: z.string().optional() })
    .optional(),
});

const VersionsReply = z.object({
  LaunchTemplateVersions: z.array(AwsVersion),
  NextToken: z.string().optional(),
});

const CreatedReply = z.object({
  LaunchTemplateVersion: z.object({ VersionNumber: z.number().int() }),
});

function toVersion(v: z.infer<typeof AwsVersion>): TemplateVersion {
  const payload = decodeUserData(v.LaunchTemplateData?.UserData);
  return {
    templateId: v.LaunchTemplateId,
    number: v.VersionNumber,
    ...(v.VersionDescription !== undefined ? { description: v.VersionDescription } : {}),
    ...(v.LaunchTemplateData?.ImageId ? { imageId: v.LaunchTemplateData.ImageId } : {}),
    ...(payload ? { payload } : {}),
  };
}

/** EC2 launch templates over the AWS SDK v3 client: one DescribeLaunchTemplateVersions per template. */
export class AwsLaunchTemplates implements LaunchTemplates {
  constructor(private readonly client: EC2Client) {}

  async versions(refs: readonly TemplateVersionRef[]): Promise<Map<string, TemplateVersion>> {
    // numbered versions of a template in one call; `$Latest` and `$Default` each alone, so that the
    // version answered is plainly the one they stand for
    const calls = new Map<string, { templateId: string; versions: string[]; symbolic?: string }>();
    for (const r of refs) {
      if (r.version.startsWith('$')) {
        calls.set(templateVersionKey(r), {
          templateId: r.templateId,
          versions: [r.version],
          symbolic: r.version,
        });
      } else {
        const key = `${r.templateId}:numbered`;
        const call = calls.get(key) ?? { templateId: r.templateId, versions: [] };
        if (!call.versions.includes(r.version)) call.versions.push(r.version);
        calls.set(key, call);
      }
    }
    const out = new Map<string, TemplateVersion>();
    await Promise.all(
      [...calls.values()].map(async ({ templateId, versions, symbolic }) => {
        for (const v of await this.describe(templateId, versions)) {
          out.set(templateVersionKey({ templateId, version: symbolic ?? String(v.number) }), v);
        }
      }),
    );
    return out;
  }

  private async describe(templateId: string, versions: readonly string[]): Promise<TemplateVersion[]> {
    const found: TemplateVersion[] = [];
    let token: string | undefined;
    do {
      const reply = parseReply(
        VersionsReply,
        'DescribeLaunchTemplateVersions',
        await this.client.send(
          new DescribeLaunchTemplateVersionsCommand({
            LaunchTemplateId: templateId,
            Versions: [...versions],
            NextToken: token,
          }),
        ),
      );
      found.push(...reply.LaunchTemplateVersions.map(toVersion));
      token = reply.NextToken;
    } while (token);
    return found;
  }

  async createVersion(templateId: string, version: NewTemplateVersion): Promise<number> {
    const reply = parseReply(
      CreatedReply,
      'CreateLaunchTemplateVersion',
      await this.client.send(
        new CreateLaunchTemplateVersionCommand({
          LaunchTemplateId: templateId,
          SourceVersion: String(version.sourceVersion),
          VersionDescription: version.description,
          ClientToken: version.clientToken,
          LaunchTemplateData: { UserData: encodeUserData(version.payload) },
        }),
      ),
    );
    return reply.LaunchTemplateVersion.VersionNumber;
  }
}
