import {
  templateVersionKey,
  type InstancePayload,
  type LaunchTemplateGateway,
  type TemplateVersionRef,
} from './launch-template-gateway';

/** A LaunchTemplateGateway that asks only for versions it has not seen: template versions never change. */
export class CachingLaunchTemplates implements LaunchTemplateGateway {
  private readonly cache = new Map<string, InstancePayload>();

  constructor(
    private readonly inner: LaunchTemplateGateway,
    private readonly maxEntries = 5000,
  ) {}

  async payloads(refs: readonly TemplateVersionRef[]): Promise<Map<string, InstancePayload>> {
    const missing = refs.filter((r) => !this.cache.has(templateVersionKey(r)));
    if (missing.length) {
      for (const [key, payload] of await this.inner.payloads(missing)) this.remember(key, payload);
    }
    const out = new Map<string, InstancePayload>();
    for (const r of refs) {
      const payload = this.cache.get(templateVersionKey(r));
      if (payload) out.set(templateVersionKey(r), payload);
    }
    return out;
  }

  private remember(key: string, payload: InstancePayload): void {
    // oldest first out: a Map iterates in insertion order
    if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, payload);
  }
}
