import {
  CreateLaunchTemplateVersionCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  type EC2Client,
  type RequestLaunchTemplateData,
  type VolumeType,
  type _InstanceType,
} from '@aws-sdk/client-ec2';
import { z } from 'zod';
import { decodeUserData, encodeUserData } from '../../fleet/instance-user-data';
import {
  templateVersionKey,
  type LaunchTemplates,
  type NewTemplateVersion,
  type TemplateVersion,
  type TemplateVersionNumbers,
  type TemplateVersionRef,
} from '../../fleet/launch-templates';
import { parseReply } from './aws-reply';

const AwsVersion = z.object({
  LaunchTemplateId: z.string(),
  VersionNumber: z.number().int(),
  VersionDescription: z.string().optional(),
  LaunchTemplateData: z
    .object({
      ImageId: z.string().optional(),
      InstanceType: z.string().optional(),
      UserData: z.string().optional(),
      IamInstanceProfile: z.object({ Name: z.string().optional(), Arn: z.string().optional() }).optional(),
      SecurityGroupIds: z.array(z.string()).optional(),
      SecurityGroups: z.array(z.string()).optional(),
      BlockDeviceMappings: z
        .array(
          z.object({
            DeviceName: z.string(),
            Ebs: z
              .object({
                VolumeSize: z.number().int().optional(),
                VolumeType: z.string().optional(),
                Encrypted: z.boolean().optional(),
                DeleteOnTermination: z.boolean().optional(),
              })
              .optional(),
          }),
        )
        .optional(),
    })
    .optional(),
});

const TemplatesReply = z.object({
  LaunchTemplates: z.array(
    z.object({
      LaunchTemplateId: z.string(),
      LatestVersionNumber: z.number().int(),
      DefaultVersionNumber: z.number().int(),
    }),
  ),
  NextToken: z.string().optional(),
});

const VersionsReply = z.object({
  LaunchTemplateVersions: z.array(AwsVersion),
  NextToken: z.string().optional(),
});

const CreatedReply = z.object({
  LaunchTemplateVersion: z.object({ VersionNumber: z.number().int() }),
});

function toVersion(v: z.infer<typeof AwsVersion>): TemplateVersion {
  const data = v.LaunchTemplateData;
  const payload = decodeUserData(data?.UserData);
  const profile = data?.IamInstanceProfile;
  return {
    templateId: v.LaunchTemplateId,
    number: v.VersionNumber,
    ...(v.VersionDescription !== undefined ? { description: v.VersionDescription } : {}),
    ...(data?.ImageId ? { imageId: data.ImageId } : {}),
    ...(data?.InstanceType ? { instanceType: data.InstanceType } : {}),
    ...(profile && (profile.Name || profile.Arn)
      ? {
          instanceProfile: {
            ...(profile.Name ? { name: profile.Name } : {}),
            ...(profile.Arn ? { arn: profile.Arn } : {}),
          },
        }
      : {}),
    // EC2 leaves out an empty list: a version without security groups or volumes has none
    securityGroupIds: data?.SecurityGroupIds ?? [],
    securityGroups: data?.SecurityGroups ?? [],
    volumes: (data?.BlockDeviceMappings ?? []).map((b) => ({
      deviceName: b.DeviceName,
      ...(b.Ebs?.VolumeSize !== undefined ? { volumeSize: b.Ebs.VolumeSize } : {}),
      ...(b.Ebs?.VolumeType !== undefined ? { volumeType: b.Ebs.VolumeType } : {}),
      ...(b.Ebs?.Encrypted !== undefined ? { encrypted: b.Ebs.Encrypted } : {}),
      ...(b.Ebs?.DeleteOnTermination !== undefined ? { deleteOnTermination: b.Ebs.DeleteOnTermination } : {}),
    })),
    ...(data?.UserData ? { userData: data.UserData } : {}),
    ...(payload ? { payload } : {}),
  };
}

/**
 * The launch template data of a new version: only what changes (EC2 takes the rest from the source). The
 * instance and volume types were checked where the change was asked for; EC2 refuses one it does not know.
 */
function newData(version: NewTemplateVersion): RequestLaunchTemplateData {
  const l = version.launch ?? {};
  return {
    ...(version.payload ? { UserData: encodeUserData(version.payload) } : {}),
    ...(l.imageId !== undefined ? { ImageId: l.imageId } : {}),
    ...(l.instanceType !== undefined ? { InstanceType: l.instanceType as _InstanceType } : {}),
    ...(l.instanceProfileName !== undefined ? { IamInstanceProfile: { Name: l.instanceProfileName } } : {}),
    ...(l.securityGroupIds !== undefined ? { SecurityGroupIds: [...l.securityGroupIds] } : {}),
    ...(l.volumes !== undefined
      ? {
          BlockDeviceMappings: l.volumes.map((v) => ({
            DeviceName: v.deviceName,
            Ebs: {
              VolumeSize: v.volumeSize,
              VolumeType: v.volumeType as VolumeType | undefined,
              Encrypted: v.encrypted,
              DeleteOnTermination: v.deleteOnTermination,
            },
          })),
        }
      : {}),
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

  async versionNumbers(templateIds: readonly string[]): Promise<Map<string, TemplateVersionNumbers>> {
    const out = new Map<string, TemplateVersionNumbers>();
    const ids = [...new Set(templateIds)];
    if (!ids.length) return out;
    let token: string | undefined;
    do {
      const reply = parseReply(
        TemplatesReply,
        'DescribeLaunchTemplates',
        await this.client.send(
          new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: ids, NextToken: token }),
        ),
      );
      for (const t of reply.LaunchTemplates)
        out.set(t.LaunchTemplateId, { latest: t.LatestVersionNumber, default: t.DefaultVersionNumber });
      token = reply.NextToken;
    } while (token);
    return out;
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
          LaunchTemplateData: newData(version),
        }),
      ),
    );
    return reply.LaunchTemplateVersion.VersionNumber;
  }
}
