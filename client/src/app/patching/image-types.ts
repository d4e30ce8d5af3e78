import type { Image } from '@shared/fleet/image';

/** One image type of the estate: its latest stable image and its other versions, newest first. */
export interface ImageType {
  readonly type: string;
  readonly latestStable: Image | undefined;
  readonly others: readonly Image[];
}

/** The images grouped by type (types in name order), each type's versions by rank. */
export function imageTypes(images: readonly Image[]): ImageType[] {
  const byType = new Map<string, Image[]>();
  for (const image of images) {
    byType.set(image.AmiType, [...(byType.get(image.AmiType) ?? []), image]);
  }
  return [...byType.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, list]) => {
      const ranked = [...list].sort((a, b) => a.Rank - b.Rank);
      const latestStable = ranked.find((image) => image.IsLatestStable);
      return { type, latestStable, others: ranked.filter((image) => image !== latestStable) };
    });
}
