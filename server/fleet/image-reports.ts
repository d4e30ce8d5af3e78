import type { Image } from '@shared/fleet/image';
import type { ImageReport, OutOfDateReason, ReportGroup, ReportImage } from '@shared/fleet/image-report';
import type { Catalogue } from '../catalogue/catalogue';
import { loadEnvironmentLayout } from './environment-layout';
import { passOf, type Accounts } from './accounts';
import { observeRoles } from './fleet-observer';
import type { ImageFleet, RankedImages } from './image-fleet';
import { daysBetween } from './image-summary';
import { launchVersions } from './launch-versions';

/** What the image report is built from. */
export interface ImageReportParts {
  readonly catalogue: Catalogue;
  readonly accounts: Accounts;
}

/** Why an image is out of date: not the latest stable of its type, older than the limit, or unknown. */
function reasonsFor(
  image: Image | undefined,
  ageDays: number | null,
  olderThanDays: number | undefined,
): OutOfDateReason[] {
  if (!image) return ['unknown-image'];
  return [
    ...(image.IsLatestStable ? [] : (['not-latest-stable'] as const)),
    ...(olderThanDays !== undefined && ageDays !== null && ageDays > olderThanDays
      ? (['older-than'] as const)
      : []),
  ];
}

/** Which groups and instances of an environment run an out-of-date image, per cluster (what a patch would change). */
export class ImageReports {
  constructor(
    private readonly parts: ImageReportParts,
    private readonly images: ImageFleet,
  ) {}

  /** `GET /images/report?environment=&olderThanDays=`. */
  async report(environment: string, olderThanDays?: number): Promise<ImageReport> {
    const [layout, account] = await Promise.all([
      loadEnvironmentLayout(this.parts.catalogue, environment),
      this.parts.accounts.ofEnvironment(environment),
    ]);
    const pass = passOf(account);
    const roles = await observeRoles(pass, layout);
    const existing = roles.flatMap((r) => r.groups.flatMap((g) => (g.group ? [g.group] : [])));
    const liveIds = existing.flatMap((g) =>
      g.Instances.filter((i) => !i.LifecycleState.startsWith('Terminat')).map((i) => i.InstanceId),
    );
    const [versions, images, described] = await Promise.all([
      launchVersions(pass, account.fleet.launchTemplates, existing),
      this.images.ranked(account),
      account.instances.describe(liveIds),
    ]);
    const imageOf = new Map(described.map((i) => [i.instanceId, i.imageId]));
    const now = new Date(this.images.now()).toISOString();
    const named = (imageId: string): { view: ReportImage; image?: Image } => {
      const image = images.byId.get(imageId);
      const age = image ? daysBetween(image.CreationDate, now) : null;
      return {
        view: {
          ImageId: imageId,
          Name: image?.Name ?? null,
          AmiType: image?.AmiType ?? null,
          AmiVersion: image?.AmiVersion ?? null,
          AgeDays: age,
          DaysBehindLatest: image?.DaysBehindLatest ?? null,
        },
        ...(image ? { image } : {}),
      };
    };
    const byCluster = new Map<string, ReportGroup[]>();
    for (const role of roles) {
      for (const observed of role.groups) {
        const g = observed.group;
        if (!g) continue;
        const launchId = versions.get(g.AutoScalingGroupName)?.imageId;
        const launch = launchId === undefined ? undefined : named(launchId);
        const reasons = launch ? reasonsFor(launch.image, launch.view.AgeDays, olderThanDays) : [];
        const instances = g.Instances.flatMap((i) => {
          const id = imageOf.get(i.InstanceId);
          if (id === undefined) return [];
          const n = named(id);
          const r = reasonsFor(n.image, n.view.AgeDays, olderThanDays);
          return r.length ? [{ InstanceId: i.InstanceId, Image: n.view, Reasons: r }] : [];
        });
        if (!reasons.length && !instances.length) continue;
        const latest = launch?.image ? latestStableView(images, launch.image.AmiType, now) : null;
        const groups = byCluster.get(role.layout.cluster) ?? [];
        groups.push({
          Name: g.AutoScalingGroupName,
          Role: role.layout.role,
          ...(observed.slice ? { Slice: observed.slice } : {}),
          Image: launch?.view ?? null,
          LatestStable: latest,
          Reasons: reasons,
          Instances: instances,
        });
        byCluster.set(role.layout.cluster, groups);
      }
    }
    return {
      EnvironmentName: environment,
      OlderThanDays: olderThanDays ?? null,
      Clusters: [...byCluster.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([Cluster, groups]) => ({
          Cluster,
          Groups: groups.sort((a, b) => a.Name.localeCompare(b.Name)),
        })),
    };
  }
}

/** The latest stable image of a type, as the report names it. */
function latestStableView(images: RankedImages, amiType: string, now: string): ReportImage | null {
  const latest = images.latestStable(amiType);
  if (!latest) return null;
  return {
    ImageId: latest.ImageId,
    Name: latest.Name,
    AmiType: latest.AmiType,
    AmiVersion: latest.AmiVersion,
    AgeDays: daysBetween(latest.CreationDate, now),
    DaysBehindLatest: 0,
  };
}
