import { AwsError } from './aws-error';

/**
 * The parameters of an AWS query request (`Action=...&Version=...`, form-encoded), with the two list
 * styles AWS uses: awsQuery's `Names.member.1` (Auto Scaling, ELBv2) and EC2's `InstanceId.1`.
 */
export class QueryParams {
  constructor(private readonly values: ReadonlyMap<string, string>) {}

  /** Parses a form-encoded body (and/or query string). */
  static parse(text: string): QueryParams {
    return new QueryParams(new Map(new URLSearchParams(text)));
  }

  get action(): string {
    return this.values.get('Action') ?? '';
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  /** A required parameter, or AWS's ValidationError / MissingParameter. */
  required(name: string, code = 'ValidationError'): string {
    const v = this.values.get(name);
    if (v === undefined || v === '') {
      throw new AwsError(
        code,
        code === 'MissingParameter'
          ? `The request must contain the parameter ${name}`
          : `1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`,
      );
    }
    return v;
  }

  int(name: string): number | undefined {
    const v = this.values.get(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n))
      throw new AwsError(
        'ValidationError',
        `Value '${v}' at '${lowerFirst(name)}' failed to satisfy constraint: Member must be an integer`,
      );
    return n;
  }

  bool(name: string): boolean | undefined {
    const v = this.values.get(name);
    return v === undefined ? undefined : v === 'true';
  }

  /** awsQuery list: `Prefix.member.1`, `Prefix.member.2`, ... (values). */
  members(prefix: string): string[] {
    return this.indexed(`${prefix}.member.`).map((i) => this.values.get(`${prefix}.member.${i}`)!);
  }

  /** awsQuery list of structures: `Prefix.member.1.Key`, ... */
  memberStructs(prefix: string): QueryParams[] {
    return this.indexedStructs(`${prefix}.member.`);
  }

  /** EC2 list: `Prefix.1`, `Prefix.2`, ... (values). */
  items(prefix: string): string[] {
    return this.indexed(`${prefix}.`)
      .map((i) => this.values.get(`${prefix}.${i}`)!)
      .filter((v) => v !== undefined);
  }

  /** EC2 list of structures: `Prefix.1.Name`, `Prefix.1.Value.1`, ... */
  itemStructs(prefix: string): QueryParams[] {
    return this.indexedStructs(`${prefix}.`);
  }

  /** The parameters under a prefix, with the prefix removed (`LaunchTemplateData.ImageId` -> `ImageId`). */
  sub(prefix: string): QueryParams {
    const p = `${prefix}.`;
    const out = new Map<string, string>();
    for (const [k, v] of this.values) if (k.startsWith(p)) out.set(k.slice(p.length), v);
    return new QueryParams(out);
  }

  /** Every parameter but the named ones, sorted by name: what makes two requests the same request. */
  canonical(except: readonly string[]): string {
    const kept = [...this.values].filter(([k]) => !except.includes(k));
    return JSON.stringify(kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** Whether any parameter starts with the prefix. */
  has(prefix: string): boolean {
    for (const k of this.values.keys()) if (k === prefix || k.startsWith(`${prefix}.`)) return true;
    return false;
  }

  private indexed(prefix: string): number[] {
    const found = new Set<number>();
    for (const k of this.values.keys()) {
      if (!k.startsWith(prefix)) continue;
      const rest = k.slice(prefix.length);
      const m = /^(\d+)$/.exec(rest);
      if (m) found.add(Number(m[1]));
    }
    return [...found].sort((a, b) => a - b);
  }

  private indexedStructs(prefix: string): QueryParams[] {
    const groups = new Map<number, Map<string, string>>();
    for (const [k, v] of this.values) {
      if (!k.startsWith(prefix)) continue;
      const m = /^(\d+)\.(.+)$/.exec(k.slice(prefix.length));
      if (!m) continue;
      const i = Number(m[1]);
      const g = groups.get(i) ?? new Map<string, string>();
      g.set(m[2]!, v);
      groups.set(i, g);
    }
    return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => new QueryParams(g));
  }
}

/** `AutoScalingGroupName` -> `autoScalingGroupName`, as AWS names members in validation messages. */
export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
