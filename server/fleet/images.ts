/** An EBS volume of an image's block device mapping. */
export interface ImageVolume {
  readonly deviceName: string;
  readonly volumeSize?: number;
  readonly encrypted?: boolean;
}

/** A machine image as EC2 describes it (what the portal reads of it). */
export interface MachineImage {
  readonly imageId: string;
  readonly name: string;
  readonly ownerId: string;
  /** ISO 8601. */
  readonly creationDate: string;
  readonly description?: string;
  /** `windows` for Windows images; undefined for Linux (EC2 leaves it out). */
  readonly platform?: string;
  readonly rootDeviceName?: string;
  readonly volumes: readonly ImageVolume[];
  readonly tags: Readonly<Record<string, string>>;
}

/** EC2 images as the portal reads them (the one port for images). */
export interface Images {
  /** The images the account owns (`Owners: self`), every page. */
  owned(): Promise<MachineImage[]>;
}
