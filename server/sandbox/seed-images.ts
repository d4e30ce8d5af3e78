import { z } from 'zod';

/** A machine image of the demo estate: `<type>-<x.y.z>`, as the original read type and version from names. */
export interface DemoImage {
  readonly name: string;
  readonly description: string;
  readonly platform?: 'windows';
  readonly creationDate: string;
  readonly stable: boolean;
  readonly rootVolumeSize: number;
}

const linux = (version: string, creationDate: string, stable: boolean): DemoImage => ({
  name: `em-linux-base-${version}`,
  description: `Linux base ${version} (services run as systemd units)`,
  creationDate,
  stable,
  rootVolumeSize: 30,
});
const windows = (version: string, creationDate: string, stable: boolean): DemoImage => ({
  name: `em-windows-base-${version}`,
  description: `Windows Server base ${version}`,
  platform: 'windows',
  creationDate,
  stable,
  rootVolumeSize: 60,
});

/**
 * The demo estate's two image types, several versions each: the newest of each is not stable yet (a
 * candidate), so the latest stable is the one before it, and the estate runs some groups on older ones.
 */
export const demoImages: readonly DemoImage[] = [
  linux('1.0.0', '2026-06-01T07:00:00.000Z', true),
  linux('1.1.0', '2026-08-03T07:00:00.000Z', true),
  linux('1.2.0', '2026-10-05T07:00:00.000Z', true),
  linux('1.3.0', '2026-11-23T07:00:00.000Z', false),
  windows('2.0.0', '2026-07-06T07:00:00.000Z', true),
  windows('2.1.0', '2026-09-14T07:00:00.000Z', true),
  windows('2.2.0', '2026-11-16T07:00:00.000Z', false),
];

const Registered = z.array(
  z.object({ image: z.object({ imageId: z.string(), name: z.string() }), created: z.boolean() }),
);

/**
 * Registers the demo images in an account of aws-sim (its default one unless `accountId`) through its
 * control API (EC2's RegisterImage cannot set a creation date or a platform): once per name, so a later
 * start changes nothing. Answers how many it made.
 */
export async function seedImages(awsEndpoint: string, accountId?: string): Promise<number> {
  const query = accountId === undefined ? '' : `?account=${accountId}`;
  const res = await fetch(`${awsEndpoint}/_sim/images${query}`, {
    method: 'POST',
    body: JSON.stringify(
      demoImages.map((i) => ({
        name: i.name,
        description: i.description,
        ...(i.platform ? { platform: i.platform } : {}),
        creationDate: i.creationDate,
        tags: { ...(i.stable ? { Stable: 'true' } : {}), BuiltBy: 'image-pipeline' },
        rootVolumeSize: i.rootVolumeSize,
        encrypted: true,
      })),
    ),
  });
  if (!res.ok) throw new Error(`aws-sim refused the demo images: ${res.status} ${await res.text()}`);
  return Registered.parse(await res.json()).filter((r) => r.created).length;
}
