import type { AsgImage, Image } from '@shared/fleet/image';
import type { Catalogue } from '../catalogue/catalogue';
import { accountDefinition } from '../catalogue/definitions';
import type { FleetPass } from './fleet-pass';
import type { ObservedRole } from './fleet-observer';
import { daysBetween, rankImages } from './image-summary';
import type { MachineImage } from './images';
import type { AccountPorts, Accounts } from './accounts';
import { launchVersions } from './launch-versions';

/** What the image views are built from. */
export interface ImageFleetParts {
  readonly catalogue: Catalogue;
  readonly accounts: Accounts;
  /** The time, in ms since epoch (ages and days behind are counted to it). */
  readonly now?: () => number;
}

/** The account's images, ranked as the original's `/images` ranked them. */
export interface RankedImages {
  readonly all: readonly Image[];
  readonly byId: ReadonlyMap<string, Image>;
  /** The raw image by id (its root device, for volumes). */
  readonly machine: ReadonlyMap<string, MachineImage>;
  /** The latest stable image of a type, if it has one. */
  latestStable(amiType: string): Image | undefined;
}

/** The images of the portal's accounts and what the fleet views show of them. */
export class ImageFleet {
  constructor(private readonly parts: ImageFleetParts) {}

  /** Now, in ms since epoch. */
  now(): number {
    return (this.parts.now ?? Date.now)();
  }

  /**
   * Every image an account owns, ranked, with its account's name (from the catalogue, else its number).
   * `fresh` reads them from EC2 now (and renews the cache): a patch plan must see an image registered or
   * tagged Stable a moment ago.
   */
  async ranked(account: AccountPorts, options: { readonly fresh?: boolean } = {}): Promise<RankedImages> {
    if (options.fresh) account.images.forget();
    const [images, accounts] = await Promise.all([
      account.images.owned(),
      this.parts.catalogue.list(accountDefinition),
    ]);
    const names = new Map(accounts.map((a) => [a.value.AccountNumber, a.value.AccountName]));
    const all = rankImages(images, (owner) => names.get(owner) ?? owner);
    const latest = new Map(all.filter((i) => i.IsLatestStable).map((i) => [i.AmiType, i]));
    return {
      all,
      byId: new Map(all.map((i) => [i.ImageId, i])),
      machine: new Map(images.map((i) => [i.imageId, i])),
      latestStable: (type) => latest.get(type),
    };
  }

  /**
   * `GET /images`: each account's images ranked over that account's, of one account only when asked (by
   * AccountName or AccountNumber: 404 when the catalogue has no such account), then only stable or
   * unstable ones.
   */
  async list(query: { readonly account?: string; readonly stable?: boolean }): Promise<Image[]> {
    const accounts =
      query.account === undefined
        ? await this.parts.accounts.all()
        : [await this.parts.accounts.named(query.account)];
    const shown = (await Promise.all(accounts.map((a) => this.ranked(a)))).flatMap((r) => r.all);
    return query.stable === undefined ? shown : shown.filter((i) => i.IsStable === query.stable);
  }

  /** The original's image block of an image: its name, its age in days and whether it is the latest stable. */
  asgImage(image: Image): AsgImage {
    return {
      Name: image.Name,
      Age: daysBetween(image.CreationDate, new Date(this.now()).toISOString()),
      IsLatestStable: image.IsLatestStable,
    };
  }

  /**
   * The image block of each existing group of the roles, by group name: the image its launch template
   * version launches new instances with; groups whose image is unknown are left out.
   */
  async launchImages(
    account: AccountPorts,
    pass: FleetPass,
    roles: readonly ObservedRole[],
  ): Promise<Map<string, AsgImage>> {
    const groups = roles.flatMap((r) => r.groups.flatMap((g) => (g.group ? [g.group] : [])));
    const [versions, images] = await Promise.all([
      launchVersions(pass, account.fleet.launchTemplates, groups),
      this.ranked(account),
    ]);
    const out = new Map<string, AsgImage>();
    for (const [group, version] of versions) {
      const image = version.imageId === undefined ? undefined : images.byId.get(version.imageId);
      if (image) out.set(group, this.asgImage(image));
    }
    return out;
  }
}
