import type { Image } from '@shared/fleet/image';
import type { MachineImage } from './images';

/** An image name the original could rank: `<type>-<major>.<minor>.<patch>`. */
const COMPATIBLE = /^[a-zA-Z0-9.-]+-[0-9]+\.[0-9]+\.[0-9]+$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The type and version an image's name gives, as the original read them. */
export function typeAndVersion(name: string): { type: string; version: string; compatible: boolean } {
  if (!COMPATIBLE.test(name)) return { type: name, version: '', compatible: false };
  const at = name.lastIndexOf('-');
  return { type: name.slice(0, at), version: name.slice(at + 1), compatible: true };
}

/**
 * Whether an image is stable: a `Stable` tag (any case) with a value, or the description "stable", as
 * the original decided; here a value of `false` (any case) is not stable, where the original counted it.
 */
export function isStable(image: Pick<MachineImage, 'tags' | 'description'>): boolean {
  const tagged = Object.entries(image.tags).some(
    ([key, value]) => key.toLowerCase() === 'stable' && value !== '' && value.toLowerCase() !== 'false',
  );
  return tagged || image.description?.toLowerCase() === 'stable';
}

/** Compares x.y.z versions, newest first (an empty version sorts as 0.0.0, as the original did). */
function newestFirst(a: string, b: string): number {
  const parts = (v: string) => (v === '' ? [0, 0, 0] : v.split('.').map(Number));
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return y[i]! - x[i]!;
  return 0;
}

/** Whole days from one instant to a later one (0 when not later), truncated as the original counted. */
export function daysBetween(fromIso: string, toIso: string): number {
  const ms = Date.parse(toIso) - Date.parse(fromIso);
  return Number.isFinite(ms) && ms > 0 ? Math.floor(ms / DAY_MS) : 0;
}

/**
 * The original's image summaries, ranked: sorted by type (ascending), then version (newest first); in each
 * type the first is `IsLatest`, the first stable one `IsLatestStable`, and every image after that one is
 * `DaysBehindLatest` the days from its creation to the latest stable's (0 for it and for newer ones).
 */
export function rankImages(
  images: readonly MachineImage[],
  accountName: (ownerId: string) => string,
): Image[] {
  const summaries = images.map((i) => {
    const root = i.volumes.find((v) => v.deviceName === i.rootDeviceName);
    const { type, version, compatible } = typeAndVersion(i.name);
    return {
      summary: {
        ImageId: i.imageId,
        Name: i.name,
        CreationDate: i.creationDate,
        Platform: i.platform ? ('Windows' as const) : ('Linux' as const),
        Description: i.description ?? '',
        AmiType: type,
        AmiVersion: version,
        IsCompatibleImage: compatible,
        IsStable: isStable(i),
        Encrypted: root?.encrypted ?? null,
        RootVolumeSize: root?.volumeSize ?? null,
        AccountName: accountName(i.ownerId),
      },
    };
  });
  summaries.sort(
    (a, b) =>
      a.summary.AmiType.localeCompare(b.summary.AmiType) ||
      newestFirst(a.summary.AmiVersion, b.summary.AmiVersion),
  );
  const ranked: Image[] = [];
  let rank = 0;
  let type: string | undefined;
  let latestStable: { type: string; created: string } | undefined;
  for (const { summary } of summaries) {
    const isLatest = summary.AmiType !== type;
    rank = isLatest ? 1 : rank + 1;
    type = summary.AmiType;
    const stableSeen = latestStable?.type === summary.AmiType;
    const isLatestStable = summary.IsStable && !stableSeen;
    ranked.push({
      ...summary,
      Rank: rank,
      IsLatest: isLatest,
      IsLatestStable: isLatestStable,
      DaysBehindLatest: stableSeen ? daysBetween(summary.CreationDate, latestStable!.created) : 0,
    });
    if (isLatestStable) latestStable = { type: summary.AmiType, created: summary.CreationDate };
  }
  return ranked;
}
