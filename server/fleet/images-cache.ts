import type { Images, MachineImage } from './images';

/**
 * The account's images, read at most once a `ttlMs` for the whole process (default a minute): images
 * change rarely (a new version a week, a Stable tag now and then), and every fleet view names them, so
 * this is their one cache policy, beside FleetPass's per-pass reads of groups and the process's cache of
 * numbered template versions. Readers in the same moment share one DescribeImages; a failed read is not
 * kept, so the next reader tries again.
 */
export class ImagesCache {
  private read: { readonly at: number; readonly images: Promise<MachineImage[]> } | undefined;

  constructor(
    private readonly images: Images,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The account's images, as EC2 gave them at most `ttlMs` ago. */
  owned(): Promise<MachineImage[]> {
    const at = this.now();
    if (this.read && at - this.read.at < this.ttlMs) return this.read.images;
    const images = this.images.owned();
    const read = { at, images };
    this.read = read;
    images.catch(() => {
      if (this.read === read) this.read = undefined;
    });
    return images;
  }

  /** Forgets what was read (after a change of the images, the next view reads them again). */
  forget(): void {
    this.read = undefined;
  }
}
